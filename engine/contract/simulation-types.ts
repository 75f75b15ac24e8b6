/**
 * Race-simulation shapes that cross domains (race-sim → ownership/lineup/contest, and the
 * result writer / API for forecasts). Extends `ScenarioSet` from models.ts without changing
 * it: a `SimulatedScenarioSet` IS a `ScenarioSet`, plus what is needed to re-score it
 * (FanDuel needs laps completed), to check its conservation laws, and to merge chunks.
 */
import type { ScenarioSet } from './models.js';

export interface SimulatedScenarioSet extends ScenarioSet {
  /** Scheduled race laps: every `lapsLed` row sums to this. */
  readonly laps: number;
  /** Start positions used for place differential, length n (slate/qualifying). */
  readonly startPositions: Int32Array;
  /** S*n laps completed (DNF: laps before dropping out; lapped cars: laps minus laps down). */
  readonly lapsCompleted: Uint16Array;
  /** Length S: green-flag laps of each scenario; every `fastestLaps` row sums to it, <= laps. */
  readonly greenLaps: Uint16Array;
  /** Global index of row 0 within the whole run (chunk k starts at k * chunkSize). */
  readonly firstScenario: number;
  /** Scenarios in the whole run this set is (part of). */
  readonly totalScenarios: number;
  /** Scenarios per chunk (substream k of the seed generates global rows [k*chunkSize, (k+1)*chunkSize)). */
  readonly chunkSize: number;
  /** Posterior draws D of the RaceModel: global row g used draw g mod D. */
  readonly draws: number;
}

/** Mean, standard deviation and percentiles of one quantity for one driver. */
export interface DistributionSummary {
  readonly mean: number;
  readonly sd: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface DriverForecast {
  readonly driverId: string;
  readonly finish: DistributionSummary;
  readonly dkPoints: DistributionSummary;
  readonly fdPoints: DistributionSummary;
  /** Share of scenarios in which the driver won / finished top 5 / did not finish. */
  readonly winRate: number;
  readonly top5Rate: number;
  readonly dnfRate: number;
  readonly meanLapsLed: number;
  readonly meanFastestLaps: number;
}

/**
 * Conservation laws checked row by row. They hold by construction in the simulator, so any
 * violation means a bug or a corrupted/foreign set: report, never repair.
 */
export interface ConservationChecks {
  readonly scenarios: number;
  /** Rows whose laps led sum to `laps` and where nobody led more laps than they completed. */
  readonly lapsLedRowsOk: number;
  /** Rows whose fastest laps sum to that row's green laps (<= laps), each <= laps completed. */
  readonly fastestLapsRowsOk: number;
  /** Rows whose finishing positions are a permutation of 1..n with DNFs behind all runners. */
  readonly finishPermutationOk: number;
  /** Total failed row checks (0 when the set is sound). */
  readonly violations: number;
  /** Up to 10 human-readable descriptions of the first violations. */
  readonly examples: readonly string[];
}

export interface ScenarioSummary {
  readonly drivers: readonly string[];
  readonly scenarios: number;
  readonly perDriver: readonly DriverForecast[];
  /** n*n row-major Pearson correlation of DK points across scenarios (1 on the diagonal; 0 for a constant driver). */
  readonly dkCorrelation: Float64Array;
  readonly checks: ConservationChecks;
}
