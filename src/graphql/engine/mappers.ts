/** Parent shapes of the engine result types (codegen mappers). */
import type { ParameterSummary } from '../../../engine/contract/calibration-types.js';
import type { ScenarioSummary } from '../../../engine/contract/simulation-types.js';

export interface CalibrationModel {
  readonly jobId: string;
  readonly seed: number;
  readonly races: number;
  readonly trainRaces: number;
  readonly testRaces: number;
  readonly lastTrainDate: string;
  readonly diagnostics: Record<string, unknown>;
  readonly evaluation: unknown;
  readonly parameters: readonly ParameterSummary[];
}

export interface SimulationModel {
  readonly jobId: string;
  readonly slateId: string;
  readonly scenarios: number;
  readonly drivers: ScenarioSummary['perDriver'];
  readonly checks: ScenarioSummary['checks'];
  readonly _summary: ScenarioSummary;
}
