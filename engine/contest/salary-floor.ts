/**
 * How much of the cap an opponent spends. Real fields leave little salary unused: most entries
 * are within a few hundred dollars of the cap, a thin tail leaves more on the table. Each
 * opponent draws a salary FLOOR = cap * (1 - X), X ~ Exponential(mean) truncated at
 * maxShortfall, and the sampler only builds lineups in [floor, cap]; realised salaries sit at or
 * above the floor, so the floors' mean is set a bit below the usage the ownership implies.
 */
import { EngineError } from '../contract/engine-error.js';
import type { ConstrainedLineupSampler } from './lineup-sampler.js';

export interface SalaryUsageModel {
  /**
   * Starting mean shortfall of the floor below the cap, fraction of the cap; 'auto' starts from
   * the usage implied by the ownership targets, 1.5 * (1 - implied usage) clamped to
   * [0.004, 0.1]. Calibration then adjusts it until the field's mean salary matches.
   * @default 'auto'
   */
  readonly meanShortfall: number | 'auto';
  /** Largest shortfall of a floor (fraction of the cap). @default 0.15 */
  readonly maxShortfall: number;
}

export const DEFAULT_SALARY_USAGE: SalaryUsageModel = { meanShortfall: 'auto', maxShortfall: 0.15 };

/** Floor lowered by this share of the cap after each dead-end draw. */
const FLOOR_RETRY_STEP = 0.01;
const MAX_ATTEMPTS = 200;

export function resolveMeanShortfall(model: SalaryUsageModel, impliedUsage: number): number {
  if (model.meanShortfall !== 'auto') return model.meanShortfall;
  return Math.min(0.1, Math.max(0.004, 1.5 * (1 - impliedUsage)));
}

/** One opponent's floor in dollars from a uniform u (never above the dearest lineup that fits). */
export function floorFromUniform(u: number, cap: number, maxFeasibleSalary: number, meanShortfall: number, maxShortfall: number): number {
  const x = meanShortfall > 0 ? -meanShortfall * Math.log(1 - u * (1 - Math.exp(-maxShortfall / meanShortfall))) : 0;
  return Math.min(maxFeasibleSalary, cap * (1 - x));
}

/**
 * Draw a lineup, lowering the floor after dead ends (same random words each attempt). Terminates: once the floor is at or below
 * zero only the cap side is checked, and that check is exact.
 * @returns the lineup's salary
 */
export function drawLineup(sampler: ConstrainedLineupSampler, weights: Float64Array, floor: number, cap: number, uniforms: Uint32Array, offset: number, out: Int32Array): number {
  let f = floor;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const salary = sampler.sample(weights, f, uniforms, offset, out);
    if (salary >= 0) return salary;
    f = f > 0 ? f - FLOOR_RETRY_STEP * cap : -1;
  }
  throw new EngineError('INTERNAL', 'field sampler could not complete a lineup under the cap (feasibility pre-check missed a case)');
}
