/**
 * Interface for the lineup optimizer: contest EV of a CANDIDATE lineup against a precomputed
 * field, per scenario, without re-running the contest simulation.
 *
 *   const table = buildFieldScoreTable({ slate, contest, field, scenarios }, ctx);
 *   const points = slatePoints(slate, scenarios);          // milli-points, slate order
 *   const pay = lineupPayouts(table, points, [0, 4, 9, 17, 22, 30]);  // Float64Array(S)
 *   // or, with a score computed elsewhere: payoutForScore(table, s, scoreInPoints)
 *
 * Rows keep only the top `rowLength` opponent scores (default: down to the last paid rank),
 * since anything below them cannot be paid; `tiesAtRowMin` keeps tie splits exact at the cut.
 * The candidate is one extra entry (fieldSize + 1 entries); ties with our OTHER entries are the
 * caller's business (simulateContest handles them for a whole portfolio).
 */
import type { FieldScoreTable, SampledField } from '../contract/contest-types.js';
import { EngineError } from '../contract/engine-error.js';
import type { ContestSpec, ScenarioSet, SlateSpec } from '../contract/models.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { validateContest } from './payouts.js';
import { MILLI, slatePoints, toMilli } from './slate-points.js';
import type { SlatePoints } from './slate-points.js';

export interface FieldScoreTableInput {
  readonly slate: SlateSpec;
  readonly contest: ContestSpec;
  readonly field: SampledField;
  readonly scenarios: ScenarioSet;
  /** Scores kept per scenario: 'paid' = min(entries, last paid rank); 'all' = every entry. @default 'paid' */
  readonly rows?: 'paid' | 'all';
}

const CANCEL_EVERY = 200; // scenarios
const BINS = 1024; // coarse score histogram used to find the top rowLength entries

/** The Float32 value a milli-point score is stored as (injective below ~16,000 points). */
function stored(milli: number): number {
  return Math.fround(milli / MILLI);
}

export function buildFieldScoreTable(input: FieldScoreTableInput, ctx: EngineRunContext): FieldScoreTable {
  const { slate, contest, field } = input;
  const prizes = validateContest(contest);
  const points = slatePoints(slate, input.scenarios);
  const S = points.scenarios;
  const n = points.players;
  const R = field.rosterSize;
  const F = field.entries;
  const K = input.rows === 'all' ? F : Math.min(F, prizes.lastPaidRank);
  const D = field.distinct;
  const sortedFieldScores = new Float32Array(S * K);
  const tiesAtRowMin = new Uint32Array(S);
  const score = new Int32Array(D);
  const hist = new Float64Array(BINS);
  const top = new Int32Array(F);
  for (let s = 0; s < S; s++) {
    if (s % CANCEL_EVERY === 0) {
      if (ctx.isCancelled()) throw new EngineError('CANCELLED', 'field score table cancelled');
      ctx.progress({ phase: 'ranking', done: s, total: S });
    }
    const base = s * n;
    let lo = Infinity;
    let hi = -Infinity;
    for (let d = 0; d < D; d++) {
      let x = 0;
      for (let r = 0; r < R; r++) x += points.milli[base + field.lineups[d * R + r]];
      score[d] = x;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    // Only the best K entries are kept: a coarse histogram finds the score bin where the top K
    // end, and only entries from that bin up are sorted (a few more than K, not the field).
    let shift = 0;
    while ((hi - lo) >>> shift >= BINS) shift++;
    hist.fill(0);
    for (let d = 0; d < D; d++) hist[(score[d] - lo) >>> shift] += field.counts[d];
    let bin = BINS - 1;
    for (let acc = hist[bin]; acc < K && bin > 0; acc += hist[bin]) bin--;
    let m = 0;
    for (let d = 0; d < D; d++) {
      if ((score[d] - lo) >>> shift < bin) continue;
      top.fill(score[d], m, m + field.counts[d]);
      m += field.counts[d];
    }
    const kept = top.subarray(0, m).sort();
    const row = s * K;
    for (let k = 0; k < K; k++) sortedFieldScores[row + k] = stored(kept[m - K + k]);
    if (K < F) {
      // Entries equal to the row minimum that did not fit in the row (all in the sorted bins).
      const min = kept[m - K];
      let k = m - K - 1;
      while (k >= 0 && kept[k] === min) k--;
      tiesAtRowMin[s] = m - K - 1 - k;
    }
  }
  ctx.progress({ phase: 'ranking', done: S, total: S });
  return { scenarios: S, rowLength: K, sortedFieldScores, fieldSize: F, tiesAtRowMin, payouts: contest.payouts, cumulativePrizes: prizes.cum };
}

/** Expected prize of one extra entry scoring `score` points in scenario `s` (tie rule applied). */
export function payoutForScore(table: FieldScoreTable, s: number, score: number): number {
  const K = table.rowLength;
  const rows = table.sortedFieldScores;
  const row = s * K;
  const q = stored(toMilli(score));
  // lower = first index with value >= q, upper = first index with value > q (row-relative).
  let lo = 0;
  let hi = K;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[row + mid] < q) lo = mid + 1;
    else hi = mid;
  }
  const lower = lo;
  hi = K;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[row + mid] <= q) lo = mid + 1;
    else hi = mid;
  }
  const greater = K - lo;
  let tied = lo - lower + 1;
  if (K > 0 && q === rows[row]) tied += table.tiesAtRowMin[s];
  // tiedPayout inlined (no per-call allocation): average prize of ranks greater+1..greater+tied.
  const cum = table.cumulativePrizes;
  const last = cum.length - 1;
  if (greater >= last) return 0;
  return (cum[Math.min(greater + tied, last)] - cum[greater]) / tied;
}

/** Per-scenario payouts of one candidate lineup (indices into slate.players). */
export function lineupPayouts(table: FieldScoreTable, points: SlatePoints, lineup: readonly number[]): Float64Array {
  const out = new Float64Array(table.scenarios);
  for (let s = 0; s < table.scenarios; s++) {
    let x = 0;
    for (const p of lineup) x += points.milli[s * points.players + p];
    out[s] = payoutForScore(table, s, x / MILLI);
  }
  return out;
}
