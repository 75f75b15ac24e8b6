/**
 * The tensor backend: the kernels of tfjs-kernels.ts on whichever tfjs runtime load-tfjs.ts
 * found (libtensorflow + CUDA, wasm SIMD, or tfjs's JS kernels). Pure: the runtime is injected.
 *
 * tfjs has one global engine with one active backend per process, and a process may hold
 * several of our backends (tests compare tfjs-cpu with tfjs-wasm). So every kernel activates its
 * tfjs backend and builds its whole op graph in one synchronous block (no await between the
 * switch and the last op); results are read afterwards, which is safe because tfjs routes a
 * read to the backend that owns the tensor.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type { FieldRows, FieldRowsInput, KernelBackend, KernelBackendInfo, LineupScores, PlBatchResult, PlProblem, ScoreStats } from './kernel-backend.js';
import { checkFieldInputs, checkFinishInputs, checkPlInputs, checkScoreInputs, tailCount } from './kernel-inputs.js';
import type { PaddedRaces } from './tfjs-kernels.js';
import { disposePadded, fieldTopGraph, finishOrdersGraph, padRaces, plBatchGraph, scoreGraph } from './tfjs-kernels.js';

type Tf = typeof TfCore;
type Tensor = TfCore.Tensor;

export interface TfjsBackendOptions {
  /**
   * Budget for the largest intermediate of one chunk (scores of a lineup chunk, keys of a
   * scenario chunk), in bytes.
   * @default 256 MiB on a GPU (fewer, larger launches), 64 MiB otherwise (wasm memory is one
   * growable heap of at most 4 GiB)
   */
  readonly chunkBytes?: number;
  /** Padded-race layouts kept per problem object. @default 4 */
  readonly cachedProblems?: number;
}

export interface TfjsRuntime {
  readonly tf: Tf;
  /** tfjs backend name: 'tensorflow' | 'wasm' | 'cpu'. */
  readonly tfBackend: string;
  readonly gpu: boolean;
}

const MIB = 1024 * 1024;

export function createTfjsBackend(runtime: TfjsRuntime, info: Omit<KernelBackendInfo, 'name'>, options: TfjsBackendOptions = {}): KernelBackend {
  const { tf, tfBackend } = runtime;
  const chunkBytes = options.chunkBytes ?? (runtime.gpu ? 256 : 64) * MIB;
  const maxCached = options.cachedProblems ?? 4;
  const layouts = new Map<PlProblem, PaddedRaces>();
  let disposed = false;

  /** Makes our tfjs backend the active one; synchronous once load-tfjs.ts initialised it. */
  const activate = (): void => {
    if (disposed) throw new Error('kernel backend used after dispose()');
    if (tf.getBackend() === tfBackend) return;
    // setBackend of an already-initialised backend switches before its first await.
    void tf.setBackend(tfBackend);
    if (tf.getBackend() !== tfBackend) throw new Error(`tfjs backend '${tfBackend}' could not be activated`);
  };

  const layoutOf = (problem: PlProblem): PaddedRaces => {
    let p = layouts.get(problem);
    if (!p) {
      p = padRaces(tf, problem);
      layouts.set(problem, p);
      if (layouts.size > maxCached) {
        const [oldest, old] = layouts.entries().next().value as [PlProblem, PaddedRaces];
        layouts.delete(oldest);
        disposePadded(old);
      }
    }
    return p;
  };

  async function plBatch(problem: PlProblem, theta: Float64Array, chains: number): Promise<PlBatchResult> {
    checkPlInputs(problem, theta, chains);
    if (problem.driverOfRow.length === 0) return { logp: new Float64Array(chains), grad: new Float64Array(chains * problem.nDrivers) };
    activate();
    const p = layoutOf(problem);
    const [logp, grad] = await readAll(tf.tidy(() => plBatchGraph(tf, p, Float32Array.from(theta), chains)));
    return { logp: Float64Array.from(logp), grad: Float64Array.from(grad) };
  }

  async function sampleFinishOrders(eta: Float32Array, uniforms: Float32Array, drawOfScenario: Int32Array, n: number): Promise<Uint8Array> {
    checkFinishInputs(eta, uniforms, drawOfScenario, n);
    const S = drawOfScenario.length;
    const out = new Uint8Array(S * n);
    // keys, u and the two topk outputs: ~4 floats per cell.
    const chunk = Math.max(1, Math.floor(chunkBytes / (16 * n)));
    activate();
    const etaT = tf.tensor2d(eta, [eta.length / n, n]);
    try {
      for (let s0 = 0; s0 < S; s0 += chunk) {
        const s1 = Math.min(S, s0 + chunk);
        activate();
        const placeT = tf.tidy(() => finishOrdersGraph(tf, etaT, uniforms.subarray(s0 * n, s1 * n), drawOfScenario.subarray(s0, s1), n));
        const [place] = await readAll([placeT]);
        const base = s0 * n;
        for (let i = 0; i < place.length; i++) out[base + i] = place[i] + 1;
      }
    } finally {
      etaT.dispose();
    }
    return out;
  }

  async function scoreLineups(points: Float32Array, S: number, n: number, lineups: Int32Array, k: number, stats: ScoreStats): Promise<LineupScores> {
    checkScoreInputs(points, S, n, lineups, k, stats);
    const L = lineups.length / k;
    const alphas = stats.alphas ?? [];
    const tails = alphas.map((a) => tailCount(a, S));
    const mean = new Float64Array(L);
    const pAtLeast = stats.target === undefined ? undefined : new Float64Array(L);
    const cvar = alphas.map(() => new Float64Array(L));
    // scores [Lc, S] plus the topk values and the greaterEqual mask: ~3 floats per lineup-scenario.
    const chunk = Math.max(1, Math.floor(chunkBytes / (12 * S)));
    activate();
    const pointsT = tf.tensor2d(points, [S, n]);
    try {
      for (let l0 = 0; l0 < L; l0 += chunk) {
        const Lc = Math.min(L, l0 + chunk) - l0;
        // Driver counts per lineup, built here rather than by tf.oneHot + sum (no Lc x k x n
        // intermediate, and a driver listed twice counts twice, as in the CPU reference).
        const selection = new Float32Array(Lc * n);
        for (let l = 0; l < Lc; l++) for (let j = 0; j < k; j++) selection[l * n + lineups[(l0 + l) * k + j]] += 1;
        activate();
        const [m, p, ...c] = await readAll(
          tf.tidy(() => {
            const r = scoreGraph(tf, pointsT, selection, Lc, n, stats.target, tails);
            return [r.mean, r.pAtLeast ?? tf.zeros([0]), ...r.cvar];
          }),
        );
        mean.set(m, l0);
        pAtLeast?.set(p, l0);
        for (let a = 0; a < c.length; a++) cvar[a].set(c[a], l0);
      }
    } finally {
      pointsT.dispose();
    }
    return { mean, ...(pAtLeast ? { pAtLeast } : {}), ...(alphas.length ? { cvar } : {}) };
  }

  async function fieldTopScores(input: FieldRowsInput): Promise<FieldRows> {
    const S = checkFieldInputs(input);
    const { milli, players: n, lineups, rosterSize: R, counts, rowLength: K } = input;
    // Duplicates expanded to one column per entry: topk then counts them like the CPU histogram.
    let F = 0;
    for (let d = 0; d < counts.length; d++) F += counts[d];
    const cols = Array.from({ length: R }, () => new Int32Array(F));
    for (let d = 0, e = 0; d < counts.length; d++) for (let c = 0; c < counts[d]; c++, e++) for (let r = 0; r < R; r++) cols[r][e] = lineups[d * R + r];
    const top = new Int32Array(S * K);
    const tiesAtRowMin = new Uint32Array(S);
    // scores, two equality masks and the topk: ~4 floats per scenario-entry.
    const chunk = Math.max(1, Math.floor(chunkBytes / (16 * F)));
    activate();
    const entryPlayers = cols.map((c) => tf.tensor1d(c, 'int32'));
    try {
      for (let s0 = 0; s0 < S; s0 += chunk) {
        const s1 = Math.min(S, s0 + chunk);
        activate();
        const [t, ties] = await readAll(tf.tidy(() => fieldTopGraph(tf, Float32Array.from(milli.subarray(s0 * n, s1 * n)), s1 - s0, n, entryPlayers, K)));
        top.set(t, s0 * K);
        tiesAtRowMin.set(ties, s0);
      }
    } finally {
      for (const t of entryPlayers) t.dispose();
    }
    return { top, tiesAtRowMin };
  }

  return {
    info: { name: 'tfjs', ...info },
    fieldTopScores,
    plBatch,
    sampleFinishOrders,
    scoreLineups,
    dispose: () => {
      for (const p of layouts.values()) disposePadded(p);
      layouts.clear();
      disposed = true;
    },
  };
}

/** Reads tensors back (concurrently: one GPU sync instead of several) and frees them, also on failure. */
async function readAll(tensors: Tensor[]): Promise<TfCore.TypedArray[]> {
  try {
    return (await Promise.all(tensors.map((t) => t.data()))) as TfCore.TypedArray[];
  } finally {
    for (const t of tensors) t.dispose();
  }
}
