/**
 * Turns training races into the flat typed arrays the driver model's gradient loops over.
 * A design is plain data (typed arrays + string lists) so it can be structured-cloned to the
 * chain workers.
 *
 * Likelihood rows are FINISHERS only, in finishing order. DNFs are left out of the ranking and
 * modelled separately (independent DNF rate per driver and track type, multi-car incidents per
 * track type), because (a) the simulator generates DNFs first and orders the survivors by
 * Plackett-Luce, so this is the same factorisation, and (b) the order among DNFs is the lap
 * on which they broke or crashed, which carries little information on pace.
 */
import type { CalibrationRace, ModelFeatures } from '../contract/calibration-types.js';
import { TRACK_TYPES, type TrackType } from '../contract/models.js';
import { isFinisher, raceDnfEvents } from './dnf-events.js';

export const N_TRACK_TYPES = TRACK_TYPES.length;
const MS_PER_DAY = 86_400_000;

export interface ModelDesign {
  readonly features: ModelFeatures;
  readonly driverIds: readonly string[];
  readonly teamIds: readonly string[];
  readonly makeIds: readonly string[];
  /** Race r's rows are [raceStart[r], raceStart[r+1]). */
  readonly raceStart: Int32Array;
  readonly raceType: Uint8Array;
  /** Recency weight of each race's log likelihood (1 = full weight). */
  readonly raceWeight: Float64Array;
  readonly rowDriver: Int32Array;
  /** Team index, or teamIds.length for "unknown" (a slot pinned at 0). */
  readonly rowTeam: Int32Array;
  /** Manufacturer index, or makeIds.length for "unknown". */
  readonly rowMake: Int32Array;
  /** Start position (1-based); the start covariate is -log(start) (only differences within a race matter). */
  readonly rowStart: Int32Array;
  /** Recency-weighted DNF trials/events per driver x track type (index d * 5 + t). */
  readonly dnfTrials: Float64Array;
  readonly dnfEvents: Float64Array;
  /**
   * Scales that set the partial-centring weights of the skill and team blocks (sampling
   * efficiency only; the model is the same). Default: the guesses in PRIORS.
   */
  readonly centringScales?: CentringScales;
}

export interface CentringScales {
  readonly skill: number;
  readonly team: number;
}

export interface DesignOptions {
  readonly features: ModelFeatures;
  /** null = every race weighs 1. */
  readonly halfLifeDays: number | null;
  /** Age is measured from this ISO date (usually the last training race). */
  readonly referenceDate: string;
  /** Races lighter than this are dropped (they would not move the posterior). */
  readonly minRaceWeight: number;
}

export function trackTypeIndex(t: TrackType): number {
  return TRACK_TYPES.indexOf(t);
}

export function recencyWeight(date: string, referenceDate: string, halfLifeDays: number | null): number {
  if (halfLifeDays === null) return 1;
  const ageDays = Math.max(0, (Date.parse(referenceDate) - Date.parse(date)) / MS_PER_DAY);
  return Math.pow(2, -ageDays / halfLifeDays);
}

/** Ids ordered by decreasing recency-weighted starts, ties by id. */
function byExposure(races: readonly CalibrationRace[], weights: readonly number[], key: (x: CalibrationRace['results'][number]) => string | undefined): string[] {
  const exposure = new Map<string, number>();
  races.forEach((r, i) => {
    for (const x of r.results) {
      const k = key(x);
      if (k) exposure.set(k, (exposure.get(k) ?? 0) + weights[i]);
    }
  });
  return [...exposure.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k]) => k);
}

function sortedIds(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => typeof v === 'string' && v.length > 0))].sort();
}

export function buildDesign(races: readonly CalibrationRace[], opts: DesignOptions): ModelDesign {
  const kept = races.filter((r) => recencyWeight(r.date, opts.referenceDate, opts.halfLifeDays) >= opts.minRaceWeight);
  const weights = kept.map((r) => recencyWeight(r.date, opts.referenceDate, opts.halfLifeDays));
  // Most-raced first: the sum-to-zero contrasts then line up with per-driver information,
  // which the partial centring (partial-centring.ts) relies on.
  const driverIds = byExposure(kept, weights, (x) => x.driverId);
  const teamIds = byExposure(kept, weights, (x) => x.teamId);
  const makeIds = sortedIds(kept.flatMap((r) => r.results.map((x) => x.manufacturer)));
  const dIdx = new Map(driverIds.map((d, i) => [d, i]));
  const tIdx = new Map(teamIds.map((d, i) => [d, i]));
  const mIdx = new Map(makeIds.map((d, i) => [d, i]));
  const nRows = kept.reduce((n, r) => n + r.results.filter((x) => isFinisher(x.status)).length, 0);
  const raceStart = new Int32Array(kept.length + 1);
  const raceType = new Uint8Array(kept.length);
  const raceWeight = new Float64Array(kept.length);
  const rowDriver = new Int32Array(nRows);
  const rowTeam = new Int32Array(nRows);
  const rowMake = new Int32Array(nRows);
  const rowStart = new Int32Array(nRows);
  const dnfTrials = new Float64Array(driverIds.length * N_TRACK_TYPES);
  const dnfEvents = new Float64Array(driverIds.length * N_TRACK_TYPES);
  let row = 0;
  kept.forEach((race, r) => {
    const t = trackTypeIndex(race.trackType);
    const w = weights[r];
    raceStart[r] = row;
    raceType[r] = t;
    raceWeight[r] = w;
    const finishers = race.results.filter((x) => isFinisher(x.status)).sort((a, b) => a.finish - b.finish);
    for (const x of finishers) {
      rowDriver[row] = dIdx.get(x.driverId)!;
      rowTeam[row] = x.teamId ? tIdx.get(x.teamId)! : teamIds.length;
      rowMake[row] = x.manufacturer ? mIdx.get(x.manufacturer)! : makeIds.length;
      rowStart[row] = x.start;
      row++;
    }
    const independent = new Set(raceDnfEvents(race).independent);
    race.results.forEach((x, i) => {
      const cell = dIdx.get(x.driverId)! * N_TRACK_TYPES + t;
      dnfTrials[cell] += w;
      if (independent.has(i)) dnfEvents[cell] += w;
    });
  });
  raceStart[kept.length] = row;
  return { features: opts.features, driverIds, teamIds, makeIds, raceStart, raceType, raceWeight, rowDriver, rowTeam, rowMake, rowStart, dnfTrials, dnfEvents };
}
