/**
 * Per-driver exposure counts for an N-lineup portfolio, checked up front, and the progressive
 * schedule that keeps exposure spread over the whole build instead of front-loaded:
 *   after k lineups a driver may appear in at most  min(maxCount, ceil(maxExposure · k))
 *   and should appear in at least                   floor(minExposure · k)   (soft, preferred)
 *   and MUST appear in this lineup when its remaining minimum needs every remaining lineup.
 * So a 0.5 max-exposure driver is in at most 1 of the first 2 lineups, 2 of the first 4 ...
 * and a stream consumer never sees a portfolio prefix that violates the caps.
 */
import type { PortfolioConstraints } from '../contract/lineup-types.js';
import { invalidInput } from '../contract/engine-error.js';
import type { SlateSpec } from '../contract/models.js';
import { infeasible, type ResolvedConstraints } from './resolve-constraints.js';

export interface ExposurePlan {
  readonly lineups: number;
  readonly minExp: Float64Array;
  readonly maxExp: Float64Array;
  /** Final bounds on the number of lineups containing each driver (slate order). */
  readonly minCount: Int32Array;
  readonly maxCount: Int32Array;
}

const EPS = 1e-9;

export function exposurePlan(slate: SlateSpec, c: PortfolioConstraints, rc: ResolvedConstraints, N: number): ExposurePlan {
  const n = slate.players.length;
  const R = slate.rosterSize;
  const defMax = c.maxExposure ?? 1;
  const defMin = c.minExposure ?? 0;
  const frac = (field: string, v: number): number => {
    if (!(v >= 0 && v <= 1)) throw invalidInput(field, 'must be a fraction in [0, 1]', { got: v });
    return v;
  };
  const maxExp = new Float64Array(n).fill(frac('constraints.maxExposure', defMax));
  const minExp = new Float64Array(n).fill(frac('constraints.minExposure', defMin));
  const index = new Map(slate.players.map((p, i) => [p.driverId, i]));
  (c.exposures ?? []).forEach((e, k) => {
    const i = index.get(e.driverId);
    if (i === undefined) throw invalidInput(`constraints.exposures[${k}].driverId`, `unknown driver '${e.driverId}'`);
    if (e.max !== undefined) maxExp[i] = frac(`constraints.exposures[${k}].max`, e.max);
    if (e.min !== undefined) minExp[i] = frac(`constraints.exposures[${k}].min`, e.min);
  });
  for (const i of rc.locks) {
    if (maxExp[i] < 1) throw infeasible('constraints.exposures', `driver '${slate.players[i].driverId}' is locked (in every lineup) but has max exposure ${maxExp[i]}`);
    minExp[i] = 1;
  }
  const minCount = new Int32Array(n);
  const maxCount = new Int32Array(n);
  let sumMin = 0;
  let slots = 0;
  for (let i = 0; i < n; i++) {
    const id = slate.players[i].driverId;
    if (rc.excluded[i]) {
      if (minExp[i] > 0 && c.exposures?.some((e) => e.driverId === id && (e.min ?? 0) > 0)) throw infeasible('constraints.exposures', `driver '${id}' is excluded but has min exposure ${minExp[i]}`);
      minExp[i] = 0;
      maxExp[i] = 0;
    }
    if (minExp[i] > maxExp[i]) throw infeasible('constraints.exposures', `driver '${id}': min exposure ${minExp[i]} > max exposure ${maxExp[i]}`);
    minCount[i] = Math.ceil(minExp[i] * N - EPS);
    maxCount[i] = Math.floor(maxExp[i] * N + EPS);
    if (minCount[i] > maxCount[i]) throw infeasible('constraints.exposures', `driver '${id}': min exposure ${minExp[i]} needs ${minCount[i]} of ${N} lineups but max ${maxExp[i]} allows ${maxCount[i]}`);
    sumMin += minExp[i];
    slots += maxCount[i];
  }
  if (sumMin > R + EPS) throw infeasible('constraints.exposure', `sum of min exposures ${+sumMin.toFixed(4)} > roster size ${R}`);
  if (minCount.reduce((a, b) => a + b, 0) > R * N) throw infeasible('constraints.exposure', `min exposures need ${minCount.reduce((a, b) => a + b, 0)} driver slots > ${R} x ${N} lineups`);
  if (slots < R * N) throw infeasible('constraints.exposure', `max exposures allow only ${slots} driver slots < ${R} x ${N} lineups needed`);
  return { lineups: N, minExp, maxExp, minCount, maxCount };
}

/** Most lineups (of the first k) driver i may be in. */
export function capAt(plan: ExposurePlan, i: number, k: number): number {
  return Math.min(plan.maxCount[i], Math.ceil(plan.maxExp[i] * k - EPS));
}

/** Soft progressive minimum after k lineups. */
export function floorAt(plan: ExposurePlan, i: number, k: number): number {
  return Math.min(plan.minCount[i], Math.floor(plan.minExp[i] * k + EPS));
}
