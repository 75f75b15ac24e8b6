/**
 * Contest simulation (issue 5, item 5): our lineups against a sampled opponent field, in every
 * scenario of a race-simulation ScenarioSet, with common random numbers (each scenario ranks all
 * our lineups against the same field under the same race outcome, so differences between our
 * lineups are not blurred by independent noise).
 *
 * Entry accounting: contest.fieldSize counts ALL entries. Our L entries are in the contest, and
 * compete with each other as well as with the field, so per-lineup payouts are portfolio-aware.
 * With a field spec, fieldSize - L opponents are sampled; with a pre-sampled field, its
 * `entries` are the opponents and entries + L may not exceed contest.fieldSize (an unfilled
 * contest still pays by rank). The field is fixed across scenarios: the result is conditional on
 * one plausible field, which is what one real contest is.
 */
import type { ContestSimResult, SampledField } from '../contract/contest-types.js';
import { invalidInput } from '../contract/engine-error.js';
import type { ContestSpec, ScenarioSet, SlateSpec } from '../contract/models.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { validateSlateBasics } from '../ownership/index.js';
import { substreams } from '../rng/index.js';
import { lineupMetrics, portfolioMetrics } from './contest-metrics.js';
import { validateContest } from './payouts.js';
import { encodePairs } from './rank-kernel.js';
import { defaultThreads, rankAllScenarios } from './rank-pool.js';
import { salaryBounds } from './salary-bounds.js';
import { sampleField } from './sample-field.js';
import type { FieldSampleOptions } from './sample-field.js';
import type { OwnershipTarget } from './ownership-targets.js';
import { slatePoints } from './slate-points.js';
import { validateLineups } from './validate-lineups.js';

/** Sample the field inside the simulation (from ctx.seed). */
export interface FieldSpec {
  readonly ownership: readonly OwnershipTarget[];
  readonly options?: Partial<FieldSampleOptions>;
}

export interface ContestSimInput {
  readonly slate: SlateSpec;
  readonly contest: ContestSpec;
  /** Our entries: each rosterSize distinct indices into slate.players. */
  readonly ourLineups: readonly (readonly number[])[];
  readonly field: SampledField | FieldSpec;
  /** Points per scenario and driver; dkPoints or fdPoints is used by slate.site. */
  readonly scenarios: ScenarioSet;
}

export interface ContestSimOptions {
  /** Threads ranking scenarios, the calling thread included (threads - 1 workers). Results do not depend on it. @default os.availableParallelism() */
  readonly threads: number;
  /** Scenarios per block (progress and cancellation granularity). @default 250 */
  readonly blockSize: number;
  /** Share of entries that counts as "top 1 %". @default 0.01 */
  readonly topShare: number;
}

export const CONTEST_SIM_DEFAULTS: ContestSimOptions = { threads: defaultThreads(), blockSize: 250, topShare: 0.01 };

/**
 * @throws INVALID_INPUT naming the field: contest.*, payouts[i].*, slate.*, ourLineups[i][j],
 *   field.entries, ownership[i].*, scenarios.*; CANCELLED between scenario blocks.
 */
export async function simulateContest(input: ContestSimInput, ctx: EngineRunContext, options: Partial<ContestSimOptions> = {}): Promise<ContestSimResult> {
  const opts: ContestSimOptions = { ...CONTEST_SIM_DEFAULTS, ...options };
  const { slate, contest } = input;
  const prizes = validateContest(contest);
  validateSlateBasics(slate);
  salaryBounds(slate.players.map((p) => p.salary), slate.rosterSize, slate.salaryCap);
  const ours = validateLineups(input.ourLineups, slate, contest.maxEntries);
  const L = input.ourLineups.length;
  const points = slatePoints(slate, input.scenarios, opts.threads > 1);
  const field = resolveField(input, L, ctx);
  const totalEntries = field.entries + L;
  const run = await rankAllScenarios(
    {
      n: slate.players.length,
      rosterSize: slate.rosterSize,
      points: points.milli,
      fieldPairs: encodePairs(field.lineups, slate.rosterSize, slate.players.length),
      pairsPerLineup: Math.ceil(slate.rosterSize / 2),
      counts: Int32Array.from(field.counts),
      ours,
      cum: prizes.cum,
    },
    points.scenarios,
    { threads: opts.threads, blockSize: opts.blockSize },
    ctx,
  );
  const metricInputs = {
    payouts: run.payouts,
    ranks: run.ranks,
    scenarios: points.scenarios,
    lineups: L,
    entryFee: contest.entryFee,
    top1Rank: Math.max(1, Math.floor(opts.topShare * totalEntries)),
  };
  return {
    lineups: input.ourLineups.map((_, l) => lineupMetrics(metricInputs, l)),
    portfolio: portfolioMetrics(metricInputs),
    scenarios: points.scenarios,
    totalEntries,
    field: { entries: field.entries, distinct: field.distinct, diagnostics: field.diagnostics },
  };
}

function resolveField(input: ContestSimInput, ourCount: number, ctx: EngineRunContext): SampledField {
  const { contest, slate } = input;
  if ('lineups' in input.field) {
    const f = input.field;
    if (f.rosterSize !== slate.rosterSize) throw invalidInput('field.rosterSize', `is ${f.rosterSize}, slate.rosterSize is ${slate.rosterSize}`);
    if (f.entries + ourCount > contest.fieldSize) {
      throw invalidInput('field.entries', `${f.entries} opponents + ${ourCount} of ours exceed contest.fieldSize (${contest.fieldSize})`);
    }
    for (let k = 0; k < f.lineups.length; k++) {
      if (f.lineups[k] >= slate.players.length) throw invalidInput('field.lineups', `player index ${f.lineups[k]} is not on the slate`);
    }
    return f;
  }
  const opponents = contest.fieldSize - ourCount;
  if (opponents < 1) throw invalidInput('ourLineups', `${ourCount} entries leave no room for opponents in contest.fieldSize ${contest.fieldSize}`);
  const rng = substreams(ctx.seed, 1)[0];
  return sampleField({ slate, ownership: input.field.ownership, fieldSize: opponents, options: input.field.options }, rng, ctx);
}
