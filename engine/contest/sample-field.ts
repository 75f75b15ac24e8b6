/**
 * Opponent field sampling (issue 5, item 5).
 *
 * Two layers:
 *  1. Base measure G0: a cap-constrained sequential sampler (lineup-sampler.ts) with per-opponent
 *     salary floors (salary-floor.ts), its weights calibrated so that driver inclusion shares
 *     match the ownership targets (calibrate-weights.ts).
 *  2. Duplication: entries arrive one by one; entry e copies a uniformly chosen earlier entry
 *     with probability e / (e + θ), otherwise draws a fresh lineup from G0 (a Pólya urn / Chinese
 *     restaurant process, θ = duplication * fieldSize). Lineup counts are then Dirichlet-
 *     multinomial over the lineup space with base G0: popular lineups attract more copies, and
 *     since the process is exchangeable every entry is still marginally a G0 draw, so the
 *     ownership calibration is untouched in expectation.
 * Cost is O(fieldSize * rosterSize * players) plus the pilot, fine for 100k+ entries.
 */
import type { FieldDiagnostics, SampledField } from '../contract/contest-types.js';
import { invalidInput } from '../contract/engine-error.js';
import type { SlateSpec } from '../contract/models.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { validateSlateBasics } from '../ownership/index.js';
import type { RandomGenerator } from '../rng/index.js';
import { calibrateWeights, DEFAULT_CALIBRATION } from './calibrate-weights.js';
import type { CalibrationSettings } from './calibrate-weights.js';
import { ConstrainedLineupSampler } from './lineup-sampler.js';
import { drawEntries } from './field-entries.js';
import { ownershipTargets } from './ownership-targets.js';
import type { OwnershipTarget } from './ownership-targets.js';
import { salaryBounds } from './salary-bounds.js';
import { DEFAULT_SALARY_USAGE, floorFromUniform, resolveMeanShortfall } from './salary-floor.js';
import type { SalaryUsageModel } from './salary-floor.js';

export interface FieldSampleOptions {
  /**
   * θ / fieldSize of the duplication urn. Share of entries that copy an earlier one is about
   * 1 - c*ln(1 + 1/c): 4 → 11 %, 10 → 5 %; Infinity disables copying (G0's own duplicates stay).
   * @default 4
   */
  readonly duplication: number;
  readonly salaryUsage: SalaryUsageModel;
  readonly calibration: CalibrationSettings;
  /** Entries between ownership-feedback corrections (field-entries.ts). @default 1000 */
  readonly feedbackInterval: number;
  /** Exponent of each feedback correction; 0 disables feedback. @default 0.5 */
  readonly feedbackGain: number;
}

export const FIELD_DEFAULTS: FieldSampleOptions = {
  duplication: 4,
  salaryUsage: DEFAULT_SALARY_USAGE,
  calibration: DEFAULT_CALIBRATION,
  feedbackInterval: 1000,
  feedbackGain: 0.5,
};

export interface FieldSampleInput {
  readonly slate: SlateSpec;
  /** Ownership per driver (e.g. OwnershipProjection.drivers); Σ meanPct ≈ rosterSize * 100. */
  readonly ownership: readonly OwnershipTarget[];
  /** Opponent entries to sample. */
  readonly fieldSize: number;
  readonly options?: Partial<FieldSampleOptions>;
}

/**
 * @throws INVALID_INPUT contest.fieldSize (not a positive integer), slate.salaryCap (below the
 *   cheapest lineup), slate.* / ownership[i].* (see ownershipTargets); CANCELLED.
 */
export function sampleField(input: FieldSampleInput, rng: RandomGenerator, ctx?: EngineRunContext): SampledField {
  const opts: FieldSampleOptions = { ...FIELD_DEFAULTS, ...input.options };
  const { slate, fieldSize } = input;
  if (!Number.isInteger(fieldSize) || fieldSize < 1) throw invalidInput('contest.fieldSize', 'must be a positive integer (opponent entries)', { got: fieldSize });
  const index = validateSlateBasics(slate);
  const R = slate.rosterSize;
  const cap = slate.salaryCap;
  const salaries = Float64Array.from(slate.players, (p) => p.salary);
  salaryBounds([...salaries], R, cap);
  const targets = ownershipTargets(input.ownership, index, R);
  const eligible = [...salaries].filter((_, i) => targets[i] > 0);
  let bounds;
  try {
    bounds = salaryBounds(eligible, R, cap);
  } catch {
    throw invalidInput('ownership', 'the drivers with positive ownership cannot form a lineup under the salary cap');
  }
  let impliedUsage = 0;
  for (let i = 0; i < targets.length; i++) impliedUsage += (targets[i] * salaries[i]) / cap;
  const meanShortfall = resolveMeanShortfall(opts.salaryUsage, impliedUsage);
  const floorOf = (u: number, shortfall: number): number => floorFromUniform(u, cap, bounds.maxFeasibleSalary, shortfall, opts.salaryUsage.maxShortfall);
  const sampler = new ConstrainedLineupSampler(salaries, R, cap);

  // Pilot and field use separate streams derived from `rng`, so changing the pilot size does
  // not shift the field's random numbers.
  const pilotRng = rng.clone().jump();
  const cal = opts.calibration;
  const floorUniforms = new Float64Array(cal.pilotSize);
  for (let p = 0; p < floorUniforms.length; p++) floorUniforms[p] = pilotRng.nextDouble();
  const uniforms = new Uint32Array(cal.pilotSize * R);
  for (let k = 0; k < uniforms.length; k++) uniforms[k] = pilotRng.nextUint32();
  const totalWork = cal.maxIterations * cal.pilotSize + fieldSize;
  const fit = calibrateWeights(
    { sampler, targets, rosterSize: R, cap, floorUniforms, floorOf, meanShortfall, impliedUsage, uniforms, ctx, onIteration: (it) => ctx?.progress({ phase: 'field', done: it * cal.pilotSize, total: totalWork }) },
    cal,
  );
  const doneBeforeField = fit.iterations * cal.pilotSize;
  const work = totalWork - (cal.maxIterations - fit.iterations) * cal.pilotSize;

  const loop = drawEntries({
    sampler,
    salaries,
    targets,
    weights: fit.weights,
    rosterSize: R,
    cap,
    fieldSize,
    theta: opts.duplication * fieldSize,
    floorOf: (u) => floorOf(u, fit.meanShortfall),
    feedbackInterval: opts.feedbackInterval,
    feedbackGain: opts.feedbackGain,
    rng,
    ctx,
    onProgress: (e) => ctx?.progress({ phase: 'field', done: doneBeforeField + e, total: work }),
  });
  ctx?.progress({ phase: 'field', done: work, total: work });
  const { lineups, counts, copied } = loop;
  return {
    rosterSize: R,
    entries: fieldSize,
    distinct: counts.length,
    lineups,
    counts,
    frequencies: frequencies(lineups, counts, R, salaries.length, fieldSize),
    targets,
    diagnostics: diagnostics(counts, fieldSize, copied, loop.salarySum / (fieldSize * cap), loop.above95 / fieldSize, fit.maxAbsError, fit.iterations),
  };
}

function frequencies(lineups: Uint16Array, counts: Uint32Array, R: number, n: number, entries: number): Float64Array {
  const f = new Float64Array(n);
  for (let d = 0; d < counts.length; d++) for (let r = 0; r < R; r++) f[lineups[d * R + r]] += counts[d];
  for (let i = 0; i < n; i++) f[i] /= entries;
  return f;
}

function diagnostics(counts: Uint32Array, entries: number, copied: number, usage: number, above95: number, calErr: number, calIt: number): FieldDiagnostics {
  let maxDup = 0;
  let dupEntries = 0;
  for (const c of counts) {
    if (c > maxDup) maxDup = c;
    if (c > 1) dupEntries += c;
  }
  return {
    copiedEntries: copied,
    maxDuplicates: maxDup,
    duplicatedShare: dupEntries / entries,
    meanSalaryUsage: usage,
    shareAbove95: above95,
    calibrationMaxAbsError: calErr,
    calibrationIterations: calIt,
  };
}
