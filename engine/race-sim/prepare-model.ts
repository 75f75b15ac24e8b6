/**
 * Per-run precomputation so the scenario loop does no `exp` and no option lookups:
 * per posterior draw, the exponential-race rates and the laps-led / fastest-lap weights, and
 * the running-order decay powers. Strengths are centred on each draw's maximum first: the
 * Plackett–Luce model is invariant to a common shift, and centring keeps exp() finite.
 */
import type { RaceModel } from '../contract/models.js';
import type { SimulationOptions } from './options.js';

export interface PreparedModel {
  readonly n: number;
  readonly draws: number;
  readonly laps: number;
  /** D*n exp(-(strength - max)): driver i's finishing "time" is Exp(1) * invWorth. */
  readonly invWorth: Float64Array;
  /** Length D: median over drivers of the expected finishing time (ln 2 * invWorth), the
   *  bucket scale of the per-scenario sort. */
  readonly medianTime: Float64Array;
  /** D*n exp(lapsLedDominance * (strength - max)). */
  readonly leadWeight: Float64Array;
  /** D*n exp(fastestLapDominance * (strength - max)). */
  readonly fastWeight: Float64Array;
  readonly dnfProb: Float64Array;
  readonly incidentProb: Float64Array;
  readonly incidentMeanCars: number;
  readonly greenLapShare: number;
  /** leadRankDecay^p and fastestLapRankDecay^p for finishing place p = 0..n-1. */
  readonly leadRankPow: Float64Array;
  readonly fastRankPow: Float64Array;
  readonly start: Int32Array;
  readonly opts: SimulationOptions;
}

/** exp() argument bound: e^±700 stays finite, so weights never become Infinity or NaN sums. */
const EXP_BOUND = 700;
function clampExp(x: number): number {
  return x > EXP_BOUND ? EXP_BOUND : x < -EXP_BOUND ? -EXP_BOUND : x;
}

export function prepareModel(model: RaceModel, start: Int32Array, opts: SimulationOptions): PreparedModel {
  const n = model.drivers.length;
  const D = model.draws;
  const invWorth = new Float64Array(D * n);
  const leadWeight = new Float64Array(D * n);
  const fastWeight = new Float64Array(D * n);
  const medianTime = new Float64Array(D);
  const row = new Float64Array(n);
  for (let d = 0; d < D; d++) {
    const o = d * n;
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (model.strength[o + i] > max) max = model.strength[o + i];
    for (let i = 0; i < n; i++) {
      const s = model.strength[o + i] - max; // <= 0
      invWorth[o + i] = Math.exp(clampExp(-s));
      leadWeight[o + i] = Math.exp(clampExp(model.lapsLedDominance * s));
      fastWeight[o + i] = Math.exp(clampExp(model.fastestLapDominance * s));
    }
    row.set(invWorth.subarray(o, o + n));
    row.sort();
    medianTime[d] = Math.LN2 * row[n >> 1];
  }
  const leadRankPow = new Float64Array(n);
  const fastRankPow = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    leadRankPow[p] = Math.pow(opts.leadRankDecay, p);
    fastRankPow[p] = Math.pow(opts.fastestLapRankDecay, p);
  }
  return {
    n,
    draws: D,
    laps: model.laps,
    invWorth,
    medianTime,
    leadWeight,
    fastWeight,
    dnfProb: model.dnfProb,
    incidentProb: model.incidentProb,
    incidentMeanCars: model.incidentMeanCars,
    greenLapShare: model.greenLapShare,
    leadRankPow,
    fastRankPow,
    start,
    opts,
  };
}
