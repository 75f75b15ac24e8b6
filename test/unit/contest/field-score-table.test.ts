import { describe, expect, it } from 'vitest';
import type { ContestSpec } from '../../../engine/contract/models.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { buildFieldScoreTable, lineupPayouts, payoutForScore, sampleField, simulateContest, slatePoints } from '../../../engine/contest/index.js';
import { extremeEstimate } from '../../../engine/contest/contest-metrics.js';
import { createRng } from '../../../engine/rng/index.js';
import { bruteForce } from './brute-force.js';
import { flatOwnership, syntheticScenarios, syntheticSlate } from './fixtures.js';

const slate = syntheticSlate(14);
const S = 200;
const scenarios = syntheticScenarios(slate, S, 4);
const ctx = quietContext(2);
const field = sampleField({ slate, ownership: flatOwnership(slate), fieldSize: 60, options: { duplication: 0.4, calibration: { pilotSize: 2000, maxIterations: 6, tolerance: 0.005, step: 1 } } }, createRng(13));
const entries: number[][] = [];
for (let d = 0; d < field.distinct; d++) for (let c = 0; c < field.counts[d]; c++) entries.push(Array.from(field.lineups.subarray(d * 6, d * 6 + 6)));
// Paid ranks 1..12 of 61 entries: rows of 12 scores, ties at the cut are common with duplicates.
const contest: ContestSpec = {
  entryFee: 5,
  fieldSize: 61,
  maxEntries: 1,
  payouts: [
    { fromRank: 1, toRank: 1, prize: 80 },
    { fromRank: 2, toRank: 4, prize: 30 },
    { fromRank: 5, toRank: 12, prize: 12 },
  ],
};

describe('field score table (optimizer interface)', () => {
  const full = buildFieldScoreTable({ slate, contest, field, scenarios, rows: 'all' }, ctx);
  const paid = buildFieldScoreTable({ slate, contest, field, scenarios }, ctx);
  const points = slatePoints(slate, scenarios);

  it('stores ascending rows; the paid-only table keeps just the paid depth', () => {
    expect(full.rowLength).toBe(60);
    expect(paid.rowLength).toBe(12);
    for (let s = 0; s < S; s++) {
      for (let k = 1; k < paid.rowLength; k++) expect(paid.sortedFieldScores[s * 12 + k]).toBeGreaterThanOrEqual(paid.sortedFieldScores[s * 12 + k - 1]);
      // The paid row is the top of the full row.
      expect(Array.from(paid.sortedFieldScores.subarray(s * 12, s * 12 + 12))).toEqual(Array.from(full.sortedFieldScores.subarray(s * 60 + 48, s * 60 + 60)));
    }
  });

  it('pays a candidate exactly like a brute-force ranking, ties at the cut included', () => {
    let top = 0;
    for (let d = 1; d < field.distinct; d++) if (field.counts[d] > field.counts[top]) top = d;
    const candidates = [Array.from(field.lineups.subarray(top * 6, top * 6 + 6)), entries[5], [0, 1, 2, 11, 12, 13], [2, 5, 6, 7, 9, 10]];
    let tiedAtCut = 0;
    for (const c of candidates) {
      const ref = bruteForce(points.milli, slate.players.length, S, entries, [c], contest).payouts[0];
      const a = lineupPayouts(full, points, c);
      const b = lineupPayouts(paid, points, c);
      for (let s = 0; s < S; s++) {
        expect(a[s]).toBeCloseTo(ref[s], 9);
        expect(b[s]).toBeCloseTo(ref[s], 9);
        const x = c.reduce((acc, p) => acc + points.milli[s * 14 + p], 0) / 1000;
        if (paid.tiesAtRowMin[s] > 0 && Math.fround(x) === paid.sortedFieldScores[s * 12]) tiedAtCut++;
      }
    }
    expect(tiedAtCut).toBeGreaterThan(0); // the exactness at the cut was exercised
    expect(payoutForScore(paid, 0, 1e6)).toBe(80);
    expect(payoutForScore(paid, 0, -1e6)).toBe(0);
  });

  it('agrees with simulateContest for a single entry', async () => {
    const c = [1, 3, 6, 9, 12, 13];
    const sim = await simulateContest({ slate, contest, ourLineups: [c], field, scenarios }, ctx, { threads: 1 });
    const pay = lineupPayouts(paid, points, c);
    expect(sim.lineups[0].expectedPayout.value).toBeCloseTo(pay.reduce((a, b) => a + b, 0) / S, 9);
  });
});

describe('bootstrap SE of extreme ranks', () => {
  it('matches a resampling bootstrap', () => {
    const rng = createRng(3);
    const ranks = Int32Array.from({ length: 200 }, () => 1 + Math.floor(rng.nextDouble() * rng.nextDouble() * 500)).sort();
    const exact = extremeEstimate(ranks, false);
    const B = 4000;
    let m = 0;
    let m2 = 0;
    for (let b = 0; b < B; b++) {
      let min = Infinity;
      for (let k = 0; k < ranks.length; k++) min = Math.min(min, ranks[Math.floor(rng.nextDouble() * ranks.length)]);
      m += min / B;
      m2 += (min * min) / B;
    }
    expect(exact.value).toBe(ranks[0]);
    expect(exact.se).toBeCloseTo(Math.sqrt(m2 - m * m), 0);
    expect(exact.se).toBeGreaterThan(0);
    expect(extremeEstimate(ranks, true).value).toBe(ranks[199]);
  });
});
