/**
 * Shapes of the lineup / portfolio optimizer (engine/lineup), shared with the actor that runs
 * the `optimize` job and the API mappers. Plain data; the maths lives in engine/lineup.
 *
 * Units: salaries in site dollars; ownership as FRACTIONS of entries (0.25 = 25 %; the
 * ownership projection's `meanPct / 100`); points are site fantasy points; probabilities are
 * fractions. Driver references are `SlatePlayer.driverId` strings.
 */
import type { Estimate } from './contest-types.js';

export type { Estimate };

/** One upper-tail level of a (weighted multi-)CVaR objective: mean of the best `alpha` share of scenarios. */
export interface CvarLevel {
  /** Tail share in (0, 1], e.g. 0.01 = the best 1 % of scenarios. */
  readonly alpha: number;
  /** Non-negative weight; the objective is Σ weight · CVaR_alpha. */
  readonly weight: number;
}

/** What a single lineup maximises, all on the same simulated scenarios (common random numbers). */
export type LineupObjective =
  | { readonly kind: 'mean' }
  /** Conditional upside: Σ w · (mean of the lineup's best ceil(alpha·S) scenario scores). */
  | { readonly kind: 'cvar'; readonly levels: readonly CvarLevel[] }
  /** P(lineup score >= target points). */
  | { readonly kind: 'probAtLeast'; readonly target: number }
  /** Mean points minus `ownershipPenalty` points per unit of summed ownership fraction. */
  | { readonly kind: 'leverage'; readonly ownershipPenalty: number }
  /** Expected prize against the simulated field (needs `field`), standard DFS tie splitting. */
  | { readonly kind: 'payout' };

export type LineupObjectiveKind = LineupObjective['kind'];

/** "At least / at most k drivers of this set" in every lineup. */
export interface DriverGroup {
  readonly drivers: readonly string[];
  readonly atLeast?: number;
  readonly atMost?: number;
}

/** Rules every lineup obeys (single lineup and each portfolio lineup). */
export interface LineupConstraints {
  /** Drivers in every lineup. */
  readonly locks?: readonly string[];
  /** Drivers in no lineup. */
  readonly excludes?: readonly string[];
  readonly groups?: readonly DriverGroup[];
  /** Salary floor in dollars (the cap comes from the slate). */
  readonly minSalary?: number;
  /** Cap on Σ ownership fraction of the lineup (needs ownership), e.g. 1.2. */
  readonly maxTotalOwnership?: number;
  /** At least `minCount` drivers owned at most `maxOwnership` (fraction) each (needs ownership). */
  readonly lowOwned?: { readonly maxOwnership: number; readonly minCount: number };
}

/** Per-driver exposure override, fractions of the portfolio's lineups. */
export interface ExposureRule {
  readonly driverId: string;
  readonly min?: number;
  readonly max?: number;
}

export interface PortfolioConstraints extends LineupConstraints {
  /** Default max exposure for every driver (fraction). @default 1 */
  readonly maxExposure?: number;
  /** Default min exposure for every driver (fraction). @default 0 */
  readonly minExposure?: number;
  readonly exposures?: readonly ExposureRule[];
  /** Every pair of lineups differs in at least this many drivers. @default 1 (no duplicates) */
  readonly minUnique?: number;
}

/** The per-scenario bar a portfolio tries to clear with at least one lineup. */
export type CoverageTarget =
  /** Beat (strictly) the opponent at the field's `quantile` in each scenario (0.99 = top 1 %). */
  | { readonly kind: 'fieldQuantile'; readonly quantile: number }
  /** Beat (strictly) every simulated opponent. */
  | { readonly kind: 'win' }
  /** Score at least `value` points. */
  | { readonly kind: 'score'; readonly value: number };

export type PortfolioObjective =
  /** P(best lineup of the portfolio clears the target) — submodular coverage, greedy. */
  | { readonly kind: 'coverage'; readonly target: CoverageTarget }
  /** Σ expected prizes of our entries, our own entries competing with each other (needs `field`). */
  | { readonly kind: 'payout' }
  /** Baseline "best projections subject to the same rules" (what a MILP projection optimizer does). */
  | { readonly kind: 'mean' };

/** Metrics of one lineup re-scored on held-out scenarios (value ± Monte-Carlo standard error). */
export interface LineupMetrics {
  readonly scenarios: number;
  readonly mean: Estimate;
  readonly cvar01: Estimate;
  readonly cvar05: Estimate;
  /** The optimised objective, when it was a scenario objective or additive one. */
  readonly objective?: Estimate;
  /** P(score >= target) when a target was given. */
  readonly probTarget?: Estimate;
  /** Expected prize against the held-out field, when a field was given. */
  readonly payout?: Estimate;
}

export interface OptimizedLineup {
  /** Indices into slate.players, ascending salary order reversed (most expensive first). */
  readonly indices: readonly number[];
  readonly driverIds: readonly string[];
  readonly salary: number;
  /** Σ ownership fraction (0 when no ownership was given). */
  readonly totalOwnership: number;
  /** Objective value on the selection scenarios: in-sample, so optimistically biased. */
  readonly selectionObjective: number;
  /** The same lineup re-scored on held-out scenarios. */
  readonly heldOut: LineupMetrics;
}

/** How much of the lineup space the exact search touched. */
export interface SearchStats {
  /** Lineups satisfying every constraint. */
  readonly legalLineups: number;
  /** Lineups whose objective was computed exactly on the selection scenarios. */
  readonly scored: number;
  /** legalLineups − scored: excluded by a proven upper bound. */
  readonly pruned: number;
  /** Partial lineups (search nodes) expanded. */
  readonly nodes: number;
  /**
   * Per-scenario terms the scenario search evaluated (0 for additive objectives). Naive
   * enumeration needs legalLineups x selectionScenarios.
   */
  readonly scenarioTerms: number;
  readonly selectionScenarios: number;
  readonly heldOutScenarios: number;
}

export interface SingleLineupResult {
  readonly objective: LineupObjective;
  readonly lineup: OptimizedLineup;
  readonly stats: SearchStats;
}

/** Portfolio-level metrics on one scenario set. */
export interface PortfolioMetrics {
  readonly scenarios: number;
  /** The optimised portfolio objective on this set. */
  readonly objective: Estimate;
  /** E[max over the portfolio's lineups of the score]. */
  readonly expectedBest: Estimate;
  /** P(best lineup strictly above the field's `reportQuantile` opponent), when a field exists. */
  readonly pBeatFieldQuantile?: Estimate;
  /** Σ expected prizes of all entries (own entries competing), when a field exists. */
  readonly payout?: Estimate;
}

export interface DriverExposure {
  readonly driverId: string;
  readonly count: number;
  readonly fraction: number;
}

export interface PortfolioResult {
  readonly objective: PortfolioObjective;
  readonly lineups: readonly OptimizedLineup[];
  readonly exposures: readonly DriverExposure[];
  readonly selection: PortfolioMetrics;
  readonly heldOut: PortfolioMetrics;
  readonly stats: {
    readonly legalLineups: number;
    readonly poolSize: number;
    /** Marginal-gain evaluations by the lazy greedy. */
    readonly gainEvaluations: number;
    readonly selectionScenarios: number;
    readonly heldOutScenarios: number;
  };
}

/** Upload CSV cell style: bare site ids, or DK "Name (ID)" / FD "ID:Name". */
export type UploadPlayerFormat = 'id' | 'nameId';

/**
 * Suggested `optimize` job spec (the lead owns job-specs.ts and the wiring). The actor loads
 * the slate, the ScenarioSet(s) (→ points via engine/lineup `alignScenarioColumns`), ownership
 * (meanPct / 100) and, when a contest is named, the FieldScoreTable from engine/contest, then
 * calls `optimizeLineup` (mode 'lineup') or `optimizePortfolio` (mode 'portfolio').
 */
export interface OptimizeJobSpec {
  readonly slateId: string;
  /** Scenarios the search optimises on. */
  readonly scenarioSetId: string;
  /** Fresh scenarios for held-out metrics; absent → the selection set is split by the job seed. */
  readonly evaluationScenarioSetId?: string;
  /** Contest whose simulated field prices the payout objective and field-based targets. */
  readonly contestId?: string;
  readonly mode: 'lineup' | 'portfolio';
  readonly objective: LineupObjective | PortfolioObjective;
  /** Portfolio size (mode 'portfolio'), 1..150. */
  readonly lineups?: number;
  readonly constraints?: PortfolioConstraints;
  /** @default 0.5 */
  readonly holdoutFraction?: number;
}
