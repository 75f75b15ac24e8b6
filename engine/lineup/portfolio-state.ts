/**
 * Marginal gains of the portfolio objectives over a (growing) candidate pool, on the selection
 * scenarios: portfolio-coverage.ts (P(best lineup clears a bar)), portfolio-payout.ts (Σ prizes,
 * our entries competing), portfolio-mean.ts (the projection baseline).
 */
import type { CandidatePool } from './candidate-pool.js';
import { forEachLineupScores } from './pool-scores.js';

export interface PortfolioState {
  /** Upper bounds of every candidate's first marginal gain. */
  readonly initial: Float64Array;
  /** Mean points per candidate (tie-break). */
  readonly means: Float64Array;
  /** Score the pool's candidates from index `from` on (the pool grew). */
  extend(from: number): void;
  gain(c: number): number;
  /** Candidate c's objective on its own (natural units), as reported per lineup. */
  standalone(c: number): number;
  commit(c: number): void;
  /** Current objective value (natural units) on the selection scenarios. */
  value(): number;
}

/** A typed array at least `n` long holding `a`'s contents (capacity doubles). */
export function grow<T extends Float64Array | Uint32Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (len: number) => T)(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** Means of candidates [from, pool.size) into `means` (grown), calling extra(k, x) per candidate. */
export function scoreRange(pool: CandidatePool, from: number, cols: Float32Array, S: number, means: Float64Array, extra?: (k: number, x: Float64Array) => void): Float64Array {
  const out = grow(means, pool.size);
  const R = pool.rosterSize;
  forEachLineupScores(pool.lineups.subarray(from * R, pool.size * R), R, pool.size - from, cols, S, (j, x) => {
    let m = 0;
    for (let s = 0; s < S; s++) m += x[s];
    out[from + j] = m / S;
    extra?.(from + j, x);
  });
  return out;
}

