/**
 * Seeded inputs shared by the backend agreement tests and bench/backend.ts. Everything comes
 * from engine/rng, so every backend sees the same bytes for the same seed.
 */
import type { PlProblem } from '../../engine/backend/index.js';
import { gumbelUniforms } from '../../engine/backend/index.js';
import type { RandomGenerator } from '../../engine/rng/index.js';
import { createRng, nextInt } from '../../engine/rng/index.js';

/** Races of `fieldSize` drivers drawn from `nDrivers` (random field, random order); the last race is shorter to exercise padding. */
export function plProblem(seed: number, nDrivers: number, races: number, fieldSize = nDrivers): PlProblem {
  const rng = createRng(seed);
  const raceStart = new Int32Array(races + 1);
  const rows: number[] = [];
  for (let r = 0; r < races; r++) {
    const size = r === races - 1 && fieldSize > 2 ? Math.ceil(fieldSize / 2) : fieldSize;
    rows.push(...shuffled(rng, nDrivers).slice(0, size));
    raceStart[r + 1] = rows.length;
  }
  const weight = Float64Array.from({ length: races }, () => 0.5 + rng.nextDouble());
  return { nDrivers, raceStart, driverOfRow: Int32Array.from(rows), weight };
}

/** chains x nDrivers skills, N(0, 0.8^2). */
export function thetaBatch(seed: number, chains: number, nDrivers: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: chains * nDrivers }, () => 0.8 * rng.nextNormal());
}

export interface FinishInputs {
  readonly eta: Float32Array;
  readonly uniforms: Float32Array;
  readonly drawOfScenario: Int32Array;
  readonly n: number;
}

export function finishInputs(seed: number, S: number, n: number, draws: number): FinishInputs {
  const rng = createRng(seed);
  const eta = Float32Array.from({ length: draws * n }, () => rng.nextNormal());
  const drawOfScenario = Int32Array.from({ length: S }, () => nextInt(rng, draws));
  const uniforms = gumbelUniforms(rng.jump(), S * n);
  return { eta, uniforms, drawOfScenario, n };
}

/**
 * S x n fantasy points, quantised to quarter points (right-skewed, 0..~120) so that every
 * lineup score is exact in float32 and P(score >= target) must agree exactly across backends.
 */
export function scenarioPoints(seed: number, S: number, n: number): Float32Array {
  const rng = createRng(seed);
  const base = Float64Array.from({ length: n }, () => 10 + 30 * rng.nextDouble());
  const out = new Float32Array(S * n);
  for (let s = 0; s < S; s++) {
    for (let d = 0; d < n; d++) {
      const x = base[d] * Math.exp(0.6 * rng.nextNormal());
      out[s * n + d] = Math.round(Math.min(x, 120) * 4) / 4;
    }
  }
  return out;
}

/** L lineups of k distinct drivers out of n. */
export function randomLineups(seed: number, L: number, n: number, k: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(L * k);
  for (let l = 0; l < L; l++) out.set(shuffled(rng, n).slice(0, k), l * k);
  return out;
}

function shuffled(rng: RandomGenerator, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = nextInt(rng, i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
