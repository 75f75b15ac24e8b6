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
import { fieldRowsScratch, fieldTopRows, type FieldRowsInput } from './field-top-rows.js';

export interface FieldScoreTableInput {
  readonly slate: SlateSpec;
  readonly contest: ContestSpec;
  readonly field: SampledField;
  readonly scenarios: ScenarioSet;
  /** Scores kept per scenario: 'paid' = min(entries, last paid rank); 'all' = every entry. @default 'paid' */
  readonly rows?: 'paid' | 'all';
}

const CANCEL_EVERY = 200; // scenarios

/** The Float32 value a milli-point score is stored as (injective below ~16,000 points). */
export function storedScore(milli: number): number {
  return Math.fround(milli / MILLI);
}

/** Scores kept per scenario: down to the last paid rank (or every entry with rows: 'all'). */
export function fieldRowLength(input: Pick<FieldScoreTableInput, 'contest' | 'field' | 'rows'>): number {
  const prizes = validateContest(input.contest);
  return input.rows === 'all' ? input.field.entries : Math.min(input.field.entries, prizes.lastPaidRank);
}

/** The table from integer rows (any backend's fieldTopScores output): milli-points → stored Float32. */
export function fieldScoreTableFromRows(contest: ContestSpec, fieldSize: number, scenarios: number, rowLength: number, top: Int32Array, tiesAtRowMin: Uint32Array): FieldScoreTable {
  const prizes = validateContest(contest);
  const sortedFieldScores = new Float32Array(top.length);
  for (let i = 0; i < top.length; i++) sortedFieldScores[i] = storedScore(top[i]);
  return { scenarios, rowLength, sortedFieldScores, fieldSize, tiesAtRowMin, payouts: contest.payouts, cumulativePrizes: prizes.cum };
}

export function buildFieldScoreTable(input: FieldScoreTableInput, ctx: EngineRunContext): FieldScoreTable {
  const { slate, contest, field } = input;
  const K = fieldRowLength(input); // validates the contest first
  const points = slatePoints(slate, input.scenarios);
  const S = points.scenarios;
  const rows: FieldRowsInput = { milli: points.milli, players: points.players, lineups: field.lineups, rosterSize: field.rosterSize, counts: field.counts, rowLength: K };
  const scratch = fieldRowsScratch(rows);
  const top = new Int32Array(S * K);
  const ties = new Uint32Array(S);
  for (let s = 0; s < S; s += CANCEL_EVERY) {
    if (ctx.isCancelled()) throw new EngineError('CANCELLED', 'field score table cancelled');
    ctx.progress({ phase: 'ranking', done: s, total: S });
    const to = Math.min(S, s + CANCEL_EVERY);
    fieldTopRows(rows, s, to, top.subarray(s * K, to * K), ties.subarray(s, to), scratch);
  }
  ctx.progress({ phase: 'ranking', done: S, total: S });
  return fieldScoreTableFromRows(contest, field.entries, S, K, top, ties);
}

/** Expected prize of one extra entry scoring `score` points in scenario `s` (tie rule applied). */
export function payoutForScore(table: FieldScoreTable, s: number, score: number): number {
  const K = table.rowLength;
  const rows = table.sortedFieldScores;
  const row = s * K;
  const q = storedScore(toMilli(score));
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
