/**
 * Synthetic Cup-like seasons with known truth, for parameter-recovery tests and the benchmark:
 * every driver in every race, skills ~ N(0, skillSd) (centred, as the model identifies only
 * differences), finishing order drawn from Plackett-Luce in exp(skill). No DNFs unless asked.
 */
import type { CalibrationData, CalibrationRace } from '../contract/calibration-types.js';
import type { TrackType } from '../contract/models.js';
import { createRng } from '../rng/index.js';

export interface SyntheticOptions {
  readonly drivers: number;
  readonly races: number;
  readonly seed: number;
  /** @default 1 */
  readonly skillSd: number;
  /** Independent DNF probability per car. @default 0 */
  readonly dnfProb: number;
  /** @default 'intermediate' */
  readonly trackType: TrackType;
}

export interface SyntheticSeason {
  readonly data: CalibrationData;
  /** True centred skill per driver id. */
  readonly skills: Readonly<Record<string, number>>;
}

export function syntheticSeason(options: Partial<SyntheticOptions> & Pick<SyntheticOptions, 'drivers' | 'races' | 'seed'>): SyntheticSeason {
  const o: SyntheticOptions = { skillSd: 1, dnfProb: 0, trackType: 'intermediate', ...options };
  const rng = createRng(o.seed);
  const ids = Array.from({ length: o.drivers }, (_, i) => `d${String(i).padStart(3, '0')}`);
  const raw = ids.map(() => o.skillSd * rng.nextNormal());
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  const skill = raw.map((v) => v - mean);
  const start = new Date(Date.UTC(2024, 1, 18));
  const races: CalibrationRace[] = [];
  for (let r = 0; r < o.races; r++) {
    // Exponential race: the smallest E_i / exp(skill_i) wins — exactly Plackett-Luce.
    const keys = skill.map((s) => -Math.log(1 - rng.nextDouble()) * Math.exp(-s));
    const order = ids.map((_, i) => i).sort((a, b) => keys[a] - keys[b]);
    const grid = ids.map((_, i) => i);
    for (let j = grid.length - 1; j > 0; j--) {
      const k = Math.floor(rng.nextDouble() * (j + 1));
      [grid[j], grid[k]] = [grid[k], grid[j]];
    }
    const startPos = new Array<number>(ids.length);
    grid.forEach((d, p) => (startPos[d] = p + 1));
    const dnf = order.map(() => rng.nextDouble() < o.dnfProb);
    // DNFs go to the back, keeping their relative order; need >= 2 finishers.
    const finishers = order.filter((_, p) => !dnf[p]);
    const out = order.filter((_, p) => dnf[p]);
    const final = finishers.length >= 2 ? [...finishers, ...out] : order;
    const date = new Date(start.getTime() + r * 7 * 86_400_000).toISOString().slice(0, 10);
    races.push({
      raceId: `syn-${r + 1}`,
      season: Number(date.slice(0, 4)),
      date,
      trackType: o.trackType,
      laps: 200,
      results: final.map((d, p) => ({
        driverId: ids[d],
        start: startPos[d],
        finish: p + 1,
        lapsLed: p === 0 ? 200 : 0,
        fastestLaps: null,
        lapsCompleted: finishers.length >= 2 && out.includes(d) ? 100 : 200,
        status: finishers.length >= 2 && out.includes(d) ? 'engine' : 'running',
      })),
    });
  }
  return { data: { races }, skills: Object.fromEntries(ids.map((id, i) => [id, skill[i]])) };
}
