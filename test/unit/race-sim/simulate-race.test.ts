import { describe, expect, it } from 'vitest';
import type { RaceModel } from '../../../engine/contract/models.js';
import { quietContext, type ProgressUpdate } from '../../../engine/contract/run-context.js';
import type { SimulatedScenarioSet } from '../../../engine/contract/simulation-types.js';
import { mergeScenarioSets, simulateRace, TRACK_TYPE_SIM_DEFAULTS } from '../../../engine/race-sim/index.js';
import { dkFinishPoints, scoreScenarioSet } from '../../../engine/scoring/index.js';
import { syntheticRaceModel } from './synthetic-model.js';

/** Independent re-check of the by-construction laws (not via checkConservation). */
function assertConserved(set: SimulatedScenarioSet): void {
  const n = set.drivers.length;
  let bad = 0;
  for (let s = 0; s < set.scenarios; s++) {
    const o = s * n;
    let ll = 0;
    let fl = 0;
    const places = new Set<number>();
    let runners = 0;
    let winnerLed = 0;
    for (let i = 0; i < n; i++) {
      ll += set.lapsLed[o + i];
      fl += set.fastestLaps[o + i];
      places.add(set.finish[o + i]);
      if (set.dnf[o + i] === 0) runners++;
      if (set.lapsLed[o + i] > set.lapsCompleted[o + i] || set.fastestLaps[o + i] > set.lapsCompleted[o + i]) bad++;
      if (set.finish[o + i] === 1) winnerLed = set.lapsLed[o + i];
    }
    for (let i = 0; i < n; i++) {
      const f = set.finish[o + i];
      if (set.dnf[o + i] === 1 ? f <= runners : f > runners) bad++; // DNFs classify last
      for (let j = 0; j < n; j++) if (set.finish[o + j] === f + 1 && set.lapsCompleted[o + j] > set.lapsCompleted[o + i]) bad++; // laps completed never increase down the order
    }
    if (ll !== set.laps || fl !== set.greenLaps[s] || set.greenLaps[s] > set.laps || places.size !== n || Math.min(...places) !== 1 || Math.max(...places) !== n || winnerLed < 1) bad++;
  }
  expect(bad).toBe(0);
}

const smallModel = syntheticRaceModel({ drivers: 12, draws: 7, laps: 150 });

describe('simulateRace', () => {
  it('conserves laps led, fastest laps and the classification in every scenario, on every track type', () => {
    for (const [type, sim] of Object.entries(TRACK_TYPE_SIM_DEFAULTS)) {
      const model = syntheticRaceModel({ drivers: 40, draws: 50, laps: type === 'road' ? 90 : 300, incidentProb: type === 'superspeedway' ? 0.9 : 0.2, incidentMeanCars: 8 });
      const set = simulateRace(model, { scenarios: 1500, ...sim }, quietContext(3));
      expect(set.scenarios).toBe(1500);
      assertConserved(set);
    }
  });

  it('keeps the laws in degenerate races (1 lap, everyone likely out, one driver)', () => {
    const wreck = syntheticRaceModel({ drivers: 10, draws: 3, laps: 1, dnfProb: 0.9, incidentProb: 1, incidentMeanCars: 20 });
    assertConserved(simulateRace(wreck, { scenarios: 500 }, quietContext(1)));
    // Extreme log-worth gaps (e^800) must not overflow the sort or the lap weights.
    const m = syntheticRaceModel({ drivers: 40, draws: 3 });
    const extreme = Float64Array.from(m.strength, (_, k) => (k % 40 === 0 ? 500 : k % 40 === 39 ? -300 : 0));
    const ex = simulateRace({ ...m, strength: extreme, dnfProb: new Float64Array(120), incidentProb: new Float64Array(3) }, { scenarios: 300 }, quietContext(1));
    assertConserved(ex);
    expect(ex.finish.filter((f, k) => k % 40 === 0 && f === 1).length).toBe(300);
    const solo = syntheticRaceModel({ drivers: 1, draws: 2, laps: 40 });
    const set = simulateRace(solo, { scenarios: 50 }, quietContext(1));
    assertConserved(set);
    expect(Array.from(set.lapsLed).every((v) => v === 40)).toBe(true);
  });

  it('is reproducible from ctx.seed and changes with it', () => {
    const a = simulateRace(smallModel, { scenarios: 300 }, quietContext(42));
    const b = simulateRace(smallModel, { scenarios: 300 }, quietContext(42));
    const c = simulateRace(smallModel, { scenarios: 300 }, quietContext(43));
    expect(Buffer.from(a.finish.buffer).equals(Buffer.from(b.finish.buffer))).toBe(true);
    expect(Buffer.from(a.dkPoints.buffer).equals(Buffer.from(b.dkPoints.buffer))).toBe(true);
    expect(Buffer.from(a.finish.buffer).equals(Buffer.from(c.finish.buffer))).toBe(false);
    expect(a.seed).toBe(42);
  });

  it('chunks simulated separately and merged equal one big run, bit for bit', () => {
    const opts = { scenarios: 1003, chunkSize: 250 }; // 5 chunks, the last one partial
    const whole = simulateRace(smallModel, opts, quietContext(9));
    const parts = [4, 1, 3, 0, 2].map((k) => simulateRace(smallModel, { ...opts, chunkIndex: k }, quietContext(9)));
    expect(parts.map((p) => p.firstScenario)).toEqual([1000, 250, 750, 0, 500]);
    expect(parts[0].scenarios).toBe(3);
    const merged = mergeScenarioSets(parts);
    for (const col of ['finish', 'lapsLed', 'fastestLaps', 'dnf', 'dkPoints', 'fdPoints', 'lapsCompleted', 'greenLaps'] as const) {
      expect(Buffer.from(merged[col].buffer).equals(Buffer.from(whole[col].buffer)), col).toBe(true);
    }
    expect(merged.scenarios).toBe(whole.scenarios);
    // A different chunk size is a different (equally valid) run: chunks are the unit of reproducibility.
    const other = simulateRace(smallModel, { scenarios: 1003, chunkSize: 500 }, quietContext(9));
    expect(Buffer.from(other.finish.subarray(0, 250 * 12)).equals(Buffer.from(whole.finish.subarray(0, 250 * 12)))).toBe(true); // same substream 0
    expect(Buffer.from(other.finish.buffer).equals(Buffer.from(whole.finish.buffer))).toBe(false);
  });

  it('rejects merging parts with a gap, an overlap or from another run', () => {
    const opts = { scenarios: 400, chunkSize: 100 };
    const p = [0, 1, 3].map((k) => simulateRace(smallModel, { ...opts, chunkIndex: k }, quietContext(2)));
    expect(() => mergeScenarioSets(p)).toThrowError(/sets\[2\]\.firstScenario: 300 leaves a gap/);
    expect(() => mergeScenarioSets([p[0], p[0]])).toThrowError(/overlap/);
    const foreign = simulateRace(smallModel, { ...opts, chunkIndex: 1 }, quietContext(3));
    expect(() => mergeScenarioSets([p[0], foreign])).toThrowError(/sets\[1\]\.seed/);
  });

  it('uses posterior draw (row mod D) for row g, across chunk boundaries', () => {
    // Draw 0: driver A overwhelmingly best; draw 1: driver B. No DNFs, no incidents.
    const n = 3;
    const model: RaceModel = {
      drivers: ['A', 'B', 'C'],
      draws: 2,
      strength: Float64Array.from([40, 0, 0, 0, 40, 0]),
      dnfProb: new Float64Array(2 * n),
      incidentProb: new Float64Array(2),
      incidentMeanCars: 0,
      lapsLedDominance: 1,
      fastestLapDominance: 1,
      laps: 100,
      greenLapShare: 0.8,
      startPositions: Int32Array.from([1, 2, 3]),
    };
    const set = simulateRace(model, { scenarios: 101, chunkSize: 33, chunkIndex: 1 }, quietContext(1));
    expect(set.firstScenario).toBe(33);
    for (let r = 0; r < set.scenarios; r++) {
      const g = set.firstScenario + r;
      const winner = g % 2 === 0 ? 0 : 1;
      expect(set.finish[r * n + winner]).toBe(1);
    }
  });

  it('samples Plackett–Luce win probabilities worth_i / sum(worth)', () => {
    const n = 4;
    const strength = Float64Array.from([Math.log(4), Math.log(2), Math.log(1), Math.log(1)]);
    const model: RaceModel = { ...smallModel, drivers: ['a', 'b', 'c', 'd'], draws: 1, strength, dnfProb: new Float64Array(n), incidentProb: new Float64Array(1), startPositions: Int32Array.from([1, 2, 3, 4]) };
    const S = 40_000;
    const set = simulateRace(model, { scenarios: S }, quietContext(8));
    const wins = [0, 0, 0, 0];
    let aBeforeB = 0;
    for (let s = 0; s < S; s++) {
      for (let i = 0; i < n; i++) if (set.finish[s * n + i] === 1) wins[i]++;
      if (set.finish[s * n] < set.finish[s * n + 1]) aBeforeB++;
    }
    const expected = [0.5, 0.25, 0.125, 0.125];
    wins.forEach((w, i) => expect(Math.abs(w / S - expected[i])).toBeLessThan(4 * Math.sqrt((expected[i] * (1 - expected[i])) / S)));
    expect(Math.abs(aBeforeB / S - 4 / 6)).toBeLessThan(0.01); // pairwise: 4 / (4 + 2)
  });

  it('DNFs: independent rate, classified behind runners by dropout lap; incidents take out a block at one lap', () => {
    const n = 20;
    const base = syntheticRaceModel({ drivers: n, draws: 5, laps: 200 });
    const indep: RaceModel = { ...base, dnfProb: new Float64Array(5 * n).fill(0.1), incidentProb: new Float64Array(5) };
    const S = 4000;
    const a = simulateRace(indep, { scenarios: S }, quietContext(4));
    const dnfs = a.dnf.reduce((x, y) => x + y, 0);
    expect(Math.abs(dnfs / S - n * 0.1)).toBeLessThan(0.1);

    const wreck: RaceModel = { ...base, dnfProb: new Float64Array(5 * n), incidentProb: new Float64Array(5).fill(1), incidentMeanCars: 6 };
    const b = simulateRace(wreck, { scenarios: S }, quietContext(4));
    let total = 0;
    for (let s = 0; s < S; s++) {
      const laps = new Set<number>();
      for (let i = 0; i < n; i++) if (b.dnf[s * n + i]) laps.add(b.lapsCompleted[s * n + i]);
      expect(laps.size).toBe(1); // one incident, one lap
      for (let i = 0; i < n; i++) total += b.dnf[s * n + i];
    }
    expect(Math.abs(total / S - 6)).toBeLessThan(0.35); // 1 + Geometric with mean 6 (rarely capped by the field)
  });

  it('laps led and fastest laps follow strength (dominance) and green laps follow greenLapShare', () => {
    const model = syntheticRaceModel({ drivers: 30, draws: 20, laps: 300, greenLapShare: 0.8 });
    const S = 3000;
    const set = simulateRace(model, { scenarios: S }, quietContext(6));
    const n = 30;
    const led = new Float64Array(n);
    const fast = new Float64Array(n);
    for (let s = 0; s < S; s++)
      for (let i = 0; i < n; i++) {
        led[i] += set.lapsLed[s * n + i];
        fast[i] += set.fastestLaps[s * n + i];
      }
    // Drivers are generated in decreasing base strength: the top 5 lead far more than the bottom 5.
    const top = (a: Float64Array): number => a.subarray(0, 5).reduce((x, y) => x + y, 0);
    const bottom = (a: Float64Array): number => a.subarray(n - 5).reduce((x, y) => x + y, 0);
    expect(top(led)).toBeGreaterThan(10 * bottom(led));
    expect(top(fast)).toBeGreaterThan(5 * bottom(fast));
    const meanGreen = set.greenLaps.reduce((x, y) => x + y, 0) / S;
    expect(Math.abs(meanGreen / 300 - 0.8)).toBeLessThan(0.01);
  });

  it('scores rows exactly like scoreScenarioSet, with qualifying start positions merged in', () => {
    const model: RaceModel = { ...syntheticRaceModel({ drivers: 12, draws: 4 }), startPositions: Int32Array.from({ length: 12 }, (_, i) => i + 1) };
    // Qualifying swaps the first and last starters.
    const set = simulateRace(model, { scenarios: 200, startPositions: { 'driver-01': 12, 'driver-12': 1 } }, quietContext(2));
    expect(set.startPositions[0]).toBe(12);
    expect(set.startPositions[11]).toBe(1);
    const rescored = scoreScenarioSet(set);
    expect(Buffer.from(rescored.dkPoints.buffer).equals(Buffer.from(set.dkPoints.buffer))).toBe(true);
    expect(Buffer.from(rescored.fdPoints.buffer).equals(Buffer.from(set.fdPoints.buffer))).toBe(true);
    for (let s = 0; s < 200; s++) {
      const k = s * 12; // driver-01
      const dk = dkFinishPoints(set.finish[k]) + (12 - set.finish[k]) + 0.45 * set.fastestLaps[k] + 0.25 * set.lapsLed[k];
      expect(set.dkPoints[k]).toBeCloseTo(dk, 4);
    }
  });

  it('reports progress per chunk and honours cancellation between chunks', () => {
    const updates: ProgressUpdate[] = [];
    simulateRace(smallModel, { scenarios: 1000, chunkSize: 300 }, quietContext(1, (u) => updates.push(u)));
    expect(updates.map((u) => u.done)).toEqual([300, 600, 900, 1000]);
    expect(updates.every((u) => u.phase === 'simulating' && u.total === 1000)).toBe(true);

    let calls = 0;
    const ctx = { seed: 1, progress: () => {}, isCancelled: () => ++calls > 2 };
    expect(() => simulateRace(smallModel, { scenarios: 1000, chunkSize: 300 }, ctx)).toThrowError(expect.objectContaining({ type: 'CANCELLED' }));
  });
});
