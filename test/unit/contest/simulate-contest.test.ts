import { describe, expect, it } from 'vitest';

// Sized for ~1-2 s on 2 idle cores; the timeout leaves room for a busy CI box.
const SLOW = 30_000;
import type { SampledField } from '../../../engine/contract/contest-types.js';
import type { EngineFailure } from '../../../engine/contract/engine-error.js';
import type { ContestSpec } from '../../../engine/contract/models.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import type { ProgressUpdate } from '../../../engine/contract/run-context.js';
import { sampleField, simulateContest, slatePoints } from '../../../engine/contest/index.js';
import { createRng } from '../../../engine/rng/index.js';
import { bruteForce } from './brute-force.js';
import { flatOwnership, gppContest, syntheticScenarios, syntheticSlate } from './fixtures.js';

const slate = syntheticSlate(14);
const S = 301; // odd: the kernel's two-scenario path and its single leftover both run
const scenarios = syntheticScenarios(slate, S, 8);
const ctx = quietContext(5);

/** A small field with deliberate duplicates of one of our lineups, to exercise the tie rule. */
function smallField(): { field: SampledField; entries: number[][] } {
  const sampled = sampleField({ slate, ownership: flatOwnership(slate), fieldSize: 60, options: { duplication: 0.5, calibration: { pilotSize: 2000, maxIterations: 6, tolerance: 0.005, step: 1 } } }, createRng(3));
  const entries: number[][] = [];
  for (let d = 0; d < sampled.distinct; d++) for (let c = 0; c < sampled.counts[d]; c++) entries.push(Array.from(sampled.lineups.subarray(d * 6, d * 6 + 6)));
  return { field: sampled, entries };
}

const contest: ContestSpec = {
  entryFee: 10,
  fieldSize: 64,
  maxEntries: 5,
  payouts: [
    { fromRank: 1, toRank: 1, prize: 150 },
    { fromRank: 2, toRank: 2, prize: 90 },
    { fromRank: 3, toRank: 5, prize: 50 },
    { fromRank: 6, toRank: 14, prize: 20 },
  ],
};

function failure(p: Promise<unknown>): Promise<EngineFailure> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as EngineFailure,
  );
}

describe('simulateContest', () => {
  const { field, entries } = smallField();
  // Ours: a copy of the field's most duplicated lineup (ties!), a field lineup, and two more.
  let top = 0;
  for (let d = 1; d < field.distinct; d++) if (field.counts[d] > field.counts[top]) top = d;
  const ours = [Array.from(field.lineups.subarray(top * 6, top * 6 + 6)), entries[7], [0, 1, 2, 11, 12, 13], [3, 4, 8, 9, 10, 13]];

  it('agrees exactly with a brute-force ranking with tie splits, in every scenario', async () => {
    expect(field.counts[top]).toBeGreaterThan(1);
    const res = await simulateContest({ slate, contest, ourLineups: ours, field, scenarios }, ctx, { threads: 1 });
    const pts = slatePoints(slate, scenarios);
    const ref = bruteForce(pts.milli, slate.players.length, S, entries, ours, contest);
    ours.forEach((_, l) => {
      const mean = ref.payouts[l].reduce((a, b) => a + b, 0) / S;
      const m = res.lineups[l];
      expect(m.expectedPayout.value).toBeCloseTo(mean, 9);
      expect(m.roi.value).toBeCloseTo((mean - 10) / 10, 9);
      expect(m.cashRate.value).toBeCloseTo(ref.payouts[l].filter((p) => p > 0).length / S, 12);
      expect(m.winRate.value).toBeCloseTo(ref.ranks[l].filter((r) => r === 1).length / S, 12);
      expect(m.meanRank.value).toBeCloseTo(ref.ranks[l].reduce((a, b) => a + b, 0) / S, 9);
      expect(m.bestRank.value).toBe(Math.min(...ref.ranks[l]));
      expect(m.worstRank.value).toBe(Math.max(...ref.ranks[l]));
      expect(m.top1Rate.value).toBe(m.winRate.value); // 64 entries → top 1 % = rank 1
    });
    const total = ref.payouts.reduce((a, col) => a + col.reduce((x, y) => x + y, 0), 0) / S;
    expect(res.portfolio.expectedPayout.value).toBeCloseTo(total, 9);
    expect(res.totalEntries).toBe(64);
  }, SLOW);

  it('handles FanDuel (5 drivers, fdPoints) exactly as well', async () => {
    const fd = syntheticSlate(14, 'FD');
    const fdScenarios = syntheticScenarios(fd, 120, 4);
    const f = sampleField({ slate: fd, ownership: flatOwnership(fd), fieldSize: 40, options: { duplication: 0.5, calibration: { pilotSize: 1000, maxIterations: 4, tolerance: 0.01, step: 1 } } }, createRng(4));
    const fdEntries: number[][] = [];
    for (let d = 0; d < f.distinct; d++) for (let c = 0; c < f.counts[d]; c++) fdEntries.push(Array.from(f.lineups.subarray(d * 5, d * 5 + 5)));
    const fdContest: ContestSpec = { ...contest, fieldSize: 42, payouts: contest.payouts.slice(0, 3) };
    const mine = [fdEntries[0], [0, 3, 7, 11, 13]];
    const res = await simulateContest({ slate: fd, contest: fdContest, ourLineups: mine, field: f, scenarios: fdScenarios }, ctx, { threads: 2, blockSize: 32 });
    const ref = bruteForce(slatePoints(fd, fdScenarios).milli, 14, 120, fdEntries, mine, fdContest);
    mine.forEach((_, l) => {
      expect(res.lineups[l].expectedPayout.value).toBeCloseTo(ref.payouts[l].reduce((a, b) => a + b, 0) / 120, 9);
      expect(res.lineups[l].meanRank.value).toBeCloseTo(ref.ranks[l].reduce((a, b) => a + b, 0) / 120, 9);
    });
    // FD points (0.8 x DK in the fixture) are used, not DK points.
    expect(slatePoints(fd, fdScenarios).milli[0]).toBe(Math.round(fdScenarios.fdPoints[0] * 1000));
  }, SLOW);

  it('gives identical results on 1 and 2 threads (fixed blocks, ordered reduction)', async () => {
    const one = await simulateContest({ slate, contest, ourLineups: ours, field, scenarios }, ctx, { threads: 1, blockSize: 64 });
    const two = await simulateContest({ slate, contest, ourLineups: ours, field, scenarios }, ctx, { threads: 2, blockSize: 37 });
    expect(two).toEqual(one);
  }, SLOW);

  it('reports standard errors that shrink like 1/sqrt(S)', async () => {
    const big = gppContest(500);
    const f = sampleField({ slate, ownership: flatOwnership(slate), fieldSize: 490 }, createRng(9));
    const our = [[0, 2, 5, 8, 11, 13]];
    const few = await simulateContest({ slate, contest: big, ourLineups: our, field: f, scenarios: syntheticScenarios(slate, 400, 1) }, ctx, { threads: 1 });
    const many = await simulateContest({ slate, contest: big, ourLineups: our, field: f, scenarios: syntheticScenarios(slate, 6400, 1) }, ctx, { threads: 1 });
    const ratio = few.lineups[0].expectedPayout.se / many.lineups[0].expectedPayout.se;
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(6);
    // The two estimates agree within their combined error.
    const d = few.lineups[0].expectedPayout.value - many.lineups[0].expectedPayout.value;
    expect(Math.abs(d)).toBeLessThan(4 * Math.hypot(few.lineups[0].expectedPayout.se, many.lineups[0].expectedPayout.se));
    const m = many.lineups[0];
    expect(m.cashRate.value).toBeGreaterThanOrEqual(m.top1Rate.value);
    expect(m.top1Rate.value).toBeGreaterThanOrEqual(m.winRate.value);
    expect(m.bestRank.value).toBeLessThanOrEqual(m.meanRank.value);
    expect(m.worstRank.value).toBeGreaterThanOrEqual(m.meanRank.value);
    expect(m.cashRate.se).toBeCloseTo(Math.sqrt((m.cashRate.value * (1 - m.cashRate.value)) / 6400), 12);
  }, SLOW);

  it('samples the field itself from a spec, reporting field and ranking progress', async () => {
    const updates: ProgressUpdate[] = [];
    const res = await simulateContest(
      { slate, contest: gppContest(300), ourLineups: [[1, 3, 6, 9, 12, 13]], field: { ownership: flatOwnership(slate), options: { calibration: { pilotSize: 2000, maxIterations: 5, tolerance: 0.005, step: 1 } } }, scenarios },
      quietContext(5, (u) => updates.push(u)),
      { threads: 1 },
    );
    expect(res.field.entries).toBe(299);
    expect(res.totalEntries).toBe(300);
    expect(new Set(updates.map((u) => u.phase))).toEqual(new Set(['field', 'ranking']));
    const ranking = updates.filter((u) => u.phase === 'ranking');
    expect(ranking.at(-1)).toMatchObject({ done: S, total: S });
  }, SLOW);

  it('rejects bad input with typed errors naming the field, and honours cancellation', async () => {
    const base = { slate, contest, ourLineups: ours, field, scenarios };
    const cases: [Parameters<typeof simulateContest>[0], string][] = [
      [{ ...base, ourLineups: [[0, 1, 2, 3, 4, 99]] }, 'ourLineups[0][5]'],
      [{ ...base, ourLineups: [[0, 1, 2, 3, 4, 4]] }, 'ourLineups[0][5]'],
      [{ ...base, ourLineups: [[0, 1, 2]] }, 'ourLineups[0]'],
      [{ ...base, ourLineups: Array.from({ length: 6 }, () => ours[0]) }, 'ourLineups'],
      [{ ...base, slate: { ...slate, players: slate.players.map((p, i) => (i === 3 ? { ...p, driverId: 'nobody' } : p)) } }, 'slate.players[3].driverId'],
      [{ ...base, slate: { ...slate, salaryCap: 10_000 } }, 'slate.salaryCap'],
      [{ ...base, contest: { ...contest, fieldSize: 0 } }, 'contest.fieldSize'],
      [{ ...base, contest: { ...contest, fieldSize: 62 } }, 'field.entries'],
      [{ ...base, contest: { ...contest, payouts: [{ fromRank: 1, toRank: 3, prize: 10 }, { fromRank: 3, toRank: 4, prize: 5 }] } }, 'payouts[1].fromRank'],
      [{ ...base, field: { ownership: [{ driverId: 'ghost', meanPct: 50 }] } }, 'ownership[0].driverId'],
    ];
    for (const [input, name] of cases) {
      const f = await failure(simulateContest(input, ctx, { threads: 1 }));
      expect(f.type, name).toBe('INVALID_INPUT');
      expect(f.details?.field).toBe(name);
    }
    for (const threads of [1, 2]) {
      const f = await failure(simulateContest(base, { seed: 1, progress: () => {}, isCancelled: () => true }, { threads, blockSize: 50 }));
      expect(f.type).toBe('CANCELLED');
    }
  }, SLOW);
});
