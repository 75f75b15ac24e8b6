/**
 * Held-out forecast evaluation stored with each calibration: for every test race (after
 * trainThrough), simulate the finishing-position distribution from the calibrated RaceModel
 * (actual entry list and start positions, as known before a DFS lock) and score it against
 * the uniform forecast and the start-position baseline, overall and per track type.
 */
import type { CalibrationRace, ForecastEvaluation, ForecastScore } from '../contract/calibration-types.js';
import type { TrackType } from '../contract/models.js';
import { TRACK_TYPES } from '../contract/models.js';
import type { RandomGenerator } from '../rng/index.js';
import { COVERAGE_LEVELS, covered, crpsDiscrete, crpsUniform, randomisedPit } from './forecast-scores.js';
import type { PosteriorSource } from './posterior-view.js';
import { raceModelFor } from './race-model.js';
import { simulateFinishCounts } from './simulate-finish.js';
import { StartBaseline } from './start-baseline.js';

interface Acc {
  races: number;
  rows: number;
  crps: number;
  uni: number;
  start: number;
  cov: number[];
}

const empty = (): Acc => ({ races: 0, rows: 0, crps: 0, uni: 0, start: 0, cov: COVERAGE_LEVELS.map(() => 0) });

function score(a: Acc): ForecastScore {
  const crps = a.crps / a.rows;
  const crpsUni = a.uni / a.rows;
  const crpsStart = a.start / a.rows;
  return {
    races: a.races,
    driverRaces: a.rows,
    crps,
    crpsUniform: crpsUni,
    crpsStart,
    skillVsUniform: 1 - crps / crpsUni,
    skillVsStart: 1 - crps / crpsStart,
    coverage50: a.cov[0] / a.rows,
    coverage80: a.cov[1] / a.rows,
    coverage90: a.cov[2] / a.rows,
  };
}

export interface EvalHooks {
  /** Called after each race; return true to stop (cancellation). */
  onRace(done: number, total: number): void;
}

export function evaluateForecasts(result: PosteriorSource, train: readonly CalibrationRace[], test: readonly CalibrationRace[], trainThrough: string, simsPerRace: number, rng: RandomGenerator, hooks: EvalHooks): ForecastEvaluation {
  const baseline = new StartBaseline(train);
  const overall = empty();
  const byType = new Map<TrackType, Acc>();
  test.forEach((race, r) => {
    const n = race.results.length;
    const rm = raceModelFor(result, { drivers: race.results.map((x) => x.driverId), trackType: race.trackType, laps: race.laps, startPositions: Int32Array.from(race.results.map((x) => x.start)) }, { seed: (result.seed + 7919 * (r + 1)) | 0 });
    const counts = simulateFinishCounts(rm, simsPerRace, rng);
    const accs = [overall, byType.get(race.trackType) ?? empty()];
    byType.set(race.trackType, accs[1]);
    for (const a of accs) a.races++;
    const pmf = new Float64Array(n);
    race.results.forEach((x, i) => {
      for (let k = 0; k < n; k++) pmf[k] = counts[i * n + k] / simsPerRace;
      const c = crpsDiscrete(pmf, x.finish);
      const u = crpsUniform(n, x.finish);
      const st = crpsDiscrete(baseline.pmf(race.trackType, x.start, n), x.finish);
      const pit = randomisedPit(pmf, x.finish, rng);
      for (const a of accs) {
        a.rows++;
        a.crps += c;
        a.uni += u;
        a.start += st;
        COVERAGE_LEVELS.forEach((lvl, j) => (a.cov[j] += covered(pit, lvl) ? 1 : 0));
      }
    });
    hooks.onRace(r + 1, test.length);
  });
  const byTrackType: Partial<Record<TrackType, ForecastScore>> = {};
  for (const t of TRACK_TYPES) {
    const a = byType.get(t);
    if (a) byTrackType[t] = score(a);
  }
  const dates = test.map((r) => r.date).sort();
  return { trainThrough, firstTestDate: dates[0], lastTestDate: dates[dates.length - 1], overall: score(overall), byTrackType, simsPerRace };
}
