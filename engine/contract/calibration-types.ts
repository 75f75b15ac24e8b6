/**
 * Shapes of the `calibrate` job: what the actor loads (CalibrationData), what the client asks
 * for (CalibrationSpec) and what is stored (CalibrationResult). Plain data, no behaviour;
 * engine/mcmc validates and computes. Everything here is JSON-serialisable except the compact
 * typed array of posterior draws (`CalibrationPosterior.draws`).
 */
import type { TrackType } from './models.js';

/** One driver's line in one race, as loaded from (:Driver)-[:FINISHED]->(:Race). */
export interface CalibrationResultRow {
  readonly driverId: string;
  readonly teamId?: string;
  readonly manufacturer?: string;
  /** Starting position 1..n. */
  readonly start: number;
  /** Official finishing position 1..n (unique within a race). */
  readonly finish: number;
  readonly lapsLed: number;
  /** Fastest laps (loop data, 2019+); null where unknown. */
  readonly fastestLaps: number | null;
  readonly lapsCompleted: number;
  /** 'running' for a finisher, otherwise the DNF reason ('accident', 'engine', 'DVP', ...). */
  readonly status: string;
}

export interface CalibrationRace {
  readonly raceId: string;
  readonly season: number;
  /** ISO date, e.g. '2024-02-19'. */
  readonly date: string;
  readonly trackType: TrackType;
  /** Scheduled (or run) race laps. */
  readonly laps: number;
  readonly results: readonly CalibrationResultRow[];
}

export interface CalibrationData {
  readonly races: readonly CalibrationRace[];
}

/** Which blocks of the driver model are switched on (see engine/model/README in cup-model.ts). */
export interface ModelFeatures {
  /** Driver x track-type skill deviations. */
  readonly trackType: boolean;
  /** Team (organisation) effect shared by its drivers. */
  readonly team: boolean;
  /** Manufacturer effect per track type. */
  readonly manufacturer: boolean;
  /** Per-track-type effect of -log(start position). */
  readonly startPosition: boolean;
  /** Hierarchical (estimated) scale of driver skill; false = fixed N(0, 1) prior. */
  readonly hierarchicalSkill: boolean;
  /** Independent-DNF block (rate per track type + driver propensity). */
  readonly dnf: boolean;
}

export interface CalibrationSpec {
  /** Train on races with date <= trainThrough; races after it are held out for evaluation. Default: all races train. */
  readonly trainThrough?: string;
  /** Number of chains. @default 4 */
  readonly chains?: number;
  /** Warmup (adaptation) iterations per chain. @default 300 */
  readonly warmup?: number;
  /** Kept iterations per chain. @default 250 */
  readonly draws?: number;
  /** Half-life of the race weight exp(-ln2 * age / halfLife) in days; null = no recency weighting. @default 365 */
  readonly recencyHalfLifeDays?: number | null;
  /** Maximum NUTS tree depth. @default 8 */
  readonly maxTreeDepth?: number;
  /** Target mean acceptance statistic for step-size adaptation. @default 0.8 */
  readonly targetAccept?: number;
  /** At most this many draws are stored (thinned evenly). @default 1000 */
  readonly maxStoredDraws?: number;
  /** Simulated races per held-out race for the forecast evaluation. @default 1000 */
  readonly evalSimsPerRace?: number;
  readonly features?: Partial<ModelFeatures>;
}

/** Posterior summary of one named quantity. */
export interface ParameterSummary {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  /** Split rank-normalised R-hat, max of bulk and folded (Vehtari et al. 2021). */
  readonly rhat: number;
  /** The bulk (location) part of rhat alone; absent in calibrations stored before it was kept. */
  readonly rhatBulk?: number;
  readonly essBulk: number;
  readonly essTail: number;
}

export interface ChainDiagnostics {
  readonly chain: number;
  readonly stepSize: number;
  readonly meanTreeDepth: number;
  readonly maxTreeDepth: number;
  /** Sampling iterations that hit the maximum tree depth. */
  readonly treeDepthSaturated: number;
  readonly divergences: number;
  /** Mean NUTS acceptance statistic over sampling iterations. */
  readonly acceptanceRate: number;
  readonly meanLeapfrogs: number;
  /** Leapfrog steps (gradient evaluations) spent in warmup: with meanLeapfrogs x draws, the chain's cost. */
  readonly warmupLeapfrogs: number;
  readonly wallMs: number;
}

export interface CalibrationDiagnostics {
  /** Max split rank-normalised R-hat (max of bulk and folded) over all stored quantities. */
  readonly rhatMax: number;
  /**
   * Max bulk (location) R-hat alone. With few draws per chain rhatMax is usually set by the
   * folded (spread) R-hat, which NUTS's anti-correlated draws make noisy (README, "R-hat on the
   * full model"); this says whether any chain sits somewhere else. Absent in older calibrations.
   */
  readonly rhatBulkMax?: number;
  readonly essBulkMin: number;
  readonly essTailMin: number;
  readonly divergences: number;
  readonly acceptanceRate: number;
  /** 1 - acceptanceRate, for dashboards used to the older sampler's 'rejection rate'. */
  readonly rejectionRate: number;
  readonly meanStepSize: number;
  readonly meanTreeDepth: number;
  readonly treeDepthSaturated: number;
  readonly chains: readonly ChainDiagnostics[];
  /** Wall time of the whole calibration (fit + summaries + evaluation). */
  readonly wallMs: number;
  readonly samplingWallMs: number;
  /** The quantities with the worst R-hat / ESS (for a quick look). */
  readonly worst: readonly ParameterSummary[];
}

/** Forecast quality on held-out races for one group (all races or one track type). */
export interface ForecastScore {
  readonly races: number;
  readonly driverRaces: number;
  /** Mean finishing-position CRPS of the model, uniform and start-position forecasts. */
  readonly crps: number;
  readonly crpsUniform: number;
  readonly crpsStart: number;
  /** 1 - crps/crpsUniform and 1 - crps/crpsStart (> 0 = better than the baseline). */
  readonly skillVsUniform: number;
  readonly skillVsStart: number;
  /** Share of actual finishes inside the central 50/80/90% predictive intervals (randomised PIT). */
  readonly coverage50: number;
  readonly coverage80: number;
  readonly coverage90: number;
}

export interface ForecastEvaluation {
  readonly trainThrough: string;
  readonly firstTestDate: string;
  readonly lastTestDate: string;
  readonly overall: ForecastScore;
  readonly byTrackType: Readonly<Partial<Record<TrackType, ForecastScore>>>;
  readonly simsPerRace: number;
}

/** DNF and incident model, per track type (posterior means; per-draw values live in the draws). */
export interface DnfModelSummary {
  readonly trackType: TrackType;
  /** Mean independent DNF probability of an average driver. */
  readonly independentDnfProb: number;
  /** Beta posterior (alpha, beta) of P(a race has a multi-car DNF incident). */
  readonly incidentAlpha: number;
  readonly incidentBeta: number;
  /** Mean number of cars an incident puts out of the race. */
  readonly incidentMeanCars: number;
}

/** Laps-led / fastest-lap concentration: weight_i ∝ exp(dominance * strength_i). */
export interface DominanceFit {
  readonly lapsLed: number;
  readonly lapsLedSe: number;
  readonly fastestLap: number;
  readonly fastestLapSe: number;
  /** Share of race laps credited as someone's fastest lap (≈ green-flag laps), per track type. */
  readonly greenLapShare: Readonly<Partial<Record<TrackType, number>>>;
  readonly races: number;
}

export interface CalibrationPosterior {
  /** Names of the stored quantities, e.g. 'skill[3859]', 'dev[3859,road]', 'team[Team Penske]'. */
  readonly names: readonly string[];
  /** Number of stored draws S (after thinning). */
  readonly drawCount: number;
  /** S x P row-major (row = draw), P = names.length. */
  readonly draws: Float32Array;
  /** Chain of each stored draw (length S). */
  readonly chainOfDraw: readonly number[];
}

export interface CalibrationIndex {
  readonly drivers: readonly string[];
  readonly teams: readonly string[];
  readonly manufacturers: readonly string[];
  /** Most recent team / manufacturer of each driver in the training data. */
  readonly driverTeam: Readonly<Record<string, string>>;
  readonly driverManufacturer: Readonly<Record<string, string>>;
  /** Training starts per driver (unweighted). */
  readonly driverStarts: Readonly<Record<string, number>>;
}

export interface CalibrationResult {
  readonly version: 1;
  readonly seed: number;
  /** The fully defaulted spec that was run. */
  readonly spec: Required<Omit<CalibrationSpec, 'trainThrough' | 'features'>> & { readonly trainThrough: string | null; readonly features: ModelFeatures };
  readonly data: { readonly races: number; readonly trainRaces: number; readonly testRaces: number; readonly driverRaces: number; readonly firstDate: string; readonly lastTrainDate: string };
  readonly index: CalibrationIndex;
  readonly posterior: CalibrationPosterior;
  readonly summaries: readonly ParameterSummary[];
  readonly dnf: readonly DnfModelSummary[];
  readonly dominance: DominanceFit;
  readonly diagnostics: CalibrationDiagnostics;
  readonly evaluation: ForecastEvaluation | null;
}
