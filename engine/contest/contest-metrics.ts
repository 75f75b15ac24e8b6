/**
 * Per-lineup contest metrics from per-scenario payouts and ranks, each with a Monte-Carlo
 * standard error. Scenarios are iid draws, so means get sd/sqrt(S) and rates sqrt(p(1-p)/S).
 * Best/worst rank are extremes of S draws, which have no sd/sqrt(S); their SE is the exact
 * bootstrap SE of the sample minimum/maximum, computed from the sorted ranks without resampling:
 * P(bootstrap min >= x_(k)) = ((S-k+1)/S)^S.
 */
import type { Estimate, LineupContestMetrics } from '../contract/contest-types.js';

/** Bootstrap terms beyond this weight are negligible (weights decay like e^-k). */
const BOOTSTRAP_EPS = 1e-16;

export function meanEstimate(sum: number, sumSq: number, S: number): Estimate {
  const mean = sum / S;
  const variance = Math.max(0, (sumSq - S * mean * mean) / (S - 1));
  return { value: mean, se: Math.sqrt(variance / S) };
}

export function rateEstimate(hits: number, S: number): Estimate {
  const p = hits / S;
  return { value: p, se: Math.sqrt((p * (1 - p)) / S) };
}

/** Exact bootstrap SE of min (fromTop = false) or max (fromTop = true) of ascending `sorted`. */
export function extremeEstimate(sorted: Int32Array, fromTop: boolean): Estimate {
  const S = sorted.length;
  const at = (k: number): number => (fromTop ? sorted[S - 1 - k] : sorted[k]);
  let m1 = 0;
  let m2 = 0;
  for (let k = 0; k < S; k++) {
    const p = Math.pow((S - k) / S, S) - Math.pow((S - k - 1) / S, S);
    if (p < BOOTSTRAP_EPS && k > 0) break;
    m1 += p * at(k);
    m2 += p * at(k) * at(k);
  }
  return { value: at(0), se: Math.sqrt(Math.max(0, m2 - m1 * m1)) };
}

export interface MetricInputs {
  /** Lineup-major: l * scenarios + s. */
  readonly payouts: Float64Array;
  readonly ranks: Int32Array;
  readonly scenarios: number;
  readonly lineups: number;
  readonly entryFee: number;
  /** Rank at or better than which an entry is "top 1 %". */
  readonly top1Rank: number;
}

export function lineupMetrics(inp: MetricInputs, l: number): LineupContestMetrics {
  const { payouts, ranks, scenarios: S, entryFee, top1Rank } = inp;
  let pay = 0;
  let pay2 = 0;
  let rank = 0;
  let rank2 = 0;
  let cash = 0;
  let top1 = 0;
  let win = 0;
  const column = ranks.slice(l * S, (l + 1) * S);
  for (let s = 0; s < S; s++) {
    const p = payouts[l * S + s];
    const r = column[s];
    pay += p;
    pay2 += p * p;
    rank += r;
    rank2 += r * r;
    if (p > 0) cash++;
    if (r <= top1Rank) top1++;
    if (r === 1) win++;
  }
  column.sort();
  const expectedPayout = meanEstimate(pay, pay2, S);
  return {
    lineup: l,
    expectedPayout,
    roi: { value: (expectedPayout.value - entryFee) / entryFee, se: expectedPayout.se / entryFee },
    cashRate: rateEstimate(cash, S),
    top1Rate: rateEstimate(top1, S),
    winRate: rateEstimate(win, S),
    meanRank: meanEstimate(rank, rank2, S),
    bestRank: extremeEstimate(column, false),
    worstRank: extremeEstimate(column, true),
  };
}

/** All our entries together: total payout vs total fees, and the chance any of them cashes. */
export function portfolioMetrics(inp: MetricInputs): { expectedPayout: Estimate; roi: Estimate; anyCashRate: Estimate } {
  const { payouts, scenarios: S, lineups: L, entryFee } = inp;
  let sum = 0;
  let sum2 = 0;
  let any = 0;
  for (let s = 0; s < S; s++) {
    let t = 0;
    let cashed = false;
    for (let l = 0; l < L; l++) {
      const p = payouts[l * S + s];
      t += p;
      if (p > 0) cashed = true;
    }
    sum += t;
    sum2 += t * t;
    if (cashed) any++;
  }
  const expectedPayout = meanEstimate(sum, sum2, S);
  const fees = entryFee * L;
  return { expectedPayout, roi: { value: (expectedPayout.value - fees) / fees, se: expectedPayout.se / fees }, anyCashRate: rateEstimate(any, S) };
}
