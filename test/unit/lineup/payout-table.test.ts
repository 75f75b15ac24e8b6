import { describe, expect, it } from 'vitest';
import type { FieldScoreTable } from '../../../engine/contract/contest-types.js';
import type { PayoutTier } from '../../../engine/contract/models.js';
import { PayoutTable } from '../../../engine/lineup/index.js';
import { createRng } from '../../../engine/rng/index.js';
import { bruteEntriesPayout, bruteFieldPayout } from './brute-force.js';

function table(rows: number[][], fieldSize: number, payouts: PayoutTier[], ties?: number[]): FieldScoreTable {
  const L = rows[0].length;
  const last = Math.max(...payouts.map((t) => t.toRank));
  const cum = new Float64Array(last + 1);
  for (let r = 1; r <= last; r++) cum[r] = cum[r - 1] + (payouts.find((t) => r >= t.fromRank && r <= t.toRank)?.prize ?? 0);
  return {
    scenarios: rows.length,
    rowLength: L,
    sortedFieldScores: Float32Array.from(rows.flat()),
    fieldSize,
    tiesAtRowMin: Uint32Array.from(ties ?? rows.map(() => 0)),
    payouts,
    cumulativePrizes: cum,
  };
}

describe('payout of a score against the field (DFS tie splitting)', () => {
  const tiers = [
    { fromRank: 1, toRank: 1, prize: 100 },
    { fromRank: 2, toRank: 2, prize: 50 },
    { fromRank: 3, toRank: 3, prize: 10 },
  ];

  it('splits tied ranks evenly (documented example) and is monotone', () => {
    const t = new PayoutTable(table([[10, 20, 20, 30]], 4, tiers));
    expect(t.payout(0, 20)).toBeCloseTo((50 + 10 + 0) / 3, 12);
    expect(t.payout(0, 31)).toBe(100);
    expect(t.payout(0, 30)).toBe(75); // tie for first: (100 + 50) / 2
    expect(t.payout(0, 25)).toBe(50);
    expect(t.payout(0, 15)).toBe(0); // 4th of 5
    let last = -1;
    for (let x = 0; x <= 40; x += 0.25) {
      const p = t.payout(0, x);
      expect(p).toBeGreaterThanOrEqual(last);
      expect(t.payoutUpper(0, x)).toBeGreaterThanOrEqual(p);
      last = p;
    }
  });

  it('counts unstored opponents tied at the row minimum', () => {
    // 6 opponents, top 3 stored; two unstored ones also score 20 (the row minimum).
    const t = new PayoutTable(table([[20, 25, 30]], 6, [{ fromRank: 1, toRank: 3, prize: 9 }], [2]));
    // A 20 ties 3 opponents (one stored, two not) behind 2: ranks 3..6 → 9 / 4.
    expect(t.payout(0, 20)).toBeCloseTo(9 / 4, 12);
    expect(t.payout(0, 19)).toBe(0);
  });

  it('agrees with brute-force ranking on random fields, single and multiple entries', () => {
    const rng = createRng(9);
    const payouts = [
      { fromRank: 1, toRank: 1, prize: 500 },
      { fromRank: 2, toRank: 3, prize: 120 },
      { fromRank: 4, toRank: 10, prize: 30 },
      { fromRank: 11, toRank: 25, prize: 8 },
    ];
    const rows = Array.from({ length: 30 }, () => Array.from({ length: 40 }, () => Math.round(rng.nextDouble() * 40) * 2.5 + 150).sort((a, b) => a - b));
    const f = table(rows, 60, payouts, rows.map(() => 0));
    const t = new PayoutTable(f);
    for (let s = 0; s < 30; s++) {
      for (let k = 0; k < 20; k++) {
        const x = Math.round(rng.nextDouble() * 48) * 2.5 + 150; // on the grid: many ties
        expect(t.payout(s, x), `s=${s} x=${x}`).toBeCloseTo(bruteFieldPayout(f, s, x), 12);
      }
      const ours = Array.from({ length: 5 }, () => Math.round(rng.nextDouble() * 48) * 2.5 + 150).sort((a, b) => b - a);
      expect(t.portfolioPayout(s, Float64Array.from(ours), ours.length)).toBeCloseTo(bruteEntriesPayout(f, s, ours), 9);
    }
  });
});
