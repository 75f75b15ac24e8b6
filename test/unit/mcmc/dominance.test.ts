import { describe, expect, it } from 'vitest';
import type { CalibrationRace } from '../../../engine/contract/calibration-types.js';
import { fitDominance } from '../../../engine/model/dominance.js';
import type { PosteriorSource } from '../../../engine/model/posterior-view.js';
import { createRng } from '../../../engine/rng/index.js';

describe('laps-led / fastest-lap dominance fit', () => {
  it('recovers the concentration used to generate laps led and fastest laps', () => {
    const rng = createRng(12);
    const ids = Array.from({ length: 30 }, (_, i) => `x${i}`);
    const skills = ids.map(() => 0.7 * rng.nextNormal());
    const source: PosteriorSource = {
      seed: 1,
      posterior: { names: ids.map((d) => `skill[${d}]`), drawCount: 1, draws: Float32Array.from(skills), chainOfDraw: [0] },
      index: { drivers: ids, teams: [], manufacturers: [], driverTeam: {}, driverManufacturer: {}, driverStarts: Object.fromEntries(ids.map((d) => [d, 50])) },
      dnf: [],
      dominance: { lapsLed: 0, lapsLedSe: 0, fastestLap: 0, fastestLapSe: 0, greenLapShare: {}, races: 0 },
    };
    const strengths = Float32Array.from(skills); // what the fit sees (float32 round trip)
    const draw = (lambda: number, laps: number) => {
      const w = Array.from(strengths, (s) => Math.exp(lambda * s));
      const z = w.reduce((a, b) => a + b, 0);
      const counts = new Array<number>(ids.length).fill(0);
      for (let l = 0; l < laps; l++) {
        let u = rng.nextDouble() * z;
        let i = 0;
        while (u > w[i] && i < ids.length - 1) u -= w[i++];
        counts[i]++;
      }
      return counts;
    };
    const races: CalibrationRace[] = Array.from({ length: 60 }, (_, r) => {
      const led = draw(2, 200);
      const fast = draw(1.2, 160);
      return { raceId: `r${r}`, season: 2024, date: '2024-05-01', trackType: 'intermediate', laps: 200, results: ids.map((driverId, i) => ({ driverId, start: i + 1, finish: i + 1, lapsLed: led[i], fastestLaps: fast[i], lapsCompleted: 200, status: 'running' })) };
    });
    const fit = fitDominance(source, races);
    expect(fit.lapsLed).toBeGreaterThan(1.85);
    expect(fit.lapsLed).toBeLessThan(2.15);
    expect(fit.fastestLap).toBeGreaterThan(1.05);
    expect(fit.fastestLap).toBeLessThan(1.35);
    expect(fit.lapsLedSe).toBeGreaterThan(0);
    expect(fit.greenLapShare.intermediate).toBeCloseTo(0.8, 6);
  });
});
