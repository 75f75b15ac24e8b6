/**
 * A contest's payout table, as CSV or JSON, → validated tiers (1-based rank ranges, prize per
 * entry in the range). Either:
 *
 *   from_rank,to_rank,prize        or   rank,prize
 *   1,1,10000                           1,10000
 *   2,2,5000                            2,5000
 *   3,10,1000                           3-10,1000
 *
 *   { "name": "NASCAR $100K Pit Stop", "slateId": "dk-cup-2026-08", "entryFee": 5, "fieldSize": 23780,
 *     "maxEntries": 150, "payouts": [{ "fromRank": 1, "toRank": 1, "prize": 10000 }, ...] }
 *
 * JSON issues use line = the tier's 1-based position in `payouts` and column = its JSON path.
 * A payout table is all or nothing: tiers must cover ranks 1..k contiguously, so a table with a
 * bad tier is rejected even in lenient mode (a hole would pay wrong prizes).
 */
import type { PayoutTier } from '../../../engine/contract/index.js';
import type { IssueLog } from './issues.js';
import { readTable } from './table.js';

export interface ContestMeta {
  readonly contestId?: string | null;
  readonly name?: string | null;
  readonly slateId?: string | null;
  readonly entryFee?: number | null;
  readonly fieldSize?: number | null;
  readonly maxEntries?: number | null;
}

interface LocatedTier extends PayoutTier {
  readonly line: number;
}

export interface PayoutFile {
  readonly meta: ContestMeta;
  readonly tiers: readonly LocatedTier[];
  readonly total: number;
}

const MAX_PRIZE = 100_000_000;

export function readPayoutCsv(text: string, issues: IssueLog): PayoutFile {
  const tiers: LocatedTier[] = [];
  let total = 0;
  for (const r of readTable(text, { required: ['prize'], optional: ['rank', 'from_rank', 'to_rank'] }, issues)) {
    total++;
    if (total === 1 && !r.has('rank') && !(r.has('from_rank') && r.has('to_rank'))) {
      issues.add(1, 'rank', "expected a 'rank' column (1 or 3-10) or 'from_rank' and 'to_rank'");
      break;
    }
    let from: number | null;
    let to: number | null;
    if (r.has('from_rank')) {
      from = r.int('from_rank', { required: true, min: 1 });
      to = r.int('to_rank', { required: true, min: 1 });
    } else {
      const m = /^(\d+)\s*(?:[-–]\s*(\d+))?$/.exec(r.cell('rank') ?? '');
      if (!m) issues.add(r.line, 'rank', `'${r.cell('rank')}' is not a rank like 1 or 3-10`);
      from = m ? Number(m[1]) : null;
      to = m ? Number(m[2] ?? m[1]) : null;
    }
    const prize = r.num('prize', { required: true, min: 0.01, max: MAX_PRIZE });
    if (from !== null && to !== null && to < from) issues.add(r.line, r.has('to_rank') ? 'to_rank' : 'rank', `range ${from}-${to} ends before it starts`);
    tiers.push({ line: r.line, fromRank: from ?? 0, toRank: to ?? 0, prize: prize ?? 0 });
  }
  return { meta: {}, tiers, total };
}

export function readPayoutJson(text: string, issues: IssueLog): PayoutFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    issues.add(1, null, `not valid JSON: ${(err as Error).message}`);
    return { meta: {}, tiers: [], total: 0 };
  }
  const o = (Array.isArray(doc) ? { payouts: doc } : doc) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.payouts)) {
    issues.add(1, 'payouts', 'expected an object with a "payouts" array (or the array itself)');
    return { meta: {}, tiers: [], total: 0 };
  }
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : null);
  const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : null);
  const meta: ContestMeta = { contestId: str('contestId') ?? str('id'), name: str('name'), slateId: str('slateId'), entryFee: num('entryFee'), fieldSize: num('fieldSize'), maxEntries: num('maxEntries') };
  const tiers = (o.payouts as unknown[]).map((t, i): LocatedTier => {
    const line = i + 1;
    const x = (t ?? {}) as Record<string, unknown>;
    const int = (k: string) => {
      const v = x[k];
      if (!Number.isInteger(v) || (v as number) < 1) {
        issues.add(line, `payouts[${i}].${k}`, `${JSON.stringify(v)} is not a rank (a whole number >= 1)`);
        return 0;
      }
      return v as number;
    };
    const fromRank = int('fromRank');
    const toRank = x.toRank === undefined ? fromRank : int('toRank');
    const prize = x.prize;
    if (typeof prize !== 'number' || !(prize > 0) || prize > MAX_PRIZE) issues.add(line, `payouts[${i}].prize`, `${JSON.stringify(prize)} is not a prize (a number > 0)`);
    if (fromRank && toRank && toRank < fromRank) issues.add(line, `payouts[${i}].toRank`, `range ${fromRank}-${toRank} ends before it starts`);
    return { line, fromRank, toRank, prize: typeof prize === 'number' ? prize : 0 };
  });
  return { meta, tiers, total: tiers.length };
}

/**
 * Whole-table checks: contiguous ranks from 1, prizes not increasing with rank, the last paid
 * rank inside the field. A prize pool above the entry fees is only a warning (overlays happen).
 */
export function checkPayoutTable(file: PayoutFile, fieldSize: number, entryFee: number, issues: IssueLog, warnings: IssueLog, json: boolean): PayoutTier[] {
  const col = (i: number, k: string, csv: string) => (json ? `payouts[${i}].${k}` : csv);
  let expected = 1;
  let prev: LocatedTier | null = null;
  file.tiers.forEach((t, i) => {
    if (issues.has(t.line)) {
      expected = Math.max(expected, t.toRank + 1);
      prev = t;
      return;
    }
    if (t.fromRank !== expected) issues.add(t.line, col(i, 'fromRank', 'from_rank'), t.fromRank < expected ? `rank ${t.fromRank} is already paid by an earlier tier` : `ranks ${expected}-${t.fromRank - 1} are not paid (tiers must be contiguous from 1)`);
    if (prev && t.prize > prev.prize) issues.add(t.line, col(i, 'prize', 'prize'), `prize ${t.prize} is more than the better ranks above it (${prev.prize})`);
    if (t.toRank > fieldSize) issues.add(t.line, col(i, 'toRank', 'to_rank'), `rank ${t.toRank} is beyond the field size ${fieldSize}`);
    expected = t.toRank + 1;
    prev = t;
  });
  if (file.tiers.length === 0 && issues.total === 0) issues.add(1, null, 'the payout table has no tiers');
  const pool = file.tiers.reduce((s, t) => s + (t.toRank - t.fromRank + 1) * t.prize, 0);
  if (pool > entryFee * fieldSize) warnings.add(1, null, `prizes total ${pool.toFixed(2)}, more than entry fees x field size (${(entryFee * fieldSize).toFixed(2)}): an overlay`);
  return file.tiers.map(({ fromRank, toRank, prize }) => ({ fromRank, toRank, prize }));
}
