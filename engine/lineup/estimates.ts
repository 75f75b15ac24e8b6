/**
 * Monte-Carlo estimates with standard errors, from per-scenario influence values: the SE of a
 * smooth statistic T is sd(ψ)/√S where ψ_s is T's influence function at scenario s.
 *   mean:         ψ = x − mean
 *   P(x >= t):    ψ = 1[x >= t] − p
 *   upper CVaR_α: ψ = VaR + (x − VaR)^+ / α − CVaR   (α = K/S; the standard CVaR influence
 *                 function, which makes the SE account for the estimated VaR too)
 *   multi-CVaR:   Σ w_j ψ_j
 * Scenarios are i.i.d. draws, so these are the usual asymptotic SEs.
 */
import type { CvarLevel, LineupMetrics, LineupObjective } from '../contract/lineup-types.js';
import type { Estimate } from '../contract/contest-types.js';
import { unreachable } from '../contract/job-protocol.js';
import type { PayoutTable } from './payout-table.js';
import { kthLargest, tailCount, topSum } from './tail.js';

function fromInfluence(value: number, psi: Float64Array): Estimate {
  const S = psi.length;
  let m = 0;
  for (let s = 0; s < S; s++) m += psi[s];
  m /= S;
  let v = 0;
  for (let s = 0; s < S; s++) v += (psi[s] - m) * (psi[s] - m);
  return { value, se: S > 1 ? Math.sqrt(v / (S - 1) / S) : 0 };
}

export function meanOf(values: Float64Array): Estimate {
  let m = 0;
  for (let s = 0; s < values.length; s++) m += values[s];
  return fromInfluence(m / values.length, values);
}

export function probAtLeast(x: Float64Array, target: number): Estimate {
  let c = 0;
  for (let s = 0; s < x.length; s++) if (x[s] >= target) c++;
  const S = x.length;
  const p = c / S;
  // Binomial SE (the influence-function SE of an indicator mean, without a pass over S).
  return { value: p, se: S > 1 ? Math.sqrt((p * (1 - p) * S) / (S - 1) / S) : 0 };
}

/** Σ_j w_j CVaR_{α_j}(x) with its influence-function SE. */
export function multiCvar(x: Float64Array, levels: readonly CvarLevel[]): Estimate {
  const S = x.length;
  const psi = new Float64Array(S);
  const scratch = new Float64Array(S);
  let value = 0;
  for (const { alpha, weight } of levels) {
    const K = tailCount(alpha, S);
    const varK = kthLargest(x, S, K, scratch);
    const cvar = topSum(x, S, K, varK) / K;
    value += weight * cvar;
    const a = K / S;
    for (let s = 0; s < S; s++) psi[s] += weight * (varK + Math.max(0, x[s] - varK) / a - cvar);
  }
  return fromInfluence(value, psi);
}

export function expectedPayout(x: Float64Array, table: PayoutTable): Estimate {
  return meanOf(x.map((v, s) => table.payout(s, v)));
}

export interface MetricContext {
  readonly objective?: LineupObjective;
  /** Ownership of the lineup (Σ fractions), for the leverage objective. */
  readonly totalOwnership?: number;
  readonly target?: number;
  readonly table?: PayoutTable;
}

/** Metrics of one lineup's score vector on one scenario set. */
export function lineupMetrics(x: Float64Array, mc: MetricContext): LineupMetrics {
  const mean = meanOf(x);
  const target = mc.objective?.kind === 'probAtLeast' ? mc.objective.target : mc.target;
  const out: { -readonly [K in keyof LineupMetrics]: LineupMetrics[K] } = {
    scenarios: x.length,
    mean,
    cvar01: multiCvar(x, [{ alpha: 0.01, weight: 1 }]),
    cvar05: multiCvar(x, [{ alpha: 0.05, weight: 1 }]),
  };
  if (target !== undefined && Number.isFinite(target)) out.probTarget = probAtLeast(x, target);
  if (mc.table) out.payout = expectedPayout(x, mc.table);
  const o = mc.objective;
  if (o) out.objective = objectiveEstimate(x, o, mc, out);
  return out;
}

function objectiveEstimate(x: Float64Array, o: LineupObjective, mc: MetricContext, m: LineupMetrics): Estimate | undefined {
  switch (o.kind) {
    case 'mean':
      return m.mean;
    case 'leverage':
      return { value: m.mean.value - o.ownershipPenalty * (mc.totalOwnership ?? 0), se: m.mean.se };
    case 'cvar':
      return multiCvar(x, o.levels);
    case 'probAtLeast':
      return m.probTarget;
    case 'payout':
      return m.payout;
    default:
      return unreachable(o);
  }
}
