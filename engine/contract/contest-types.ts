/**
 * Shapes produced by engine/ownership and engine/contest and consumed elsewhere (the lineup
 * optimizer, the actor's result writer, the API mappers). Plain data and typed arrays only, so
 * they can cross worker threads and be stored; the maths lives in the domains.
 *
 * Units: ownership is in PERCENT of entries (a driver in every lineup = 100), so a slate's
 * ownerships sum to rosterSize * 100 (DK 6 → 600, FD 5 → 500). Points are site fantasy points.
 */
import type { PayoutTier, TrackType } from './models.js';

/** A Monte-Carlo estimate with its standard error (same units as `value`). */
export interface Estimate {
  readonly value: number;
  readonly se: number;
}

/** Projected ownership of one slate driver. */
export interface DriverOwnership {
  readonly driverId: string;
  /** Ensemble mean ownership, percent of entries. */
  readonly meanPct: number;
  /** Ensemble standard deviation (coefficient uncertainty), percent points. */
  readonly sdPct: number;
  /** Lower / upper bound of the central interval (OwnershipProjection.intervalLevel), percent. */
  readonly lowerPct: number;
  readonly upperPct: number;
  /** True when the value came from a user override (then sd = 0 and the interval is the point). */
  readonly overridden: boolean;
}

export interface OwnershipProjection {
  /** One row per slate player, in slate order. Σ meanPct = rosterSize * 100. */
  readonly drivers: readonly DriverOwnership[];
  readonly rosterSize: number;
  readonly trackType: TrackType;
  /** Coverage of [lowerPct, upperPct], e.g. 0.9. */
  readonly intervalLevel: number;
  /** Ensemble size behind sd and the interval. */
  readonly ensembleSize: number;
  /** Ownership-weighted mean lineup salary / cap implied by the projection (field salary usage). */
  readonly impliedSalaryUsage: number;
  /** The seed the ensemble was drawn from. */
  readonly seed: number;
}

/**
 * A sampled field of opponent lineups, deduplicated: distinct lineup d holds players
 * lineups[d*rosterSize .. +rosterSize) (indices into slate.players, ascending) and is entered
 * counts[d] times. Σ counts = entries.
 */
export interface SampledField {
  readonly rosterSize: number;
  readonly entries: number;
  readonly distinct: number;
  readonly lineups: Uint16Array;
  readonly counts: Uint32Array;
  /** Realised share of entries containing each slate player (fraction, slate order). */
  readonly frequencies: Float64Array;
  /** Target share per slate player (ownership / 100), for comparison with `frequencies`. */
  readonly targets: Float64Array;
  readonly diagnostics: FieldDiagnostics;
}

export interface FieldDiagnostics {
  /** Entries that copy an earlier entry through the duplication (Pólya urn) layer. */
  readonly copiedEntries: number;
  /** Largest multiplicity of a single lineup. */
  readonly maxDuplicates: number;
  /** Share of entries whose lineup is entered more than once. */
  readonly duplicatedShare: number;
  /** Mean lineup salary / cap, and share of entries using at least 95 % of the cap. */
  readonly meanSalaryUsage: number;
  readonly shareAbove95: number;
  /** max_i |pilot frequency_i - target_i| after calibration (fraction). */
  readonly calibrationMaxAbsError: number;
  readonly calibrationIterations: number;
}

/**
 * Precomputed opponent scores for contest-EV evaluation (optimizer interface).
 * Row s holds the highest `rowLength` opponent lineup scores of scenario s, ascending, quantized
 * with `quantizeScore`. When rowLength < fieldSize, the unstored fieldSize - rowLength entries are
 * all <= row[0] and `tiesAtRowMin[s]` of them equal row[0] (so tie splits stay exact).
 */
export interface FieldScoreTable {
  readonly scenarios: number;
  readonly rowLength: number;
  /** S x rowLength, each row ascending. */
  readonly sortedFieldScores: Float32Array;
  /** Opponent entries per scenario (with duplicates). */
  readonly fieldSize: number;
  /** Unstored entries equal to row[0], per scenario (all zero when rowLength === fieldSize). */
  readonly tiesAtRowMin: Uint32Array;
  readonly payouts: readonly PayoutTier[];
  /** cumulativePrizes[k] = Σ prizes of ranks 1..k, k = 0..lastPaidRank (tie splits in O(1)). */
  readonly cumulativePrizes: Float64Array;
}

/** Contest outcome of one of our lineups over the scenarios (common random numbers). */
export interface LineupContestMetrics {
  /** Index into the `ourLineups` input. */
  readonly lineup: number;
  readonly expectedPayout: Estimate;
  /** (E[payout] - entryFee) / entryFee, a ratio (0.1 = +10 %). */
  readonly roi: Estimate;
  /** Probability of a positive payout (fraction). */
  readonly cashRate: Estimate;
  /** Probability of finishing in the top 1 % of entries (fraction). */
  readonly top1Rate: Estimate;
  /** Probability of rank 1 (a tie for first counts), fraction. */
  readonly winRate: Estimate;
  readonly meanRank: Estimate;
  /** Best / worst rank over the scenarios; se is the exact bootstrap SE of the sample min / max. */
  readonly bestRank: Estimate;
  readonly worstRank: Estimate;
}

export interface ContestSimResult {
  readonly lineups: readonly LineupContestMetrics[];
  /** All our entries together: Σ payouts and ROI on Σ fees, with SE. */
  readonly portfolio: {
    readonly expectedPayout: Estimate;
    readonly roi: Estimate;
    /** Probability at least one of our entries cashes. */
    readonly anyCashRate: Estimate;
  };
  readonly scenarios: number;
  /** Opponent entries + our entries. */
  readonly totalEntries: number;
  readonly field: Pick<SampledField, 'entries' | 'distinct' | 'diagnostics'>;
}
