/**
 * The exact search shared by worker threads (exact-pool.ts) returns the single-thread answer —
 * the same lineup and value, and a brute-force-equal objective — for every scenario objective,
 * with and without rules; cancellation stops every share and the pool stays usable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { LineupObjective } from '../../../engine/contract/lineup-types.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { createExactPool, optimizeLineup, optimizeLineupParallel } from '../../../engine/lineup/index.js';
import { bruteBest } from './brute-force.js';
import { gppPayouts, syntheticField, syntheticPoints, syntheticSlate } from './fixtures.js';

const OBJECTIVES: LineupObjective[] = [
  { kind: 'cvar', levels: [{ alpha: 0.05, weight: 1 }] },
  { kind: 'cvar', levels: [{ alpha: 0.01, weight: 0.5 }, { alpha: 0.1, weight: 0.5 }] },
  { kind: 'probAtLeast', target: 280 },
  { kind: 'payout' },
];

function problem(n: number, S: number, seed: number) {
  const ss = syntheticSlate(n, seed);
  return { ss, input: inputOf(ss, S, seed) };
}

function inputOf(ss: ReturnType<typeof syntheticSlate>, S: number, seed: number) {
  const sel = syntheticPoints(ss, S, seed + 1);
  const evl = syntheticPoints(ss, 200, seed + 2);
  const fieldSel = syntheticField(ss, sel, 80, 40, gppPayouts(81), seed + 3);
  const fieldEval = syntheticField(ss, evl, 80, 40, gppPayouts(81), seed + 4);
  return { slate: ss.slate, selection: { points: sel, field: fieldSel }, evaluation: { points: evl, field: fieldEval }, ownership: ss.ownership };
}

const pool = createExactPool(2);
// Split every scenario objective (the job splits payout only), so each is checked on 2 threads.
const SPLIT_ALL = ['cvar', 'probAtLeast', 'payout'] as const;
afterAll(() => pool.close());

describe('exact search on 2 threads', () => {
  const { ss, input } = problem(16, 600, 41);
  for (const objective of OBJECTIVES) {
    it(`equals the single-thread search and brute force: ${JSON.stringify(objective)}`, async () => {
      const serial = optimizeLineup(input, objective, {}, quietContext(3));
      const parallel = await optimizeLineupParallel(input, objective, {}, quietContext(3), pool, SPLIT_ALL);
      expect(parallel.lineup.driverIds).toEqual(serial.lineup.driverIds);
      expect(parallel.lineup.selectionObjective).toBe(serial.lineup.selectionObjective);
      expect(parallel.lineup.heldOut).toEqual(serial.lineup.heldOut);
      expect(parallel.stats.legalLineups).toBe(serial.stats.legalLineups);
      const brute = bruteBest(ss.slate, input.selection.points, objective, {}, ss.ownership, input.selection.field);
      expect(parallel.lineup.selectionObjective).toBeCloseTo(brute!.value, 9);
    }, 120_000);
  }

  it('honours rules (locks, exposure-free constraints) like the single-thread search', async () => {
    const constraints = { locks: ['drv03'], excludes: ['drv07'], minSalary: 45_000 };
    const objective: LineupObjective = { kind: 'payout' };
    const serial = optimizeLineup(input, objective, { constraints }, quietContext(5));
    const parallel = await optimizeLineupParallel(input, objective, { constraints }, quietContext(5), pool, SPLIT_ALL);
    expect(parallel.lineup.driverIds).toEqual(serial.lineup.driverIds);
    expect(parallel.lineup.driverIds).toContain('drv03');
    expect(parallel.lineup.driverIds).not.toContain('drv07');
  }, 120_000);

  it('cancels every share and the pool runs the next search', async () => {
    const big = problem(30, 3000, 7).input;
    let polls = 0;
    const ctx = { seed: 1, progress: () => {}, isCancelled: () => ++polls > 2 };
    await expect(optimizeLineupParallel(big, { kind: 'payout' }, {}, ctx, pool)).rejects.toMatchObject({ type: 'CANCELLED' });
    const after = await optimizeLineupParallel(input, { kind: 'payout' }, {}, quietContext(3), pool);
    expect(after.lineup.driverIds).toEqual(optimizeLineup(input, { kind: 'payout' }, {}, quietContext(3)).lineup.driverIds);
  }, 120_000);
});
