import { describe, expect, it } from 'vitest';
import { quietContext } from '../../../engine/contract/run-context.js';
import type { SimulatedScenarioSet } from '../../../engine/contract/simulation-types.js';
import { checkConservation, simulateRace, summarizeScenarios } from '../../../engine/race-sim/index.js';
import { syntheticRaceModel } from './synthetic-model.js';

const n = 10;
const S = 2000;
const set = simulateRace(syntheticRaceModel({ drivers: n, draws: 25, laps: 200 }), { scenarios: S }, quietContext(17));

function column(data: ArrayLike<number>, i: number): number[] {
  return Array.from({ length: S }, (_, s) => data[s * n + i]);
}

describe('summarizeScenarios', () => {
  const summary = summarizeScenarios(set);

  it('per-driver distributions agree with a direct computation', () => {
    for (let i = 0; i < n; i++) {
      const d = summary.perDriver[i];
      expect(d.driverId).toBe(set.drivers[i]);
      const dk = column(set.dkPoints, i);
      const mean = dk.reduce((a, b) => a + b, 0) / S;
      const sd = Math.sqrt(dk.reduce((a, b) => a + (b - mean) ** 2, 0) / (S - 1));
      expect(d.dkPoints.mean).toBeCloseTo(mean, 6);
      expect(d.dkPoints.sd).toBeCloseTo(sd, 6);
      const sorted = [...dk].sort((a, b) => a - b);
      expect(d.dkPoints.p50).toBeCloseTo((sorted[S / 2 - 1] + sorted[S / 2]) / 2, 6); // type-7 median of an even count
      expect(d.dkPoints.p5).toBeLessThanOrEqual(d.dkPoints.p25);
      expect(d.dkPoints.p75).toBeLessThanOrEqual(d.dkPoints.p95);
      const finish = column(set.finish, i);
      expect(d.winRate).toBeCloseTo(finish.filter((f) => f === 1).length / S, 12);
      expect(d.top5Rate).toBeCloseTo(finish.filter((f) => f <= 5).length / S, 12);
      expect(d.dnfRate).toBeCloseTo(column(set.dnf, i).reduce((a, b) => a + b, 0) / S, 12);
      expect(d.meanLapsLed).toBeCloseTo(column(set.lapsLed, i).reduce((a, b) => a + b, 0) / S, 9);
      expect(d.finish.p5).toBeGreaterThanOrEqual(1);
      expect(d.finish.p95).toBeLessThanOrEqual(n);
    }
    // Win rates and mean laps led are shares of one race: they add up.
    expect(summary.perDriver.reduce((a, d) => a + d.winRate, 0)).toBeCloseTo(1, 12);
    expect(summary.perDriver.reduce((a, d) => a + d.meanLapsLed, 0)).toBeCloseTo(set.laps, 9);
  });

  it('returns a symmetric DK correlation matrix with a unit diagonal that matches Pearson', () => {
    const c = summary.dkCorrelation;
    expect(c.length).toBe(n * n);
    const x = column(set.dkPoints, 0);
    const y = column(set.dkPoints, 1);
    const mx = x.reduce((a, b) => a + b, 0) / S;
    const my = y.reduce((a, b) => a + b, 0) / S;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let s = 0; s < S; s++) {
      sxy += (x[s] - mx) * (y[s] - my);
      sxx += (x[s] - mx) ** 2;
      syy += (y[s] - my) ** 2;
    }
    expect(c[1]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 9);
    for (let i = 0; i < n; i++) {
      expect(c[i * n + i]).toBe(1);
      for (let j = 0; j < n; j++) {
        expect(c[i * n + j]).toBe(c[j * n + i]);
        expect(Math.abs(c[i * n + j])).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
    // Finishing positions are a permutation, so drivers compete: the average off-diagonal correlation is negative.
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += c[i * n + j];
    expect(off / (n * (n - 1))).toBeLessThan(0);
  });

  it('reports clean conservation checks for a simulated set', () => {
    expect(summary.checks).toEqual({ scenarios: S, lapsLedRowsOk: S, fastestLapsRowsOk: S, finishPermutationOk: S, violations: 0, examples: [] });
  });
});

describe('checkConservation on corrupted sets', () => {
  function corrupt(edit: (s: SimulatedScenarioSet) => void): SimulatedScenarioSet {
    const copy: SimulatedScenarioSet = {
      ...set,
      finish: Uint8Array.from(set.finish),
      lapsLed: Uint16Array.from(set.lapsLed),
      fastestLaps: Uint16Array.from(set.fastestLaps),
      greenLaps: Uint16Array.from(set.greenLaps),
      dnf: Uint8Array.from(set.dnf),
    };
    edit(copy);
    return copy;
  }

  it('flags each broken law in the right row', () => {
    const ll = checkConservation(corrupt((s) => (s.lapsLed[5 * n + 3] += 1)));
    expect(ll.lapsLedRowsOk).toBe(S - 1);
    expect(ll.violations).toBe(1);
    expect(ll.examples[0]).toMatch(/^row 5: laps led sum 201/);

    const fl = checkConservation(corrupt((s) => (s.greenLaps[7] += 1)));
    expect(fl.fastestLapsRowsOk).toBe(S - 1);

    const perm = checkConservation(
      corrupt((s) => {
        s.finish[9 * n] = s.finish[9 * n + 1]; // a tie
      }),
    );
    expect(perm.finishPermutationOk).toBe(S - 1);
    expect(perm.examples[0]).toMatch(/^row 9:/);
  });
});
