/**
 * Ownership projection (issue 5, item 4): a transparent "chalk" logit model (coefficients.ts)
 * evaluated as a seeded ensemble over its own coefficient uncertainty, so each driver gets a mean
 * and an interval. Every member satisfies Σ own = rosterSize and the salary identity
 * (allocate.ts), hence so does the mean. User overrides are fixed in every member and the other
 * drivers are re-allocated around them, so the total still holds.
 */
import { EngineError } from '../contract/engine-error.js';
import type { DriverOwnership, OwnershipProjection } from '../contract/contest-types.js';
import type { SlateSpec, TrackType } from '../contract/models.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { substreams } from '../rng/index.js';
import { allocateOwnership } from './allocate.js';
import { BASE_COEFFICIENTS, DEFAULT_FIELD_SALARY_USAGE, DEFAULT_UNCERTAINTY, TRACK_ADJUSTMENTS } from './coefficients.js';
import type { ChalkCoefficients, CoefficientUncertainty, TrackAdjustment } from './coefficients.js';
import { buildFeatures } from './features.js';
import { alignOverrides, alignProjections, validateSlateBasics, validateTrackType } from './validate-input.js';
import type { DriverProjection, OwnershipOverride } from './validate-input.js';
import { quantile } from './quantile.js';

export interface OwnershipInput {
  readonly slate: SlateSpec;
  /** One per slate player. */
  readonly projections: readonly DriverProjection[];
  readonly trackType: TrackType;
  readonly overrides?: readonly OwnershipOverride[];
}

export interface OwnershipOptions {
  /** Ensemble members behind sd and intervals. @default 200 */
  readonly ensembleSize: number;
  /** Central interval coverage. @default 0.9 */
  readonly intervalLevel: number;
  /** Field mean lineup salary / cap. @default 0.985 (DEFAULT_FIELD_SALARY_USAGE) */
  readonly fieldSalaryUsage: number;
  readonly coefficients: ChalkCoefficients;
  readonly trackAdjustments: Readonly<Record<TrackType, TrackAdjustment>>;
  readonly uncertainty: CoefficientUncertainty;
}

export const OWNERSHIP_DEFAULTS: OwnershipOptions = {
  ensembleSize: 200,
  intervalLevel: 0.9,
  fieldSalaryUsage: DEFAULT_FIELD_SALARY_USAGE,
  coefficients: BASE_COEFFICIENTS,
  trackAdjustments: TRACK_ADJUSTMENTS,
  uncertainty: DEFAULT_UNCERTAINTY,
};

const CANCEL_CHECK_EVERY = 50; // members

/**
 * Project ownership for every slate player.
 * @throws EngineError INVALID_INPUT naming the field (slate.*, projections[i].*, trackType,
 *   overrides[i].*), CANCELLED when ctx.isCancelled() turns true.
 */
export function projectOwnership(input: OwnershipInput, ctx: EngineRunContext, options: Partial<OwnershipOptions> = {}): OwnershipProjection {
  const opts: OwnershipOptions = { ...OWNERSHIP_DEFAULTS, ...options };
  const { slate } = input;
  const index = validateSlateBasics(slate);
  const trackType = validateTrackType(input.trackType);
  const { mean, form } = alignProjections(input.projections, index);
  const fixed = alignOverrides(input.overrides ?? [], index, slate.rosterSize);
  const n = slate.players.length;
  const R = slate.rosterSize;
  const salaries = Float64Array.from(slate.players, (p) => p.salary);
  const f = buildFeatures(mean, salaries, form);
  const track = opts.trackAdjustments[trackType];
  const c = opts.coefficients;
  const unc = opts.uncertainty;
  const K = Math.max(1, Math.floor(opts.ensembleSize));
  const rng = substreams(ctx.seed, 1)[0];

  const members = new Float64Array(K * n);
  const utility = new Float64Array(n);
  const jitter = (b: number): number => b * (1 + unc.relativeSd * rng.nextNormal());
  for (let k = 0; k < K; k++) {
    if (k % CANCEL_CHECK_EVERY === 0) {
      if (ctx.isCancelled()) throw new EngineError('CANCELLED', 'ownership projection cancelled');
      ctx.progress({ phase: 'ownership', done: k, total: K });
    }
    const temperature = track.temperature * Math.exp(unc.logTemperatureSd * rng.nextNormal());
    const bp = jitter(c.projection);
    const bv = jitter(c.value * track.valueMultiplier);
    const bs = jitter(c.salary);
    const bf = jitter(c.form);
    for (let i = 0; i < n; i++) {
      const systematic = bp * f.projection[i] + bv * f.value[i] + bs * f.salary[i] + bf * f.form[i];
      utility[i] = temperature * systematic + unc.driverNoiseSd * rng.nextNormal();
    }
    const usage = Math.min(1, Math.max(0.5, opts.fieldSalaryUsage + unc.salaryUsageSd * rng.nextNormal()));
    allocateOwnership(
      { utility, salaries, fixed, rosterSize: R, targetSalary: usage * slate.salaryCap, slotSalary: slate.salaryCap / R },
      members.subarray(k * n, (k + 1) * n),
    );
  }
  ctx.progress({ phase: 'ownership', done: K, total: K });
  return summarise(members, K, input, fixed, salaries, opts, trackType, ctx.seed);
}

function summarise(
  members: Float64Array,
  K: number,
  input: OwnershipInput,
  fixed: Float64Array,
  salaries: Float64Array,
  opts: OwnershipOptions,
  trackType: TrackType,
  seed: number,
): OwnershipProjection {
  const { slate } = input;
  const n = slate.players.length;
  const means = new Float64Array(n);
  for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) means[i] += members[k * n + i] / K;
  // Each member sums to rosterSize; rescale the free drivers so rounding cannot drift the total.
  let fixedSum = 0;
  let freeSum = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(fixed[i])) freeSum += means[i];
    else fixedSum += fixed[i];
  }
  const scale = freeSum > 0 ? (slate.rosterSize - fixedSum) / freeSum : 1;
  const alpha = (1 - opts.intervalLevel) / 2;
  const column = new Float64Array(K);
  let salarySum = 0;
  const drivers: DriverOwnership[] = slate.players.map((p, i) => {
    const overridden = !Number.isNaN(fixed[i]);
    const m = overridden ? fixed[i] : means[i] * scale;
    salarySum += m * salaries[i];
    if (overridden) return { driverId: p.driverId, meanPct: 100 * m, sdPct: 0, lowerPct: 100 * m, upperPct: 100 * m, overridden };
    let v = 0;
    for (let k = 0; k < K; k++) {
      column[k] = members[k * n + i];
      v += (column[k] - means[i]) ** 2;
    }
    column.sort();
    return {
      driverId: p.driverId,
      meanPct: 100 * m,
      sdPct: 100 * Math.sqrt(v / Math.max(1, K - 1)),
      lowerPct: 100 * quantile(column, alpha),
      upperPct: 100 * quantile(column, 1 - alpha),
      overridden,
    };
  });
  return {
    drivers,
    rosterSize: slate.rosterSize,
    trackType,
    intervalLevel: opts.intervalLevel,
    ensembleSize: K,
    impliedSalaryUsage: salarySum / slate.salaryCap,
    seed,
  };
}
