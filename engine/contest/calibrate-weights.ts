/**
 * Tune the sampler's per-driver weights so that the share of lineups containing each driver
 * matches its ownership target, and the opponents' salary floors so that the field's mean
 * salary matches the one the ownership implies (Σ own_i * salary_i is the field's mean lineup
 * salary, so floors that are too tight make the targets unreachable). Sequential draws under a salary window do not include drivers
 * in proportion to their weights (the chalk saturates, cheap drivers are pulled in to fit the
 * cap), so we iterate w_i <- w_i * (target_i / realised_i)^step on a pilot field (an iterative
 * proportional fitting on the marginals). The pilot reuses the SAME random words, slot by slot,
 * in every iteration (common random numbers), so the map from weights to frequencies is nearly
 * smooth and the fit converges instead of chasing noise; the pilot's own sampling error
 * (~sqrt(p(1-p)/pilotSize)) is what remains.
 */
import { EngineError } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import type { ConstrainedLineupSampler } from './lineup-sampler.js';
import { drawLineup } from './salary-floor.js';

export interface CalibrationSettings {
  /** Pilot lineups per iteration. @default 5_000 */
  readonly pilotSize: number;
  /** Most iterations. @default 12 */
  readonly maxIterations: number;
  /**
   * Stop once max_i |realised_i - target_i| is below this (fraction). The field's own ownership
   * feedback (field-entries.ts) removes what the pilot leaves, so the pilot only needs to get close.
   * @default 0.003
   */
  readonly tolerance: number;
  /** Exponent of the multiplicative update (1 = full step). @default 1 */
  readonly step: number;
}

/** Floor updates are damped to a factor of 2 per iteration; shortfall never reaches exactly 0. */
const MAX_SHORTFALL_RATIO = 2;
const MIN_SHORTFALL = 1e-4;

export const DEFAULT_CALIBRATION: CalibrationSettings = { pilotSize: 5_000, maxIterations: 12, tolerance: 0.003, step: 1 };

export interface CalibrationResult {
  readonly weights: Float64Array;
  /** Mean floor shortfall (fraction of cap) that matches the implied salary usage. */
  readonly meanShortfall: number;
  readonly maxAbsError: number;
  readonly iterations: number;
}

export interface PilotSetup {
  readonly sampler: ConstrainedLineupSampler;
  readonly targets: Float64Array;
  readonly rosterSize: number;
  readonly cap: number;
  /** Pre-drawn uniforms behind the pilot's salary floors, one per pilot lineup. */
  readonly floorUniforms: Float64Array;
  /** Floor in dollars from a uniform and a mean shortfall (salary-floor.ts). */
  readonly floorOf: (u: number, meanShortfall: number) => number;
  /** Starting mean shortfall and the usage (mean salary / cap) the targets imply. */
  readonly meanShortfall: number;
  readonly impliedUsage: number;
  /** Random words for the pilot draws, pilotSize x rosterSize, reused every iteration (CRN). */
  readonly uniforms: Uint32Array;
  /** Called after each iteration with the lineups drawn (progress / cancellation). */
  readonly ctx?: EngineRunContext;
  readonly onIteration?: (iteration: number) => void;
}

export function calibrateWeights(setup: PilotSetup, settings: CalibrationSettings): CalibrationResult {
  const { sampler, targets, floorUniforms, cap } = setup;
  const n = targets.length;
  const P = floorUniforms.length;
  let shortfall = setup.meanShortfall;
  let bestShortfall = shortfall;
  const weights = Float64Array.from(targets);
  const best = Float64Array.from(targets);
  const counts = new Float64Array(n);
  const lineup = new Int32Array(setup.rosterSize);
  let bestError = Infinity;
  let iterations = 0;
  const minFreq = 0.5 / P; // a driver never drawn in the pilot still gets a finite update
  for (let it = 0; it < settings.maxIterations; it++) {
    if (setup.ctx?.isCancelled()) throw new EngineError('CANCELLED', 'field sampling cancelled');
    counts.fill(0);
    let salary = 0;
    for (let p = 0; p < P; p++) {
      salary += drawLineup(sampler, weights, setup.floorOf(floorUniforms[p], shortfall), cap, setup.uniforms, p * setup.rosterSize, lineup);
      for (let r = 0; r < lineup.length; r++) counts[lineup[r]]++;
    }
    iterations = it + 1;
    let err = 0;
    for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(counts[i] / P - targets[i]));
    if (err < bestError) {
      bestError = err;
      best.set(weights);
      bestShortfall = shortfall;
    }
    setup.onIteration?.(iterations);
    if (err < settings.tolerance) break;
    // Floors: scale the mean shortfall by how far the realised unused salary is from the implied.
    const realisedUnused = 1 - salary / (P * cap);
    const ratio = realisedUnused > 0 ? (1 - setup.impliedUsage) / realisedUnused : MAX_SHORTFALL_RATIO;
    shortfall = Math.max(MIN_SHORTFALL, shortfall * Math.min(MAX_SHORTFALL_RATIO, Math.max(1 / MAX_SHORTFALL_RATIO, ratio)));
    for (let i = 0; i < n; i++) {
      if (!(targets[i] > 0)) continue;
      weights[i] *= Math.pow(targets[i] / Math.max(counts[i] / P, minFreq), settings.step);
    }
    // Weights only matter up to scale; renormalise so repeated updates cannot overflow.
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i];
    for (let i = 0; i < n; i++) weights[i] /= s;
  }
  return { weights: best, meanShortfall: bestShortfall, maxAbsError: bestError, iterations };
}
