/**
 * Simulation options: named defaults with units, `{...SIMULATION_DEFAULTS, ...partial}`, and
 * validation that names the offending field.
 *
 * The shape parameters below are not in `RaceModel` (they describe race dynamics rather than
 * driver ability). Their defaults are the intermediate-track values; `TRACK_TYPE_SIM_DEFAULTS`
 * holds per-track-type values checked against 2019–2025 Cup data by `bench/race-sim.ts`
 * (share of laps led by the top leader, number of leaders, fastest-lap concentration, lead-lap
 * cars, green-lap share). The actor that knows the race's track type should spread them in.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { TrackType } from '../contract/models.js';

export interface SimulationOptions {
  /** Total scenarios S of the whole run. @default 10_000 */
  readonly scenarios: number;
  /** Scenarios per chunk; chunk k is generated from substream k of ctx.seed. @default 10_000 */
  readonly chunkSize: number;
  /** Simulate only this chunk (0-based, < ceil(S / chunkSize)); undefined = every chunk. @default undefined */
  readonly chunkIndex?: number;
  /** Start-position overrides by driver id (qualifying results), merged over model.startPositions. @default undefined */
  readonly startPositions?: Readonly<Record<string, number>>;
  /** Leadership stints per race (Dirichlet(1..1) lengths; the last stint is the winner's). @default 26 */
  readonly leadSegments: number;
  /** Stints of at most this many laps are pit-cycle / restart leads (laps). @default 4 */
  readonly shortStintLaps: number;
  /** Short stints go uniformly to one of the first this-many running places (places). @default 15 */
  readonly shortStintField: number;
  /** Stint-leader weight multiplier per place down the scenario's finishing order (running-order effect). @default 0.8 */
  readonly leadRankDecay: number;
  /** Equal blocks of green laps credited to one driver each (= green laps gives a plain multinomial). @default 40 */
  readonly fastestLapSegments: number;
  /** Fastest-lap weight multiplier per place down the finishing order. @default 0.95 */
  readonly fastestLapRankDecay: number;
  /** Scenario-to-scenario sd of the green-lap share around model.greenLapShare (share units). @default 0.065 */
  readonly greenShareSd: number;
  /** Lowest green-lap share a scenario may draw (share units). @default 0.4 */
  readonly minGreenShare: number;
  /** Mean share of running cars that finish on the lead lap. @default 0.67 */
  readonly leadLapFraction: number;
  /** Scenario-to-scenario sd of that share (share units). @default 0.18 */
  readonly leadLapFractionSd: number;
  /** Laps down added per place behind the last lead-lap car (laps per place; FanDuel counts laps completed). @default 0.75 */
  readonly lapsDownPerPlace: number;
}

export const DEFAULT_SCENARIOS = 10_000; // scenarios
export const DEFAULT_CHUNK_SIZE = 10_000; // scenarios per chunk (~0.1 s of work: one progress step)
export const MAX_SCENARIOS = 10_000_000; // scenarios per run (memory: 16 B per driver-scenario, 6.4 GB at 40 drivers)

export const SIMULATION_DEFAULTS: SimulationOptions = {
  scenarios: DEFAULT_SCENARIOS,
  chunkSize: DEFAULT_CHUNK_SIZE,
  leadSegments: 26,
  shortStintLaps: 4,
  shortStintField: 15,
  leadRankDecay: 0.8,
  fastestLapSegments: 40,
  fastestLapRankDecay: 0.95,
  greenShareSd: 0.065,
  minGreenShare: 0.4,
  leadLapFraction: 0.67,
  leadLapFractionSd: 0.18,
  lapsDownPerPlace: 0.75,
};

/** Race-dynamics shape per track type (see file comment); spread over SIMULATION_DEFAULTS. */
export const TRACK_TYPE_SIM_DEFAULTS: Readonly<Record<TrackType, Partial<SimulationOptions>>> = {
  // Drafting: many leaders, fastest laps spread almost evenly over the pack.
  superspeedway: { leadSegments: 32, shortStintLaps: 2, shortStintField: 20, leadRankDecay: 0.93, fastestLapSegments: 100, fastestLapRankDecay: 1, leadLapFraction: 0.78, leadLapFractionSd: 0.13, lapsDownPerPlace: 1.6 },
  intermediate: {},
  short: { leadSegments: 20, leadRankDecay: 0.7, leadLapFraction: 0.52, leadLapFractionSd: 0.17, lapsDownPerPlace: 0.6 },
  road: { leadSegments: 16, shortStintLaps: 2, leadRankDecay: 0.7, fastestLapSegments: 30, leadLapFraction: 0.88, leadLapFractionSd: 0.1, lapsDownPerPlace: 0.8 },
  // Only a handful of Cup dirt races exist (Bristol dirt 2021–2023): shaped like short tracks.
  dirt: { leadSegments: 14, leadRankDecay: 0.7, leadLapFraction: 0.6, leadLapFractionSd: 0.15, lapsDownPerPlace: 1 },
};

function num(name: keyof SimulationOptions, v: unknown, min: number, max: number, integer: boolean): void {
  const ok = typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
  if (!ok) throw invalidInput(`options.${name}`, `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`, { got: v ?? null });
}

/**
 * Merge and validate options.
 * @throws EngineError INVALID_INPUT with details.field = 'options.<name>'
 */
export function resolveOptions(partial: Partial<SimulationOptions> = {}): SimulationOptions {
  const o: SimulationOptions = { ...SIMULATION_DEFAULTS, ...partial };
  num('scenarios', o.scenarios, 1, MAX_SCENARIOS, true);
  num('chunkSize', o.chunkSize, 1, MAX_SCENARIOS, true);
  if (o.chunkIndex !== undefined) num('chunkIndex', o.chunkIndex, 0, Math.ceil(o.scenarios / o.chunkSize) - 1, true);
  num('leadSegments', o.leadSegments, 1, 10_000, true);
  num('shortStintLaps', o.shortStintLaps, 0, 65_535, true);
  num('shortStintField', o.shortStintField, 1, 255, true);
  num('leadRankDecay', o.leadRankDecay, 0.01, 1, false);
  num('fastestLapSegments', o.fastestLapSegments, 1, 65_535, true);
  num('fastestLapRankDecay', o.fastestLapRankDecay, 0.01, 1, false);
  num('greenShareSd', o.greenShareSd, 0, 1, false);
  num('minGreenShare', o.minGreenShare, 0, 1, false);
  num('leadLapFraction', o.leadLapFraction, 0, 1, false);
  num('leadLapFractionSd', o.leadLapFractionSd, 0, 1, false);
  num('lapsDownPerPlace', o.lapsDownPerPlace, 0, 100, false);
  if (o.startPositions !== undefined && (typeof o.startPositions !== 'object' || o.startPositions === null || Array.isArray(o.startPositions))) {
    throw invalidInput('options.startPositions', 'must be an object mapping driver id to start position');
  }
  return o;
}
