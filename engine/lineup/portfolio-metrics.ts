/** Portfolio metrics on one scenario set (selection or held-out), with Monte-Carlo SEs. */
import type { PortfolioMetrics, PortfolioObjective } from '../contract/lineup-types.js';
import type { Estimate } from '../contract/contest-types.js';
import { unreachable } from '../contract/job-protocol.js';
import { clears, coverageLevels, fieldRankScores, quantileRank } from './coverage.js';
import { meanOf } from './estimates.js';
import type { ScenarioBlock } from './holdout.js';
import { scoresOf } from './lineup-scoring.js';
import { PayoutTable } from './payout-table.js';

export interface PortfolioScores {
  /** N score vectors (one per lineup). */
  readonly scores: Float64Array[];
  readonly block: ScenarioBlock;
}

export function portfolioScores(block: ScenarioBlock, n: number, lineups: readonly (readonly number[])[]): PortfolioScores {
  return { block, scores: lineups.map((l) => scoresOf(block.points, n, l)) };
}

export function portfolioMetrics(ps: PortfolioScores, objective: PortfolioObjective, reportQuantile: number): PortfolioMetrics {
  const { block, scores } = ps;
  const S = block.scenarios;
  const best = new Float64Array(S).fill(-Infinity);
  const avg = new Float64Array(S);
  for (const x of scores) {
    for (let s = 0; s < S; s++) {
      if (x[s] > best[s]) best[s] = x[s];
      avg[s] += x[s] / scores.length;
    }
  }
  const expectedBest = meanOf(best);
  const table = block.field ? new PayoutTable(block.field) : undefined;
  let payout: Estimate | undefined;
  if (table) {
    const buf = new Float64Array(scores.length);
    const per = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      // Only entries above the cash line can be paid (and only they can outrank each other there).
      let m = 0;
      for (const x of scores) {
        const v = x[s];
        if (v < table.cut[s]) continue;
        let j = m++;
        while (j > 0 && buf[j - 1] < v) buf[j] = buf[--j]; // insertion sort, descending (few entries)
        buf[j] = v;
      }
      if (m > 0) per[s] = table.portfolioPayout(s, buf, m);
    }
    payout = meanOf(per);
  }
  let pBeat: Estimate | undefined;
  if (block.field) {
    const thr = fieldRankScores(block.field, quantileRank(block.field, reportQuantile), 'options.reportQuantile');
    pBeat = meanOf(best.map((b, s) => (b >= thr[s] ? 1 : 0)));
  }
  let value: Estimate;
  switch (objective.kind) {
    case 'coverage': {
      const [primary] = coverageLevels(objective.target, S, block.field, 'objective.target');
      value = meanOf(best.map((b, s) => (clears(primary, s, b) ? 1 : 0)));
      break;
    }
    case 'payout':
      value = payout ?? { value: Number.NaN, se: Number.NaN };
      break;
    case 'mean':
      value = meanOf(avg);
      break;
    default:
      return unreachable(objective);
  }
  return { scenarios: S, objective: value, expectedBest, ...(pBeat ? { pBeatFieldQuantile: pBeat } : {}), ...(payout ? { payout } : {}) };
}
