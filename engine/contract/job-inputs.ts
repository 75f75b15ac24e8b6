/**
 * What the actor loads for each job kind and hands to the pure computation (engine/jobs/*).
 * Plain data that structured-clones into a worker thread.
 */
import type { CalibrationData, CalibrationResult } from './calibration-types.js';
import type { ContestSpec, SlatePlayer, Site, TrackType } from './models.js';
import type { OwnershipProjection } from './contest-types.js';
import type { SimulatedScenarioSet, ScenarioSummary } from './simulation-types.js';

/** A slate with its race, as the engine needs it. */
export interface SlateInput {
  readonly slateId: string;
  readonly site: Site;
  readonly salaryCap: number;
  readonly rosterSize: number;
  readonly raceId: string;
  readonly trackType: TrackType;
  /** Scheduled laps; null when unknown (the simulator then uses the track type's typical laps). */
  readonly laps: number | null;
  readonly players: readonly (SlatePlayer & { readonly startPosition?: number })[];
}

export interface CalibrateInputs {
  readonly data: CalibrationData;
}

export interface SimulateInputs {
  readonly calibration: CalibrationResult;
  readonly slate: SlateInput;
}

/** The stored result of a `simulate` job. */
export interface SimulationOutput {
  readonly slateId: string;
  readonly site: Site;
  readonly set: SimulatedScenarioSet;
  readonly summary: ScenarioSummary;
}

export interface OwnershipInputs {
  readonly slate: SlateInput;
  readonly simulation: SimulationOutput;
}

export interface OptimizeInputs {
  readonly slate: SlateInput;
  readonly simulation: SimulationOutput;
  readonly ownership: OwnershipProjection | null;
  readonly contest: ContestSpec | null;
}

export interface ContestSimInputs {
  readonly slate: SlateInput;
  readonly simulation: SimulationOutput;
  readonly ownership: OwnershipProjection;
  /** Our lineups as driver ids (from the optimize job's result). */
  readonly lineups: readonly (readonly string[])[];
  readonly contest: ContestSpec;
}
