/**
 * Numeric data shapes that cross engine domains (mcmc → race-sim → ownership/lineup/contest).
 * Plain typed arrays, row-major, so they can move between worker threads (transferable) and
 * be stored compactly. No behaviour here: the domains own their maths.
 */

/** Track types used by the model, the importer and the schema (closed union). */
export const TRACK_TYPES = ['superspeedway', 'intermediate', 'short', 'road', 'dirt'] as const;
export type TrackType = (typeof TRACK_TYPES)[number];

/** DFS sites. */
export const SITES = ['DK', 'FD'] as const;
export type Site = (typeof SITES)[number];

/**
 * What the race simulator needs for ONE race, derived from a calibration's posterior draws
 * (so parameter uncertainty carries through: each scenario uses one posterior draw).
 */
export interface RaceModel {
  /** Stable driver ids, length n. Index i in every array refers to drivers[i]. */
  readonly drivers: readonly string[];
  /** Number of posterior draws D. */
  readonly draws: number;
  /** D*n log-worth (Plackett-Luce utility) for this race's track type, row = draw. */
  readonly strength: Float64Array;
  /** D*n probability that the driver fails to finish (independent part of the DNF model). */
  readonly dnfProb: Float64Array;
  /** Probability of a multi-car incident (a "big one") in this race, per draw (length D). */
  readonly incidentProb: Float64Array;
  /** Mean number of cars collected by an incident when one happens. */
  readonly incidentMeanCars: number;
  /** Laps-led concentration: weight of driver i for leading laps ∝ exp(lapsLedDominance * strength). */
  readonly lapsLedDominance: number;
  /** Fastest-lap concentration, same form as lapsLedDominance. */
  readonly fastestLapDominance: number;
  /** Scheduled race laps. */
  readonly laps: number;
  /** Expected share of laps run under green (fastest laps are only credited on green laps). */
  readonly greenLapShare: number;
  /** Start positions 1..n (slate/qualifying order), length n. */
  readonly startPositions: Int32Array;
}

/** Output of a race simulation: S scenarios x n drivers, row = scenario. */
export interface ScenarioSet {
  readonly drivers: readonly string[];
  readonly scenarios: number;
  /** S*n finishing position 1..n. */
  readonly finish: Uint8Array;
  /** S*n laps led; each row sums to the race's laps. */
  readonly lapsLed: Uint16Array;
  /** S*n fastest laps; each row sums to that scenario's green-flag laps. */
  readonly fastestLaps: Uint16Array;
  /** S*n 1 when the driver did not finish. */
  readonly dnf: Uint8Array;
  /** S*n DraftKings points. */
  readonly dkPoints: Float32Array;
  /** S*n FanDuel points. */
  readonly fdPoints: Float32Array;
  /** The seed the set was generated from (with chunk index for chunked runs). */
  readonly seed: number;
}

/** A slate as the optimizer and contest simulator see it. */
export interface SlatePlayer {
  readonly driverId: string;
  readonly name: string;
  readonly salary: number;
  /** Site-specific player id used in upload CSVs. */
  readonly siteId: string;
}

export interface SlateSpec {
  readonly site: Site;
  readonly salaryCap: number;
  readonly rosterSize: number;
  readonly players: readonly SlatePlayer[];
}

/** Payout table: rank ranges (1-based, inclusive) and the prize per entry in that range. */
export interface PayoutTier {
  readonly fromRank: number;
  readonly toRank: number;
  readonly prize: number;
}

export interface ContestSpec {
  readonly entryFee: number;
  readonly fieldSize: number;
  readonly maxEntries: number;
  readonly payouts: readonly PayoutTier[];
}
