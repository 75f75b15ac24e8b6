/**
 * Contest payout tables: validation and the DFS tie rule.
 *
 * Tie rule (DraftKings/FanDuel): entries with equal scores jointly occupy a block of ranks and
 * each receives the AVERAGE of the prizes of those ranks. With cumulative prizes
 * cum[k] = Σ_{rank<=k} prize this is (cum[last] - cum[first-1]) / tied, O(1) per entry.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { ContestSpec } from '../contract/models.js';

export interface PrizeTable {
  /** cum[k] = total prize of ranks 1..k, k = 0..lastPaidRank. */
  readonly cum: Float64Array;
  readonly lastPaidRank: number;
  readonly totalPool: number;
}

/** Relative slack on "prize pool <= entry fees" so float-rounded tables (e.g. $0.01 prizes) pass. */
const POOL_TOLERANCE = 1e-9;

/**
 * Validate a contest and build its prize table.
 * @throws INVALID_INPUT naming contest.fieldSize / contest.entryFee / contest.maxEntries /
 *   payouts / payouts[i].fromRank|toRank|prize.
 */
export function validateContest(contest: ContestSpec): PrizeTable {
  const { fieldSize, entryFee, maxEntries, payouts } = contest;
  if (!Number.isInteger(fieldSize) || fieldSize < 1) throw invalidInput('contest.fieldSize', 'must be a positive integer', { got: fieldSize });
  if (!(Number.isFinite(entryFee) && entryFee > 0)) throw invalidInput('contest.entryFee', 'must be a positive number (ROI is relative to it)', { got: entryFee });
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw invalidInput('contest.maxEntries', 'must be a positive integer', { got: maxEntries });
  if (!Array.isArray(payouts) || payouts.length === 0) throw invalidInput('payouts', 'must list at least one paid rank range');
  const maxPool = entryFee * fieldSize;
  let pool = 0;
  payouts.forEach((t, i) => {
    const at = `payouts[${i}]`;
    if (!Number.isInteger(t.fromRank) || t.fromRank < 1) throw invalidInput(`${at}.fromRank`, 'must be a positive integer', { got: t.fromRank });
    if (!Number.isInteger(t.toRank) || t.toRank < t.fromRank) throw invalidInput(`${at}.toRank`, `must be an integer >= fromRank (${t.fromRank})`, { got: t.toRank });
    const expectedFrom = i === 0 ? 1 : payouts[i - 1].toRank + 1;
    if (t.fromRank !== expectedFrom) {
      const why = i === 0 ? 'the first tier must start at rank 1' : t.fromRank < expectedFrom ? `overlaps the previous tier (ends at ${expectedFrom - 1})` : `leaves a gap after rank ${expectedFrom - 1}`;
      throw invalidInput(`${at}.fromRank`, why, { got: t.fromRank, expected: expectedFrom });
    }
    if (t.toRank > fieldSize) throw invalidInput(`${at}.toRank`, `exceeds contest.fieldSize (${fieldSize})`, { got: t.toRank });
    if (!(Number.isFinite(t.prize) && t.prize >= 0)) throw invalidInput(`${at}.prize`, 'must be a non-negative number', { got: t.prize });
    if (i > 0 && t.prize > payouts[i - 1].prize) throw invalidInput(`${at}.prize`, `exceeds the better-ranked tier's prize (${payouts[i - 1].prize}); prizes must not increase with rank`, { got: t.prize });
    pool += t.prize * (t.toRank - t.fromRank + 1);
    if (pool > maxPool * (1 + POOL_TOLERANCE)) {
      throw invalidInput(`${at}.prize`, `takes the prize pool to ${pool}, above entry fees ${maxPool} (entryFee x fieldSize); a rake cannot be negative`, { pool, maxPool });
    }
  });
  const lastPaidRank = payouts[payouts.length - 1].toRank;
  const cum = new Float64Array(lastPaidRank + 1);
  let k = 0;
  for (const t of payouts) {
    for (let r = t.fromRank; r <= t.toRank; r++) {
      k = r;
      cum[k] = cum[k - 1] + t.prize;
    }
  }
  return { cum, lastPaidRank, totalPool: pool };
}

/**
 * Prize of one entry whose score is beaten by `greater` entries and tied with `tied - 1` others
 * (tied >= 1 counts itself): the average prize of ranks greater+1 .. greater+tied.
 */
export function tiedPayout(table: PrizeTable, greater: number, tied: number): number {
  const last = table.lastPaidRank;
  if (greater >= last) return 0;
  const hi = Math.min(greater + tied, last);
  return (table.cum[hi] - table.cum[greater]) / tied;
}
