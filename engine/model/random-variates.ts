/** Gamma / Beta / Poisson variates on the seeded generator (Marsaglia & Tsang 2000 for Gamma). */
import type { RandomGenerator } from '../rng/index.js';

export function sampleGamma(rng: RandomGenerator, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(rng.nextDouble() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.nextNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextDouble();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(rng: RandomGenerator, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}

/** Knuth's multiplication method; fine for the small means used here (< 30). */
export function samplePoisson(rng: RandomGenerator, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.nextDouble();
  while (p > limit) {
    k++;
    p *= rng.nextDouble();
  }
  return k;
}
