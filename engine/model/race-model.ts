/**
 * RaceModel for one upcoming race from a calibration: per posterior draw, each driver's
 * Plackett-Luce log-worth at this track type (skill + track-type deviation + team + make +
 * start effect), independent DNF probability, and the race's incident probability — so
 * parameter uncertainty flows into every simulated scenario.
 *
 * Drivers the posterior does not know get replacement-level values: per draw, a normal draw
 * around the mean of the low-exposure drivers (< REPLACEMENT_MAX_STARTS training starts) with
 * their spread — new entrants in the Cup are mostly part-timers, not average drivers.
 */
import type { TrackType, RaceModel } from '../contract/models.js';
import { invalidInput } from '../contract/engine-error.js';
import { TRACK_TYPES } from '../contract/models.js';
import { createRng, type RandomGenerator } from '../rng/index.js';
import { posteriorView, type PosteriorSource, type PosteriorView } from './posterior-view.js';
import { sampleBeta } from './random-variates.js';

/** Drivers with fewer training starts than this define the replacement level. */
export const REPLACEMENT_MAX_STARTS = 20;
/** Used when no green-lap share was fitted for the track type. */
export const DEFAULT_GREEN_LAP_SHARE = 0.85;

export interface RaceInput {
  readonly drivers: readonly string[];
  readonly trackType: TrackType;
  readonly laps: number;
  /** 1..n starting positions, aligned with drivers. */
  readonly startPositions: Int32Array;
}

export interface RaceModelOptions {
  /** Seed of replacement-level and incident draws. @default the calibration's seed */
  readonly seed: number;
  /** At most this many posterior draws, evenly spaced. @default all stored draws */
  readonly maxDraws: number;
  /** Team per driver for this race (overrides the last team seen in training). */
  readonly teams: Readonly<Record<string, string>>;
  /** Manufacturer per driver for this race. */
  readonly manufacturers: Readonly<Record<string, string>>;
}

interface Replacement {
  /** Mean and sd of skill + team effect of low-exposure drivers, per draw. */
  readonly mean: Float64Array;
  readonly sd: Float64Array;
}

function meanSd(values: number[]): [number, number] {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const v = values.length > 1 ? values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1) : 0;
  return [m, Math.sqrt(v)];
}

function replacementLevel(view: PosteriorView, draws: readonly number[]): Replacement {
  const { index } = view.source;
  let pool = index.drivers.filter((d) => (index.driverStarts[d] ?? 0) < REPLACEMENT_MAX_STARTS);
  if (pool.length < 3) pool = [...index.drivers];
  const skillCols = pool.map((d) => view.column(`skill[${d}]`));
  const teamCols = pool.map((d) => view.column(`team[${index.driverTeam[d]}]`));
  const out = { mean: new Float64Array(draws.length), sd: new Float64Array(draws.length) };
  draws.forEach((s, k) => {
    [out.mean[k], out.sd[k]] = meanSd(pool.map((_, i) => view.at(s, skillCols[i]) + view.at(s, teamCols[i])));
  });
  return out;
}

function evenlySpaced(total: number, max: number): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor(((i + 0.5) * total) / max));
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function raceModelFor(result: PosteriorSource, race: RaceInput, options: Partial<RaceModelOptions> = {}): RaceModel {
  const n = race.drivers.length;
  if (n < 1) throw invalidInput('drivers', 'must list at least one driver');
  if (race.startPositions.length !== n) throw invalidInput('startPositions', `length ${race.startPositions.length} does not match ${n} drivers`);
  if (!TRACK_TYPES.includes(race.trackType)) throw invalidInput('trackType', `must be one of ${TRACK_TYPES.join(', ')}`);
  for (let i = 0; i < n; i++) if (!(race.startPositions[i] >= 1)) throw invalidInput(`startPositions[${i}]`, `must be >= 1, got ${race.startPositions[i]}`);
  const view = posteriorView(result);
  if (view.draws === 0) throw invalidInput('calibration', 'has no posterior draws');
  const o = { seed: result.seed, maxDraws: Number.POSITIVE_INFINITY, teams: {}, manufacturers: {}, ...options };
  const draws = evenlySpaced(view.draws, o.maxDraws);
  const D = draws.length;
  const t = race.trackType;
  const { index } = result;
  const known = race.drivers.map((d) => view.column(`skill[${d}]`) >= 0);
  const teamOf = (d: string) => o.teams[d] ?? index.driverTeam[d];
  const makeOf = (d: string) => o.manufacturers[d] ?? index.driverManufacturer[d];
  const cols = race.drivers.map((d) => ({
    skill: view.column(`skill[${d}]`),
    dev: view.column(`dev[${d},${t}]`),
    team: view.column(`team[${teamOf(d)}]`),
    make: view.column(`make[${makeOf(d)},${t}]`),
  }));
  const startCol = view.column(`start[${t}]`);
  const tauCol = view.column('tau');
  const alphaCol = view.column(`dnf_alpha[${t}]`);
  const slopeCol = view.column('dnf_skill_slope');
  const rep = known.every(Boolean) ? null : replacementLevel(view, draws);
  const rng: RandomGenerator = createRng(o.seed);
  const strength = new Float64Array(D * n);
  const dnfProb = new Float64Array(D * n);
  const incidentProb = new Float64Array(D);
  const dnfModel = result.dnf.find((x) => x.trackType === t);
  draws.forEach((s, k) => {
    const beta = view.at(s, startCol);
    const alpha = view.at(s, alphaCol);
    const slope = view.at(s, slopeCol);
    for (let i = 0; i < n; i++) {
      const c = cols[i];
      const startEffect = beta * -Math.log(race.startPositions[i]);
      // Unknown drivers: one replacement-level draw serves both pace and DNF propensity.
      const skill = known[i] ? view.at(s, c.skill) : rep!.mean[k] + rep!.sd[k] * rng.nextNormal();
      const rest = known[i] ? view.at(s, c.dev) + view.at(s, c.team) : tauCol >= 0 ? view.at(s, tauCol) * rng.nextNormal() : 0;
      strength[k * n + i] = skill + rest + view.at(s, c.make) + startEffect;
      dnfProb[k * n + i] = alphaCol < 0 ? 0 : logistic(alpha + slope * skill);
    }
    incidentProb[k] = dnfModel ? sampleBeta(rng, dnfModel.incidentAlpha, dnfModel.incidentBeta) : 0;
  });
  const green = result.dominance.greenLapShare;
  const shares = Object.values(green).filter((v): v is number => typeof v === 'number');
  return {
    drivers: [...race.drivers],
    draws: D,
    strength,
    dnfProb,
    incidentProb,
    incidentMeanCars: dnfModel?.incidentMeanCars ?? 0,
    lapsLedDominance: result.dominance.lapsLed,
    fastestLapDominance: result.dominance.fastestLap,
    laps: race.laps,
    greenLapShare: green[t] ?? (shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : DEFAULT_GREEN_LAP_SHARE),
    startPositions: Int32Array.from(race.startPositions),
  };
}
