import { describe, expect, it } from 'vitest';
import type { CalibrationRace } from '../../../engine/contract/calibration-types.js';
import { raceDnfEvents } from '../../../engine/model/dnf-events.js';
import { crpsDiscrete, crpsUniform, randomisedPit, covered } from '../../../engine/model/forecast-scores.js';
import { simulateFinishCounts } from '../../../engine/model/simulate-finish.js';
import { createRng } from '../../../engine/rng/index.js';

function race(rows: Array<[string, number, string]>): CalibrationRace {
  return {
    raceId: 'r',
    season: 2024,
    date: '2024-04-01',
    trackType: 'superspeedway',
    laps: 188,
    results: rows.map(([driverId, lapsCompleted, status], i) => ({ driverId, start: i + 1, finish: i + 1, lapsLed: 0, fastestLaps: null, lapsCompleted, status })),
  };
}

describe('DNF classification', () => {
  it('clusters crash DNFs within a lap into multi-car incidents; other DNFs are independent', () => {
    const r = race([
      ['a', 188, 'running'],
      ['b', 188, 'running'],
      ['c', 120, 'accident'],
      ['d', 121, 'accident'],
      ['e', 120, 'DVP'],
      ['f', 60, 'accident'],
      ['g', 30, 'engine'],
    ]);
    const ev = raceDnfEvents(r);
    expect(ev.incidents).toEqual([3]);
    expect(ev.independent.map((i) => r.results[i].driverId).sort()).toEqual(['f', 'g']);
  });
});

describe('forecast scores', () => {
  it('CRPS is 0 for a point mass on the outcome and matches the uniform closed form', () => {
    const n = 10;
    const point = new Float64Array(n);
    point[3] = 1;
    expect(crpsDiscrete(point, 4)).toBe(0);
    expect(crpsDiscrete(point, 5)).toBeGreaterThan(0);
    const uniform = new Float64Array(n).fill(1 / n);
    for (let y = 1; y <= n; y++) expect(crpsDiscrete(uniform, y)).toBeCloseTo(crpsUniform(n, y), 12);
  });

  it('randomised PIT gives nominal interval coverage for a calibrated discrete forecast', () => {
    const rng = createRng(8);
    const pmf = [0.1, 0.4, 0.2, 0.3];
    let hits50 = 0;
    let hits90 = 0;
    const N = 20_000;
    for (let i = 0; i < N; i++) {
      let u = rng.nextDouble();
      let y = 1;
      while (u > pmf[y - 1]) u -= pmf[y++ - 1];
      const pit = randomisedPit(pmf, y, rng);
      if (covered(pit, 0.5)) hits50++;
      if (covered(pit, 0.9)) hits90++;
    }
    expect(hits50 / N).toBeCloseTo(0.5, 1);
    expect(hits90 / N).toBeCloseTo(0.9, 1);
  });

  it('simulated finishing distribution puts a dominant driver first and DNF-prone cars at the back', () => {
    const n = 4;
    const rm = {
      drivers: ['fast', 'mid', 'slow', 'broken'],
      draws: 1,
      strength: Float64Array.from([4, 0, -1, 0]),
      dnfProb: Float64Array.from([0, 0, 0, 1]),
      incidentProb: Float64Array.from([0]),
      incidentMeanCars: 0,
      lapsLedDominance: 1,
      fastestLapDominance: 1,
      laps: 100,
      greenLapShare: 0.8,
      startPositions: Int32Array.from([1, 2, 3, 4]),
    };
    const counts = simulateFinishCounts(rm, 2000, createRng(2));
    expect(counts[0 * n + 0] / 2000).toBeGreaterThan(0.9);
    expect(counts[3 * n + 3]).toBe(2000);
    for (let i = 0; i < n; i++) expect(counts.subarray(i * n, (i + 1) * n).reduce((a, b) => a + b, 0)).toBe(2000);
  });
});
