/**
 * What the optimizer is given: the slate, simulated points, optional ownership and field.
 * The actor loads these (slate from Neo4j, points from a ScenarioSet via `alignScenarioColumns`,
 * ownership from an OwnershipProjection as meanPct / 100, field from engine/contest).
 */
import type { FieldScoreTable } from '../contract/contest-types.js';
import type { SlateSpec } from '../contract/models.js';

/** One scenario set, aligned to the slate. */
export interface ScenarioPoints {
  /** S x n site points (DK or FD per slate.site), row = scenario, columns in slate.players order. */
  readonly points: Float32Array;
  /** Opponent scores for the same S scenarios (payout objective and field-based targets). */
  readonly field?: FieldScoreTable;
}

export interface LineupInput {
  readonly slate: SlateSpec;
  /** Scenarios the search optimises on. */
  readonly selection: ScenarioPoints;
  /**
   * Fresh scenarios the reported metrics are re-scored on. When absent, `selection` is split by
   * a permutation seeded from ctx.seed (see `holdoutFraction`).
   */
  readonly evaluation?: ScenarioPoints;
  /** Projected ownership per slate player, fractions in [0, 1] (slate order). */
  readonly ownership?: Float64Array;
}

/** Options shared by the single-lineup and portfolio optimizers. */
export interface CommonOptions {
  /** Share of `selection` held out for metrics when no `evaluation` set is given. @default 0.5 */
  readonly holdoutFraction: number;
  /** Require the slate to match the site's classic rules (DK 6 / FD 5 drivers, $50,000). @default true */
  readonly strictSiteRules: boolean;
  /** Points target reported as P(score >= target) in lineup metrics (NaN: not reported). @default NaN */
  readonly reportTarget: number;
  /** Field quantile used for portfolio `pBeatFieldQuantile`. @default 0.99 */
  readonly reportQuantile: number;
}

export const COMMON_DEFAULTS: CommonOptions = {
  holdoutFraction: 0.5,
  strictSiteRules: true,
  reportTarget: Number.NaN,
  reportQuantile: 0.99,
};
