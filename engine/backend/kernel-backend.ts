/**
 * The hot kernels of the engine behind one interface (issue 12), so the same calibration,
 * simulation and lineup-scoring code can run on the plain-TypeScript reference or on a tensor
 * library (tfjs: wasm/cpu here, libtensorflow with CUDA on a GPU host).
 *
 * Every kernel is async because tensor backends read results back asynchronously (a GPU
 * download); the CPU reference computes synchronously and returns resolved promises.
 * Inputs are plain typed arrays, row-major, so one caller feeds every backend the same bytes
 * (and the same seeded uniforms: backends never draw random numbers themselves).
 */

import type { FieldRowsInput } from '../contest/field-top-rows.js';

export type { FieldRowsInput };

export type KernelBackendName = 'cpu' | 'tfjs';

export interface KernelBackendInfo {
  readonly name: KernelBackendName;
  /**
   * What actually runs the maths: 'js-typed-arrays' (CPU reference), 'tfjs-node-gpu' (libtensorflow
   * with a CUDA device), 'tfjs-node-cpu' (libtensorflow, no GPU found), 'tfjs-wasm-simd',
   * 'tfjs-wasm', 'tfjs-cpu' (tfjs's pure-JS kernels).
   */
  readonly device: string;
  /** Threads the kernels use, when known (tfjs wasm in Node is single-threaded, see load-tfjs.ts). */
  readonly threads?: number;
  /** Why a preferred device was skipped while choosing this one (for /ready and job diagnostics). */
  readonly fallbackReasons?: readonly string[];
}

/**
 * Plackett-Luce data: race r owns rows [raceStart[r], raceStart[r+1]) in finishing order
 * (winner first); each row names a driver. Same layout as engine/model/plackett-luce.ts.
 * Treat as immutable: tensor backends cache a padded copy per problem object (pass a new object
 * for new data).
 */
export interface PlProblem {
  readonly nDrivers: number;
  /** Length races + 1, non-decreasing, raceStart[0] = 0. */
  readonly raceStart: Int32Array;
  /** Driver index (0..nDrivers-1) of each row. */
  readonly driverOfRow: Int32Array;
  /** Weight of each race's log likelihood (1 for plain data). */
  readonly weight: Float64Array;
}

export interface PlBatchResult {
  /** sum_r weight[r] * log L_r for each chain. */
  readonly logp: Float64Array;
  /** chains x nDrivers, row-major: d logp / d theta. */
  readonly grad: Float64Array;
}

export interface ScoreStats {
  /** When set, pAtLeast[l] = P(score_l >= target) over the scenarios. */
  readonly target?: number;
  /** When set, cvar[a][l] = mean of the top ceil(alphas[a] * S) scenario scores of lineup l. */
  readonly alphas?: readonly number[];
}

export interface LineupScores {
  /** Mean score over the scenarios, per lineup. */
  readonly mean: Float64Array;
  readonly pAtLeast?: Float64Array;
  /** One array per alpha (same order as `stats.alphas`), each of length L. */
  readonly cvar?: Float64Array[];
}

/** Integer rows of a field score table (see engine/contest/field-top-rows.ts). */
export interface FieldRows {
  /** scenarios x rowLength milli-point scores, each row ascending. */
  readonly top: Int32Array;
  /** Per scenario: entries equal to the row minimum that did not fit in the row. */
  readonly tiesAtRowMin: Uint32Array;
}

export interface KernelBackend {
  readonly info: KernelBackendInfo;

  /**
   * Batched Plackett-Luce log likelihood and gradient for many parameter vectors at once.
   * `theta` is chains x nDrivers (skill per driver, the linear predictor of each row).
   * Throws INVALID_INPUT on inconsistent shapes.
   */
  plBatch(problem: PlProblem, theta: Float64Array, chains: number): Promise<PlBatchResult>;

  /**
   * Finish positions by Gumbel-max: key = eta[draw][i] - log(-log u[s][i]); the largest key
   * wins. `eta` is draws x n, `uniforms` is S x n in the open interval (0, 1) (see
   * `gumbelUniforms`), `drawOfScenario[s]` picks the eta row. Returns S x n positions, 1 = winner.
   */
  sampleFinishOrders(eta: Float32Array, uniforms: Float32Array, drawOfScenario: Int32Array, n: number): Promise<Uint8Array>;

  /**
   * Scores L lineups (k driver indices each) in S scenarios: score[l][s] = sum_j points[s][lineup[l][j]],
   * then the per-lineup statistics asked for. `points` is S x n, row-major.
   */
  scoreLineups(points: Float32Array, S: number, n: number, lineups: Int32Array, k: number, stats: ScoreStats): Promise<LineupScores>;

  /**
   * Contest pricing: per scenario of `input.milli` (scenarios x players integer milli-points),
   * the `rowLength` best scores of the field's entries (duplicates counted) and the ties left
   * at the row minimum. Integer sums (exact in float32 below 2^24), so every backend returns
   * exactly the same rows.
   */
  fieldTopScores(input: FieldRowsInput): Promise<FieldRows>;

  /** Releases tensors this backend cached. The backend must not be used afterwards. */
  dispose(): void;
}
