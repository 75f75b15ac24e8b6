/**
 * Loads a tfjs runtime for the tensor backend, by dynamic import so the engine starts (and the
 * CPU reference runs) when none of these packages is installed.
 *
 * Order for 'auto-tensor' (issue 12):
 *   1. @tensorflow/tfjs-node-gpu — optional dependency. Its install script downloads libtensorflow
 *      (CUDA) from the internet; where that fails npm drops the package, and where scripts are
 *      blocked it arrives without tfjs_binding.node. Either way the import throws; we record the
 *      first line of why and fall through.
 *   2. @tensorflow/tfjs-backend-wasm with SIMD. The .wasm files are read from the package's own
 *      dist/ folder on disk (setWasmPaths with a filesystem path; no network). Threads: tfjs
 *      4.22 reports WASM_HAS_MULTITHREAD_SUPPORT = false under Node (tfjs issue #3830), so it
 *      always loads the single-threaded SIMD binary here; the cross-origin-isolation rule for
 *      threaded wasm only concerns browsers.
 *   3. @tensorflow/tfjs-backend-cpu — tfjs's pure-JS kernels.
 * Explicit devices force one and fail with the reason.
 *
 * Why this file is outside the engine-maths lint block (eslint.config.js): it resolves package
 * folders with node:module and sets one CUDA library switch in process.env (loadNodeGpu). The kernels (tfjs-backend.ts) stay pure and get `tf` injected.
 * tfjs keeps ONE global engine per process; every package here shares the single hoisted copy of
 * @tensorflow/tfjs-core (same version pinned), so backends registered by each import coexist.
 */
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import type * as TfCore from '@tensorflow/tfjs-core';

export type Tf = typeof TfCore;

/** Which tfjs runtime to load: a forced one, or the first that works in the order above. */
export type TensorDevice = 'auto-tensor' | 'tfjs-gpu' | 'tfjs-wasm' | 'tfjs-cpu';

export interface LoadedTfjs {
  readonly tf: Tf;
  /** tfjs backend name to activate: 'tensorflow' | 'wasm' | 'cpu'. */
  readonly tfBackend: string;
  /** 'tfjs-node-gpu' | 'tfjs-node-cpu' | 'tfjs-wasm-simd' | 'tfjs-wasm' | 'tfjs-cpu'. */
  readonly device: string;
  /** true only for libtensorflow with a CUDA device. */
  readonly gpu: boolean;
  readonly threads?: number;
  /** Devices tried before this one, each with why it was skipped. */
  readonly fallbackReasons: readonly string[];
}

/** No runtime could be loaded; `reasons` has one line per device tried. */
export class TfjsUnavailableError extends Error {
  override readonly name = 'TfjsUnavailableError';
  constructor(readonly device: TensorDevice, readonly reasons: readonly string[]) {
    super(`tfjs runtime '${device}' unavailable: ${reasons.join('; ')}`);
  }
}

export type TfjsLoader = (device: TensorDevice) => Promise<LoadedTfjs>;

const require = createRequire(import.meta.url);
// A variable specifier keeps TypeScript from resolving the optional package's types at build time.
const NODE_GPU_PACKAGE: string = '@tensorflow/tfjs-node-gpu';

export const loadTfjs: TfjsLoader = async (device) => {
  const tries: Record<Exclude<TensorDevice, 'auto-tensor'>, () => Promise<Omit<LoadedTfjs, 'fallbackReasons'>>> = {
    'tfjs-gpu': loadNodeGpu,
    'tfjs-wasm': loadWasm,
    'tfjs-cpu': loadCpu,
  };
  const order = device === 'auto-tensor' ? (['tfjs-gpu', 'tfjs-wasm', 'tfjs-cpu'] as const) : [device];
  const reasons: string[] = [];
  for (const d of order) {
    try {
      return { ...(await tries[d]()), fallbackReasons: [...reasons] };
    } catch (err) {
      reasons.push(`${d}: ${firstLine(err)}`);
    }
  }
  throw new TfjsUnavailableError(device, reasons);
};

async function core(): Promise<Tf> {
  const tf = cjsNamespace<Tf>(await import('@tensorflow/tfjs-core'));
  // PROD silences tfjs's console notices ("install tfjs-node to speed things up") and skips
  // debug-only checks; it changes no numerics.
  tf.enableProdMode();
  return tf;
}

async function loadNodeGpu(): Promise<Omit<LoadedTfjs, 'fallbackReasons'>> {
  // TensorFlow 2.9 runs float32 matMul as TF32 (10-bit mantissa) on Ampere and newer GPUs by
  // default, which would break the float32 agreement the tests promise (issue 12 tolerances).
  // NVIDIA's documented kill switch, read by cuBLAS/cuDNN when libtensorflow creates its handles
  // (so it must be set before the import). An operator's own setting wins.
  process.env.NVIDIA_TF32_OVERRIDE ??= '0';
  // Throws when the native addon or libtensorflow is missing (see the header).
  const tf = cjsNamespace<Tf>(await import(NODE_GPU_PACKAGE));
  if (!(await tf.setBackend('tensorflow'))) throw new Error("tfjs-node-gpu loaded but backend 'tensorflow' failed to initialise");
  tf.enableProdMode();
  // NodeJSKernelBackend exposes whether libtensorflow placed ops on a CUDA device.
  const gpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
  return { tf, tfBackend: 'tensorflow', device: gpu ? 'tfjs-node-gpu' : 'tfjs-node-cpu', gpu };
}

async function loadWasm(): Promise<Omit<LoadedTfjs, 'fallbackReasons'>> {
  const tf = await core();
  const wasm = cjsNamespace<typeof TfWasm>(await import('@tensorflow/tfjs-backend-wasm'));
  // Local files: the package's dist/ folder (trailing separator: tfjs appends the file name).
  const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;
  wasm.setWasmPaths(dist); // harmless once initialised; must precede the first setBackend('wasm')
  if (!(await tf.setBackend('wasm'))) throw new Error(`wasm backend failed to initialise from ${dist}`);
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return { tf, tfBackend: 'wasm', device: simd ? 'tfjs-wasm-simd' : 'tfjs-wasm', gpu: false, threads: wasm.getThreadsCount() };
}

async function loadCpu(): Promise<Omit<LoadedTfjs, 'fallbackReasons'>> {
  const tf = await core();
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to initialise');
  return { tf, tfBackend: 'cpu', device: 'tfjs-cpu', gpu: false, threads: 1 };
}

/** These packages are CommonJS: Node's ESM import gives their exports under `default`. */
function cjsNamespace<T>(mod: unknown): T {
  const m = mod as { default?: unknown };
  return (m.default && typeof m.default === 'object' ? m.default : m) as T;
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].trim().slice(0, 300);
}
