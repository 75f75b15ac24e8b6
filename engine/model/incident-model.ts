/**
 * Per-track-type incident model from the training races: P(a race has a multi-car DNF incident)
 * as a Beta posterior (uniform prior, recency-weighted counts) and the mean number of cars such
 * incidents put out of a race; plus the posterior-mean independent DNF rate of an average driver.
 */
import type { CalibrationRace, DnfModelSummary } from '../contract/calibration-types.js';
import { TRACK_TYPES, type TrackType } from '../contract/models.js';
import { raceDnfEvents } from './dnf-events.js';
import { recencyWeight } from './design.js';
import type { PosteriorView } from './posterior-view.js';

/** Cars out per incident race when a track type has none in the data (two cars: the minimum). */
const FALLBACK_INCIDENT_CARS = 2;

export function dnfSummaries(races: readonly CalibrationRace[], referenceDate: string, halfLifeDays: number | null, view: PosteriorView): DnfModelSummary[] {
  const acc = new Map<TrackType, { n: number; k: number; cars: number; carsW: number }>();
  for (const race of races) {
    const w = recencyWeight(race.date, referenceDate, halfLifeDays);
    const a = acc.get(race.trackType) ?? { n: 0, k: 0, cars: 0, carsW: 0 };
    const incidents = raceDnfEvents(race).incidents;
    a.n += w;
    if (incidents.length) {
      a.k += w;
      a.cars += w * incidents.reduce((x, y) => x + y, 0);
      a.carsW += w;
    }
    acc.set(race.trackType, a);
  }
  const all = [...acc.values()];
  const pooledCars = all.reduce((s, a) => s + a.cars, 0) / Math.max(1e-12, all.reduce((s, a) => s + a.carsW, 0));
  return TRACK_TYPES.map((trackType) => {
    const a = acc.get(trackType) ?? { n: 0, k: 0, cars: 0, carsW: 0 };
    const col = view.column(`dnf_alpha[${trackType}]`);
    let p = 0;
    for (let s = 0; s < view.draws; s++) p += 1 / (1 + Math.exp(-view.at(s, col)));
    return {
      trackType,
      independentDnfProb: col < 0 ? 0 : view.draws ? p / view.draws : Number.NaN,
      incidentAlpha: 1 + a.k,
      incidentBeta: 1 + a.n - a.k,
      incidentMeanCars: a.carsW > 0 ? a.cars / a.carsW : Number.isFinite(pooledCars) ? pooledCars : FALLBACK_INCIDENT_CARS,
    };
  });
}
