import { describe, expect, it } from 'vitest';
import type { EngineFailure } from '../../../engine/contract/engine-error.js';
import type { ContestSpec } from '../../../engine/contract/models.js';
import { tiedPayout, validateContest } from '../../../engine/contest/index.js';
import { gppContest } from './fixtures.js';

const good: ContestSpec = {
  entryFee: 10,
  fieldSize: 100,
  maxEntries: 3,
  payouts: [
    { fromRank: 1, toRank: 1, prize: 300 },
    { fromRank: 2, toRank: 3, prize: 100 },
    { fromRank: 4, toRank: 20, prize: 20 },
  ],
};

function fieldOf(c: ContestSpec): unknown {
  try {
    validateContest(c);
  } catch (e) {
    expect((e as EngineFailure).type).toBe('INVALID_INPUT');
    return (e as EngineFailure).details?.field;
  }
  return undefined;
}

describe('payout tables', () => {
  it('accepts a sensible table and builds cumulative prizes', () => {
    const t = validateContest(good);
    expect(t.lastPaidRank).toBe(20);
    expect(t.totalPool).toBe(300 + 200 + 17 * 20);
    expect(t.cum[3]).toBe(500);
    expect(validateContest(gppContest(5000)).totalPool).toBeLessThanOrEqual(5000 * 20);
  });

  it('names the offending field for each kind of bad table', () => {
    const tiers = good.payouts;
    expect(fieldOf({ ...good, fieldSize: 0 })).toBe('contest.fieldSize');
    expect(fieldOf({ ...good, entryFee: 0 })).toBe('contest.entryFee');
    expect(fieldOf({ ...good, payouts: [] })).toBe('payouts');
    expect(fieldOf({ ...good, payouts: [{ fromRank: 2, toRank: 2, prize: 10 }] })).toBe('payouts[0].fromRank');
    expect(fieldOf({ ...good, payouts: [tiers[0], { fromRank: 3, toRank: 4, prize: 50 }] })).toBe('payouts[1].fromRank'); // gap
    expect(fieldOf({ ...good, payouts: [tiers[0], tiers[1], { fromRank: 3, toRank: 9, prize: 20 }] })).toBe('payouts[2].fromRank'); // overlap
    expect(fieldOf({ ...good, payouts: [tiers[0], { fromRank: 2, toRank: 1, prize: 50 }] })).toBe('payouts[1].toRank');
    expect(fieldOf({ ...good, payouts: [tiers[0], { fromRank: 2, toRank: 101, prize: 1 }] })).toBe('payouts[1].toRank'); // beyond the field
    expect(fieldOf({ ...good, payouts: [tiers[0], { fromRank: 2, toRank: 3, prize: 400 }] })).toBe('payouts[1].prize'); // increasing
    expect(fieldOf({ ...good, payouts: [tiers[0], { fromRank: 2, toRank: 3, prize: -1 }] })).toBe('payouts[1].prize');
    // Pool above entry fees (1,000): the tier that crosses it is named.
    expect(fieldOf({ ...good, payouts: [{ fromRank: 1, toRank: 1, prize: 600 }, { fromRank: 2, toRank: 9, prize: 60 }] })).toBe('payouts[1].prize');
  });

  it('splits tied prizes evenly over the ranks the tied entries occupy', () => {
    const t = validateContest(good);
    expect(tiedPayout(t, 0, 1)).toBe(300);
    expect(tiedPayout(t, 0, 2)).toBe(200); // ranks 1-2
    expect(tiedPayout(t, 1, 3)).toBeCloseTo((100 + 100 + 20) / 3, 12); // ranks 2-4
    expect(tiedPayout(t, 18, 4)).toBe((20 + 20) / 4); // ranks 19-22, two of them paid
    expect(tiedPayout(t, 20, 1)).toBe(0);
  });
});
