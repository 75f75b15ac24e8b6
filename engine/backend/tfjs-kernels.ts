/**
 * The three hot kernels as tfjs op graphs (float32). Pure: `tf` is injected, nothing here loads a
 * package or touches the filesystem; the caller (tfjs-backend.ts) activates the tfjs backend,
 * runs these inside tf.tidy and reads the results back.
 *
 * Why these shapes: a tensor op costs ~10 us of dispatch on wasm/cpu (more on a GPU launch), so
 * each kernel is a fixed, short chain of whole-array ops, batched over chains / scenarios /
 * lineups, never a per-element loop.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type { PlProblem } from './kernel-backend.js';

type Tf = typeof TfCore;
type Tensor = TfCore.Tensor;

/** Big enough to lose every max() against a real linear predictor, small enough for float32. */
const MASKED_LOW = -1e30;
/**
 * Floor on z = eta - (race max) before exp: exp(-80) = 1.8e-35 is still a normal float32, so
 * S never underflows to 0 (which would make log S = -inf and 0 * inf = NaN in the gradient).
 * Exact while a race's skills span < 80 nats (a 1e35 odds ratio; real fields span ~10); beyond
 * that the float32 result is finite but approximate, where the float64 CPU reference (~700
 * nats) is still exact.
 */
const MIN_Z = -80;

/**
 * Races padded to [R, Nmax] (rows past a race's end masked out) and a one-hot [R*Nmax, D]
 * matrix that scatter-adds row gradients back to drivers as one matMul (R*Nmax*D floats; the
 * wasm backend has no UnsortedSegmentSum, and a dense matMul is what a GPU does best).
 * Built once per problem and cached by the caller: it depends on the data, not on theta.
 */
export interface PaddedRaces {
  readonly R: number;
  readonly N: number;
  readonly D: number;
  readonly idx: Tensor; // int32 [R*N], padding -> driver 0 (masked)
  readonly mask: Tensor; // [R, N] 1 for real rows
  readonly padOne: Tensor; // [R, N] 1 - mask
  readonly maskLow: Tensor; // [R, N] 0 for real rows, MASKED_LOW for padding
  readonly weight: Tensor; // [R, 1] race weights
  readonly scatter: Tensor; // [R*N, D]
}

export function padRaces(tf: Tf, problem: PlProblem): PaddedRaces {
  const { raceStart, driverOfRow, weight, nDrivers: D } = problem;
  const R = raceStart.length - 1;
  let N = 0;
  for (let r = 0; r < R; r++) N = Math.max(N, raceStart[r + 1] - raceStart[r]);
  const idx = new Int32Array(R * N);
  const mask = new Float32Array(R * N);
  const scatter = new Float32Array(R * N * D);
  for (let r = 0; r < R; r++) {
    for (let i = raceStart[r]; i < raceStart[r + 1]; i++) {
      const cell = r * N + (i - raceStart[r]);
      idx[cell] = driverOfRow[i];
      mask[cell] = 1;
      scatter[cell * D + driverOfRow[i]] = 1;
    }
  }
  // Tensors returned from tidy survive it; the intermediates (1 - mask) are freed.
  return tf.tidy(() => {
    const maskT = tf.tensor2d(mask, [R, N]);
    return {
      R,
      N,
      D,
      idx: tf.tensor1d(idx, 'int32'),
      mask: maskT,
      padOne: tf.sub(1, maskT),
      maskLow: tf.mul(tf.sub(1, maskT), MASKED_LOW),
      weight: tf.tensor2d(Float32Array.from(weight), [R, 1]),
      scatter: tf.tensor2d(scatter, [R * N, D]),
    };
  });
}

export function disposePadded(p: PaddedRaces): void {
  for (const t of [p.idx, p.mask, p.padOne, p.maskLow, p.weight, p.scatter]) t.dispose();
}

/**
 * Plackett-Luce log likelihood and gradient for `chains` parameter rows (see
 * engine/model/plackett-luce.ts for the formula). Per chain c and race r, with z = eta - max
 * (shift for float32 range), w = exp(max(z, MIN_Z)), S_k = reverse cumsum of w:
 *   log L = sum_k z_k - log S_k,   d/d eta_i = 1 - w_i * sum_{k<=i} 1/S_k   (forward cumsum).
 * Padding has w = 0 and gets S = 1 added, so log S = 0 and 1/S stays finite; it then
 * contributes exactly 0 to both sums. Returns [logp [C], grad [C, D]]. Call inside tf.tidy.
 */
export function plBatchGraph(tf: Tf, p: PaddedRaces, theta: Float32Array, chains: number): [Tensor, Tensor] {
  const { R, N, D } = p;
  const th = tf.tensor2d(theta, [chains, D]);
  const eta = tf.reshape(tf.gather(th, p.idx, 1), [chains, R, N]);
  const m = tf.max(tf.add(tf.mul(eta, p.mask), p.maskLow), 2, true); // [C, R, 1]
  const z = tf.mul(tf.sub(eta, m), p.mask);
  const w = tf.mul(tf.exp(tf.maximum(z, MIN_Z)), p.mask);
  const S = tf.add(tf.cumsum(w, 2, false, true), p.padOne);
  const perRace = tf.sum(tf.sub(z, tf.log(S)), 2); // [C, R]
  const logp = tf.squeeze(tf.matMul(perRace, p.weight), [1]); // [C]
  const acc = tf.cumsum(tf.reciprocal(S), 2);
  const gEta = tf.mul(tf.sub(p.mask, tf.mul(w, acc)), tf.reshape(p.weight, [1, R, 1]));
  const grad = tf.matMul(tf.reshape(gEta, [chains, R * N]), p.scatter); // [C, D]
  return [logp, grad];
}

/**
 * Gumbel-max finish positions for one chunk of scenarios: keys = eta[draw] - log(-log u); the
 * first topk sorts drivers by key (order[s][place] = driver), the second inverts that
 * permutation (argsort of the order gives place[s][driver]). Returns int32 [Sc, n], 0-based.
 */
export function finishOrdersGraph(tf: Tf, etaT: Tensor, uniforms: Float32Array, draws: Int32Array, n: number): Tensor {
  const Sc = draws.length;
  const u = tf.tensor2d(uniforms, [Sc, n]);
  const keys = tf.sub(tf.gather(etaT, tf.tensor1d(draws, 'int32'), 0), tf.log(tf.neg(tf.log(u))));
  const order = tf.topk(keys, n).indices;
  return tf.topk(tf.neg(tf.cast(order, 'float32')), n).indices;
}

/**
 * Field rows for one chunk of scenarios: entry scores [Sc, F] as the sum of R gathers of the
 * points (adds of integer-valued float32 are exact below 2^24 on every device — no matMul, so
 * no reduced-precision TF32 path either), one descending topk for the best K, and the ties at
 * the K-th score that fell outside the row. Returns [top ascending [Sc, K], ties [Sc]].
 */
export function fieldTopGraph(tf: Tf, points: Float32Array, Sc: number, n: number, entryPlayers: readonly Tensor[], K: number): [Tensor, Tensor] {
  const p = tf.tensor2d(points, [Sc, n]);
  let scores = tf.gather(p, entryPlayers[0], 1);
  for (let r = 1; r < entryPlayers.length; r++) scores = tf.add(scores, tf.gather(p, entryPlayers[r], 1));
  const best = tf.topk(scores, K).values; // [Sc, K] descending
  const min = tf.slice(best, [0, K - 1], [Sc, 1]);
  const eq = (t: Tensor) => tf.sum(tf.cast(tf.equal(t, min), 'int32'), 1);
  const ties = tf.sub(eq(scores), eq(best));
  return [tf.cast(tf.reverse(best, 1), 'int32'), ties];
}

export interface ScoreGraphOut {
  readonly mean: Tensor;
  readonly pAtLeast?: Tensor;
  readonly cvar: Tensor[];
}

/**
 * One chunk of lineups: selection [Lc, n] (count of each driver in each lineup) times pointsᵀ
 * gives scores [Lc, S]; then row means, the share of scenarios at or above target, and the
 * means of the top-m prefixes of one descending topk (m per alpha). Call inside tf.tidy.
 */
export function scoreGraph(tf: Tf, pointsT: Tensor, selection: Float32Array, Lc: number, n: number, target: number | undefined, tails: readonly number[]): ScoreGraphOut {
  const sel = tf.tensor2d(selection, [Lc, n]);
  const scores = tf.matMul(sel, pointsT, false, true); // [Lc, S]
  const mean = tf.mean(scores, 1);
  const pAtLeast = target === undefined ? undefined : tf.mean(tf.cast(tf.greaterEqual(scores, target), 'float32'), 1);
  let cvar: Tensor[] = [];
  if (tails.length) {
    const top = tf.topk(scores, Math.max(...tails)).values; // [Lc, mMax], descending
    cvar = tails.map((m) => tf.mean(tf.slice(top, [0, 0], [Lc, m]), 1));
  }
  return { mean, ...(pAtLeast ? { pAtLeast } : {}), cvar };
}
