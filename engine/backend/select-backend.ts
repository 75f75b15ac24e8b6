/**
 * Picks the kernel backend from the ENGINE_BACKEND setting (issue 12):
 *   auto      — tfjs on libtensorflow when @tensorflow/tfjs-node-gpu loads AND reports a CUDA
 *               device; otherwise the CPU reference. Not tfjs wasm/cpu: on the 2-core dev
 *               machine the CPU reference beat both on every kernel (bench/backend.ts; wasm SIMD
 *               ran at 0.16x / 0.66x / 0.39x of it on plBatch / sampleFinishOrders /
 *               scoreLineups, tfjs cpu at 0.02-0.08x; table in docs/backends.md), so a tensor
 *               backend only pays off on a GPU.
 *   cpu       — the CPU reference (plain TypeScript).
 *   tfjs      — the best tfjs runtime that loads: node-gpu, then wasm SIMD, then tfjs cpu.
 *   tfjs-gpu | tfjs-wasm | tfjs-cpu — force that runtime; tfjs-gpu also requires a CUDA device.
 * An unknown choice is INVALID_INPUT; a forced runtime that cannot load is
 * DEPENDENCY_UNAVAILABLE (not retryable: a missing package does not appear on retry). Both name
 * ENGINE_BACKEND and say why in details.reasons.
 */
import { EngineError, invalidInput } from '../contract/engine-error.js';
import { createCpuBackend } from './cpu-backend.js';
import type { KernelBackend } from './kernel-backend.js';
import type { LoadedTfjs, TensorDevice, TfjsLoader } from './load-tfjs.js';
import { loadTfjs, TfjsUnavailableError } from './load-tfjs.js';
import type { TfjsBackendOptions } from './tfjs-backend.js';
import { createTfjsBackend } from './tfjs-backend.js';

export const KERNEL_BACKEND_CHOICES = ['auto', 'cpu', 'tfjs', 'tfjs-wasm', 'tfjs-cpu', 'tfjs-gpu'] as const;
export type KernelBackendChoice = (typeof KERNEL_BACKEND_CHOICES)[number];

export interface CreateKernelBackendOptions extends TfjsBackendOptions {
  /** Loads a tfjs runtime; injectable so tests can simulate a missing or broken one. @default loadTfjs */
  readonly load?: TfjsLoader;
}

const FIELD = 'ENGINE_BACKEND';

export async function createKernelBackend(choice: KernelBackendChoice, options: CreateKernelBackendOptions = {}): Promise<KernelBackend> {
  const { load = loadTfjs, ...tfjsOptions } = options;
  switch (choice) {
    case 'cpu':
      return createCpuBackend();
    case 'auto': {
      const got = await tryLoad(load, 'tfjs-gpu');
      if ('error' in got) return createCpuBackend([got.error]);
      if (got.loaded.gpu) return fromLoaded(got.loaded, tfjsOptions);
      return createCpuBackend([`tfjs-gpu: libtensorflow loaded but reports no CUDA device (${got.loaded.device})`]);
    }
    case 'tfjs':
    case 'tfjs-wasm':
    case 'tfjs-cpu':
    case 'tfjs-gpu': {
      const device: TensorDevice = choice === 'tfjs' ? 'auto-tensor' : choice;
      const got = await tryLoad(load, device);
      if ('error' in got) throw unavailable(choice, got.reasons);
      if (choice === 'tfjs-gpu' && !got.loaded.gpu) throw unavailable(choice, [`libtensorflow loaded but reports no CUDA device (${got.loaded.device})`]);
      return fromLoaded(got.loaded, tfjsOptions);
    }
    default:
      throw invalidInput(FIELD, `unknown kernel backend '${String(choice)}' (expected one of ${KERNEL_BACKEND_CHOICES.join(', ')})`, { value: String(choice) });
  }
}

function fromLoaded(loaded: LoadedTfjs, options: TfjsBackendOptions): KernelBackend {
  const { device, threads, fallbackReasons } = loaded;
  return createTfjsBackend(loaded, { device, ...(threads !== undefined ? { threads } : {}), ...(fallbackReasons.length ? { fallbackReasons } : {}) }, options);
}

type LoadOutcome = { loaded: LoadedTfjs } | { error: string; reasons: readonly string[] };

async function tryLoad(load: TfjsLoader, device: TensorDevice): Promise<LoadOutcome> {
  try {
    return { loaded: await load(device) };
  } catch (err) {
    const reasons = err instanceof TfjsUnavailableError ? err.reasons : [`${device}: ${err instanceof Error ? err.message : String(err)}`];
    return { error: reasons.join('; '), reasons };
  }
}

function unavailable(choice: KernelBackendChoice, reasons: readonly string[]): EngineError {
  return new EngineError('DEPENDENCY_UNAVAILABLE', `${FIELD}=${choice}: kernel backend unavailable: ${reasons.join('; ')}`, {
    retryable: false,
    details: { field: FIELD, value: choice, reasons: [...reasons] },
  });
}
