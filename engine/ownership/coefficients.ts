/**
 * Coefficients of the "chalk" ownership model (issue 5, item 4).
 *
 * No public data set holds real NASCAR DFS ownership (see shared/data/README.md), so these are
 * NOT fitted: they are set by hand so that the model reproduces the shape of ownership that DFS
 * analysts commonly describe for 36-40 driver DraftKings Cup slates, checked in
 * test/unit/ownership/ownership-shape.test.ts on the real Bristol 2026 DK salaries:
 *   - the most-owned driver sits around 35-55 %, and four to eight drivers exceed 20 %;
 *   - roughly the bottom third of the slate is owned below 5 %;
 *   - value (points per $1k) matters about as much as raw projection: the cheap driver with a
 *     good projection is the classic NASCAR chalk play;
 *   - superspeedways are flatter (pack racing is a lottery) and lean further on cheap value;
 *     road courses concentrate on a few specialists.
 * Utility of driver i: u_i = temperature_t * (projection*zProj + value_t*zValue + salary*zSalary
 * + form*zForm), z = within-slate z-scores, so the same coefficients serve DK and FD.
 * Ownership = rosterSize * capped softmax(u - tilt*salary) (see allocate.ts).
 */
import type { TrackType } from '../contract/models.js';

export interface ChalkCoefficients {
  /** Weight of the z-scored projected mean points. */
  readonly projection: number;
  /** Weight of the z-scored value (points per $1k salary). */
  readonly value: number;
  /** Weight of the z-scored salary (a "name" effect: stars draw ownership beyond their value). */
  readonly salary: number;
  /** Weight of the z-scored recent form (drivers without form data get the slate average). */
  readonly form: number;
}

export interface TrackAdjustment {
  /** Multiplies the whole utility: > 1 concentrates ownership on the chalk, < 1 flattens it. */
  readonly temperature: number;
  /** Multiplies the value coefficient. */
  readonly valueMultiplier: number;
}

export const BASE_COEFFICIENTS: ChalkCoefficients = { projection: 0.45, value: 0.5, salary: 0.1, form: 0.2 };

export const TRACK_ADJUSTMENTS: Readonly<Record<TrackType, TrackAdjustment>> = {
  intermediate: { temperature: 1.0, valueMultiplier: 1.0 },
  // Short tracks: laps-led dominators are obvious, so ownership concentrates slightly.
  short: { temperature: 1.05, valueMultiplier: 1.0 },
  // Road courses: a handful of specialists draw heavy ownership.
  road: { temperature: 1.1, valueMultiplier: 0.9 },
  // Superspeedways: flatter ownership, tilted towards cheap place-differential plays.
  superspeedway: { temperature: 0.7, valueMultiplier: 1.4 },
  // Dirt: little history, projections are distrusted, ownership spreads out.
  dirt: { temperature: 0.8, valueMultiplier: 1.1 },
};

/**
 * Uncertainty of the hand-set model, turned into an ensemble (ensemble.ts). Each member draws
 * coefficients and per-driver noise from these; the spread of the members is the reported
 * uncertainty. Generous on purpose: an uncalibrated model must not look precise.
 */
export interface CoefficientUncertainty {
  /** Relative sd of each coefficient (0.25 = ±25 %). */
  readonly relativeSd: number;
  /** sd of log(temperature). */
  readonly logTemperatureSd: number;
  /** sd of per-driver utility noise, logit units (news, narratives, late swaps). */
  readonly driverNoiseSd: number;
  /** sd of the field's salary usage (fraction of the cap). */
  readonly salaryUsageSd: number;
}

export const DEFAULT_UNCERTAINTY: CoefficientUncertainty = {
  relativeSd: 0.25,
  logTemperatureSd: 0.15,
  driverNoiseSd: 0.25,
  salaryUsageSd: 0.004,
};

/**
 * Mean lineup salary of the field as a share of the cap. Public contest results show most
 * entries within a few hundred dollars of a $50k cap; 0.985 ≈ $49,250.
 * @default 0.985
 */
export const DEFAULT_FIELD_SALARY_USAGE = 0.985;
