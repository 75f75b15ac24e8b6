import { describe, expect, it } from 'vitest';

// Brute force over every lineup is the slow part; generous timeouts for loaded CI machines.
const SLOW = 120_000;
import { quietContext } from '../../../engine/contract/run-context.js';
import type { LineupConstraints, LineupObjective } from '../../../engine/contract/lineup-types.js';
import { optimizeLineup } from '../../../engine/lineup/index.js';
import { bruteBest, bruteObjective, isLegal, lineupScores } from './brute-force.js';
import { gppPayouts, syntheticField, syntheticPoints, syntheticSlate } from './fixtures.js';
import { createRng } from '../../../engine/rng/index.js';

const OBJECTIVES: LineupObjective[] = [
  { kind: 'mean' },
  { kind: 'leverage', ownershipPenalty: 25 },
  { kind: 'cvar', levels: [{ alpha: 0.01, weight: 1 }] },
  { kind: 'cvar', levels: [{ alpha: 0.05, weight: 1 }] },
  { kind: 'cvar', levels: [{ alpha: 0.01, weight: 0.3 }, { alpha: 0.05, weight: 0.5 }, { alpha: 0.2, weight: 0.2 }] },
  { kind: 'probAtLeast', target: 250 },
  { kind: 'probAtLeast', target: 300 },
  { kind: 'payout' },
];

function problem(n: number, S: number, seed: number, site: 'DK' | 'FD' = 'DK') {
  const ss = syntheticSlate(n, seed, site);
  const sel = syntheticPoints(ss, S, seed + 1);
  const evl = syntheticPoints(ss, 200, seed + 2);
  const entries = 80;
  const rowLength = 40; // truncated rows: exercises tiesAtRowMin and the cash-line logic
  const fieldSel = syntheticField(ss, sel, entries, rowLength, gppPayouts(entries + 1), seed + 3);
  const fieldEval = syntheticField(ss, evl, entries, rowLength, gppPayouts(entries + 1), seed + 4);
  return { ss, input: { slate: ss.slate, selection: { points: sel, field: fieldSel }, evaluation: { points: evl, field: fieldEval }, ownership: ss.ownership } };
}

/** Random well-formed rules over a slate (they may be jointly infeasible). */
function randomConstraints(n: number, seed: number, ownership: Float64Array): LineupConstraints {
  const rng = createRng(seed);
  const pick = (k: number): string[] => {
    const ids = new Set<string>();
    while (ids.size < k) ids.add(`drv${String(Math.floor(rng.nextDouble() * n)).padStart(2, '0')}`);
    return [...ids];
  };
  const locks = rng.nextDouble() < 0.4 ? pick(1 + Math.floor(rng.nextDouble() * 2)) : [];
  const excludes = (rng.nextDouble() < 0.4 ? pick(2) : []).filter((id) => !locks.includes(id));
  const groups = rng.nextDouble() < 0.5 ? [{ drivers: pick(4), atLeast: Math.floor(rng.nextDouble() * 2), atMost: 2 + Math.floor(rng.nextDouble() * 2) }] : [];
  const sorted = Array.from(ownership).sort((a, b) => a - b);
  return {
    locks,
    excludes,
    groups,
    ...(rng.nextDouble() < 0.3 ? { minSalary: 46_000 + Math.round(rng.nextDouble() * 30) * 100 } : {}),
    ...(rng.nextDouble() < 0.3 ? { maxTotalOwnership: 2.5 + rng.nextDouble() } : {}),
    ...(rng.nextDouble() < 0.3 ? { lowOwned: { maxOwnership: sorted[Math.floor(n / 3)], minCount: 1 + Math.floor(rng.nextDouble() * 2) } } : {}),
  };
}

describe('exact single-lineup search equals brute force', () => {
  const { ss, input } = problem(13, 400, 11);
  for (const objective of OBJECTIVES) {
    it(`${JSON.stringify(objective)} without rules`, () => {
      const res = optimizeLineup(input, objective, {}, quietContext(1));
      const brute = bruteBest(ss.slate, input.selection.points, objective, {}, ss.ownership, input.selection.field);
      expect(brute).not.toBeNull();
      expect(res.lineup.selectionObjective).toBeCloseTo(brute!.value, 9);
      // The returned lineup really achieves that value and is legal.
      const own = bruteObjective(objective, lineupScores(input.selection.points, 13, res.lineup.indices), res.lineup.indices, ss.ownership, input.selection.field);
      expect(own).toBeCloseTo(brute!.value, 9);
      expect(isLegal(ss.slate, res.lineup.indices, {}, ss.ownership)).toBe(true);
      expect(res.stats.legalLineups).toBe(brute!.legal);
      expect(res.stats.scored + res.stats.pruned).toBe(res.stats.legalLineups);
    }, SLOW);
  }

  it('matches brute force on FanDuel rules (5 drivers) for every objective', () => {
    const fd = problem(12, 300, 21, 'FD');
    for (const objective of OBJECTIVES) {
      const res = optimizeLineup(fd.input, objective, {}, quietContext(3));
      expect(res.lineup.indices).toHaveLength(5);
      const brute = bruteBest(fd.ss.slate, fd.input.selection.points, objective, {}, fd.ss.ownership, fd.input.selection.field);
      expect(res.lineup.selectionObjective).toBeCloseTo(brute!.value, 9);
    }
  }, SLOW);
});

describe('property: random rules — never violated, optimal, INFEASIBLE only when nothing is legal', () => {
  const { ss, input } = problem(12, 250, 31);
  const cases = 36;
  it(`${cases} random rule sets x rotating objectives`, () => {
    let feasible = 0;
    for (let k = 0; k < cases; k++) {
      const constraints = randomConstraints(12, 100 + k, ss.ownership);
      const objective = OBJECTIVES[k % OBJECTIVES.length];
      const brute = bruteBest(ss.slate, input.selection.points, objective, constraints, ss.ownership, input.selection.field);
      let res;
      try {
        res = optimizeLineup(input, objective, { constraints }, quietContext(k));
      } catch (err) {
        expect((err as { type?: string }).type, `case ${k}: ${String(err)}`).toBe('INFEASIBLE');
        expect(brute, `case ${k}: optimizer said infeasible but brute force found lineups`).toBeNull();
        continue;
      }
      feasible++;
      expect(brute, `case ${k}`).not.toBeNull();
      expect(isLegal(ss.slate, res.lineup.indices, constraints, ss.ownership), `case ${k} legality`).toBe(true);
      expect(res.lineup.selectionObjective, `case ${k} value`).toBeCloseTo(brute!.value, 9);
      expect(res.stats.legalLineups).toBe(brute!.legal);
    }
    expect(feasible).toBeGreaterThan(cases / 3); // the generator must exercise the search, not only errors
  }, SLOW);
});
