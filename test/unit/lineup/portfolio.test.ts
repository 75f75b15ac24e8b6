import { describe, expect, it } from 'vitest';
import type { PortfolioConstraints, PortfolioObjective } from '../../../engine/contract/lineup-types.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import type { ProgressUpdate } from '../../../engine/contract/run-context.js';
import { optimizePortfolio } from '../../../engine/lineup/index.js';
import { createRng } from '../../../engine/rng/index.js';
import { bruteEntriesPayout, isLegal, lineupScores } from './brute-force.js';
import { gppPayouts, syntheticField, syntheticPoints, syntheticSlate } from './fixtures.js';

const SLOW = 120_000;
const n = 16;
const ss = syntheticSlate(n, 41);
const sel = syntheticPoints(ss, 400, 42);
const evl = syntheticPoints(ss, 400, 43);
const entries = 150;
const fieldSel = syntheticField(ss, sel, entries, 60, gppPayouts(entries + 1), 44);
const fieldEval = syntheticField(ss, evl, entries, 60, gppPayouts(entries + 1), 45);
const input = { slate: ss.slate, selection: { points: sel, field: fieldSel }, evaluation: { points: evl, field: fieldEval }, ownership: ss.ownership };
const COVER: PortfolioObjective = { kind: 'coverage', target: { kind: 'fieldQuantile', quantile: 0.95 } };
const SMALL_POOL = { perRanking: 300, scenarioLineups: 40, perRefill: 20 };

/** Every rule, exposure bound, progressive cap and min-unique gap, checked from the outside. */
function checkPortfolio(lineups: readonly (readonly number[])[], c: PortfolioConstraints, N: number): void {
  const counts = new Array<number>(n).fill(0);
  const maxOf = (id: string): number => c.exposures?.find((e) => e.driverId === id)?.max ?? c.maxExposure ?? 1;
  const minOf = (id: string): number => c.exposures?.find((e) => e.driverId === id)?.min ?? c.minExposure ?? 0;
  lineups.forEach((l, k) => {
    expect(isLegal(ss.slate, l, c, ss.ownership), `lineup ${k} legal`).toBe(true);
    for (const i of l) counts[i]++;
    // Progressive caps: no prefix of the stream over-exposes anyone.
    ss.slate.players.forEach((p, i) => expect(counts[i], `prefix ${k + 1}, ${p.driverId}`).toBeLessThanOrEqual(Math.ceil(maxOf(p.driverId) * (k + 1) - 1e-9)));
    for (let j = 0; j < k; j++) {
      const shared = l.filter((i) => lineups[j].includes(i)).length;
      expect(ss.slate.rosterSize - shared, `unique drivers between ${j} and ${k}`).toBeGreaterThanOrEqual(c.minUnique ?? 1);
    }
  });
  ss.slate.players.forEach((p, i) => {
    expect(counts[i]).toBeLessThanOrEqual(Math.floor(maxOf(p.driverId) * N + 1e-9));
    expect(counts[i]).toBeGreaterThanOrEqual(Math.ceil(minOf(p.driverId) * N - 1e-9));
  });
}

describe('portfolio optimizer', () => {
  it('coverage: rules hold for every prefix, metrics recompute, and it beats the projection baseline on its objective', () => {
    const c: PortfolioConstraints = { maxExposure: 0.5, minUnique: 2, exposures: [{ driverId: 'drv10', min: 0.2 }] };
    const N = 20;
    const steps: number[] = [];
    let gained = 0;
    const progress: ProgressUpdate[] = [];
    const onLineup = (_l: unknown, info: { step: number; marginalGain: number }): void => {
      steps.push(info.step);
      expect(info.marginalGain).toBeGreaterThanOrEqual(0); // coverage never decreases
      gained += info.marginalGain;
    };
    const res = optimizePortfolio(input, COVER, { lineups: N, constraints: c, pool: SMALL_POOL, onLineup }, quietContext(5, (u) => progress.push(u)));
    expect(gained).toBeCloseTo(res.selection.objective.value, 12);
    for (const l of res.lineups) expect(l.selectionObjective).toBeLessThanOrEqual(res.selection.objective.value);
    expect(res.lineups).toHaveLength(N);
    expect(steps).toEqual(Array.from({ length: N }, (_, k) => k + 1));
    expect(progress.filter((u) => u.phase === 'portfolio').map((u) => u.done)).toEqual(steps);
    checkPortfolio(res.lineups.map((l) => l.indices), c, N);
    // P(best lineup beats the 95th-percentile opponent), recomputed independently on both sets.
    const k = Math.ceil(0.05 * entries);
    const recompute = (points: Float32Array, f: typeof fieldSel): number => {
      const all = res.lineups.map((l) => lineupScores(points, n, l.indices));
      let hit = 0;
      for (let s = 0; s < f.scenarios; s++) {
        const bar = f.sortedFieldScores[s * f.rowLength + f.rowLength - k];
        if (all.some((x) => Math.fround(Math.round(x[s] * 1000) / 1000) > bar)) hit++;
      }
      return hit / f.scenarios;
    };
    expect(res.selection.objective.value).toBeCloseTo(recompute(sel, fieldSel), 12);
    expect(res.heldOut.objective.value).toBeCloseTo(recompute(evl, fieldEval), 12);
    const base = optimizePortfolio(input, { kind: 'mean' }, { lineups: N, constraints: c, pool: SMALL_POOL }, quietContext(5));
    checkPortfolio(base.lineups.map((l) => l.indices), c, N);
    expect(res.selection.pBeatFieldQuantile).toBeDefined();
    const baseCover = optimizePortfolio(input, COVER, { lineups: 1, pool: SMALL_POOL }, quietContext(5));
    expect(baseCover.lineups).toHaveLength(1);
    // Greedy maximises coverage: it must not lose to the projection portfolio on the selection set.
    const baseHit = (() => {
      const all = base.lineups.map((l) => lineupScores(sel, n, l.indices));
      let hit = 0;
      for (let s = 0; s < fieldSel.scenarios; s++) {
        const bar = fieldSel.sortedFieldScores[s * fieldSel.rowLength + fieldSel.rowLength - k];
        if (all.some((x) => Math.fround(Math.round(x[s] * 1000) / 1000) > bar)) hit++;
      }
      return hit / fieldSel.scenarios;
    })();
    expect(res.selection.objective.value).toBeGreaterThan(baseHit);
  }, SLOW);

  it('payout: the reported objective is the exact multi-entry payout (own entries compete) on both sets', () => {
    const N = 8;
    const res = optimizePortfolio(input, { kind: 'payout' }, { lineups: N, constraints: { maxExposure: 0.75 }, pool: SMALL_POOL }, quietContext(6));
    const brute = (points: Float32Array, f: typeof fieldSel): number => {
      const all = res.lineups.map((l) => lineupScores(points, n, l.indices));
      let total = 0;
      for (let s = 0; s < f.scenarios; s++) total += bruteEntriesPayout(f, s, all.map((x) => x[s]));
      return total / f.scenarios;
    };
    expect(res.selection.objective.value).toBeCloseTo(brute(sel, fieldSel), 9);
    expect(res.heldOut.payout!.value).toBeCloseTo(brute(evl, fieldEval), 9);
    expect(res.heldOut.payout!.se).toBeGreaterThan(0);
    checkPortfolio(res.lineups.map((l) => l.indices), { maxExposure: 0.75 }, N);
  }, SLOW);

  it('property: random portfolio rules are never violated (or the build fails INFEASIBLE up front)', () => {
    let built = 0;
    for (let k = 0; k < 10; k++) {
      const rng = createRng(700 + k);
      const id = (): string => `drv${String(Math.floor(rng.nextDouble() * n)).padStart(2, '0')}`;
      const lock = rng.nextDouble() < 0.3 ? [id()] : [];
      const c: PortfolioConstraints = {
        locks: lock,
        excludes: rng.nextDouble() < 0.3 ? [id()].filter((x) => !lock.includes(x)) : [],
        maxExposure: 0.35 + 0.5 * rng.nextDouble(),
        minUnique: 1 + Math.floor(rng.nextDouble() * 3),
        exposures: rng.nextDouble() < 0.5 ? [{ driverId: id(), min: 0.1 + 0.2 * rng.nextDouble() }] : [],
        groups: rng.nextDouble() < 0.4 ? [{ drivers: [id(), id(), id()], atMost: 1 }] : [],
        ...(rng.nextDouble() < 0.3 ? { minSalary: 47_000 } : {}),
        ...(rng.nextDouble() < 0.3 ? { maxTotalOwnership: 3 } : {}),
      };
      const N = 5 + Math.floor(rng.nextDouble() * 12);
      const objective: PortfolioObjective = [COVER, { kind: 'mean' } as const, { kind: 'coverage', target: { kind: 'win' } } as const][k % 3];
      try {
        const res = optimizePortfolio(input, objective, { lineups: N, constraints: c, pool: SMALL_POOL }, quietContext(k));
        checkPortfolio(res.lineups.map((l) => l.indices), c, N);
        built++;
      } catch (err) {
        expect((err as { type?: string }).type, `case ${k}: ${String(err)}`).toBe('INFEASIBLE');
      }
    }
    expect(built).toBeGreaterThan(4);
  }, SLOW);

  it('is reproducible: same seed → same portfolio; the seeded hold-out split follows the seed', () => {
    const single = { slate: ss.slate, selection: { points: sel }, ownership: ss.ownership };
    const obj: PortfolioObjective = { kind: 'coverage', target: { kind: 'score', value: 260 } };
    const run = (seed: number) => optimizePortfolio(single, obj, { lineups: 10, constraints: { maxExposure: 0.6 }, pool: SMALL_POOL }, quietContext(seed));
    const a = run(77);
    const b = run(77);
    const c = run(78);
    expect(b.lineups.map((l) => l.indices)).toEqual(a.lineups.map((l) => l.indices));
    expect(b.heldOut).toEqual(a.heldOut);
    expect(a.stats.selectionScenarios + a.stats.heldOutScenarios).toBe(400);
    expect(c.heldOut.expectedBest.value).not.toBe(a.heldOut.expectedBest.value); // a different split
  }, SLOW);
});
