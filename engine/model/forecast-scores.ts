/**
 * Scoring of finishing-position forecasts: discrete CRPS (ranked probability score, unnormalised:
 * sum_k (F(k) - 1{y <= k})^2) and randomised-PIT interval coverage. A central c-interval
 * "covers" the outcome when |PIT - 0.5| <= c/2 with PIT = F(y-1) + U (F(y) - F(y-1)); for a
 * calibrated discrete forecast this hits the nominal rate exactly, unlike quantile intervals,
 * which over-cover on integers.
 */
import type { RandomGenerator } from '../rng/index.js';

/** pmf over positions 1..n (index 0..n-1), outcome y in 1..n. */
export function crpsDiscrete(pmf: ArrayLike<number>, y: number): number {
  let F = 0;
  let s = 0;
  for (let k = 1; k < pmf.length; k++) {
    F += pmf[k - 1];
    const d = F - (y <= k ? 1 : 0);
    s += d * d;
  }
  return s;
}

/** CRPS of the uniform forecast on 1..n (closed form of the sum above). */
export function crpsUniform(n: number, y: number): number {
  let s = 0;
  for (let k = 1; k < n; k++) {
    const d = k / n - (y <= k ? 1 : 0);
    s += d * d;
  }
  return s;
}

export function randomisedPit(pmf: ArrayLike<number>, y: number, rng: RandomGenerator): number {
  let below = 0;
  for (let k = 0; k < y - 1; k++) below += pmf[k];
  return below + rng.nextDouble() * pmf[y - 1];
}

export const COVERAGE_LEVELS = [0.5, 0.8, 0.9] as const;

export function covered(pit: number, level: number): boolean {
  return Math.abs(pit - 0.5) <= level / 2;
}
