/**
 * `optimize`: the exact best lineup (lineups = 1) or a greedy portfolio (lineups > 1) on the
 * simulation's scenarios, with metrics re-scored on held-out scenarios (engine/lineup). The
 * payout objective prices lineups against a field sampled from the ownership projection.
 */
import type { LineupObjective } from '../contract/lineup-types.js';
import type { OptimizeInputs } from '../contract/job-inputs.js';
import { invalidInput } from '../contract/engine-error.js';
import type { SlateSpec } from '../contract/models.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { sampleField } from '../contest/index.js';
import { fieldScoreTableOn } from './field-table.js';
import { alignScenarioColumns, optimizeLineupParallel, optimizePortfolio, sharedExactPool, toUploadCsv } from '../lineup/index.js';
import { createRng } from '../rng/index.js';
import type { JobEnv, JobOutput } from './registry-types.js';

/** Threads of one exact search: the deployment target has 2 cores (as the MCMC chain pool). */
const SEARCH_THREADS = 2;

function lineupObjective(spec: Record<string, unknown>): LineupObjective {
  switch (spec.objective) {
    case 'cvar':
      return { kind: 'cvar', levels: [{ alpha: Number(spec.alpha ?? 0.01), weight: 1 }] };
    case 'probTarget':
      if (spec.target === undefined) throw invalidInput('spec.target', 'is required for the probTarget objective');
      return { kind: 'probAtLeast', target: Number(spec.target) };
    case 'leverage':
      return { kind: 'leverage', ownershipPenalty: Number(spec.leverageWeight ?? 1) };
    case 'payout':
      return { kind: 'payout' };
    default:
      return { kind: 'mean' };
  }
}

export async function runOptimizeJob(spec: Record<string, unknown>, inputs: OptimizeInputs, ctx: EngineRunContext, env: JobEnv): Promise<JobOutput> {
  const { slate, simulation, ownership, contest } = inputs;
  const slateSpec: SlateSpec = { site: slate.site, salaryCap: slate.salaryCap, rosterSize: slate.rosterSize, players: slate.players };
  // Columns in slate.players order (the scenario set has its own driver order).
  const points = alignScenarioColumns(simulation.set, slateSpec);
  const own = ownership ? Float64Array.from(slate.players.map((p) => (ownership.drivers.find((d) => d.driverId === p.driverId)?.meanPct ?? 0) / 100)) : undefined;
  if ((spec.objective === 'leverage' || (spec.constraints as Record<string, unknown> | undefined)?.maxTotalOwnership) && !own) throw invalidInput('spec.ownershipJobId', 'is required for leverage or ownership constraints');
  let field;
  const n = Number(spec.lineups ?? 1);
  // A field is needed for the payout objective, and lets portfolios target the field's 99th percentile.
  if (spec.objective === 'payout' || (n > 1 && contest && ownership)) {
    if (!contest || !ownership) throw invalidInput('spec.contestId', 'the payout objective needs a contest and an ownership projection');
    const sampled = sampleField({ slate: slateSpec, ownership: ownership.drivers.map((d) => ({ driverId: d.driverId, meanPct: d.meanPct })), fieldSize: contest.fieldSize - 1 }, createRng(ctx.seed ^ 0x5f1e1d), ctx);
    field = await fieldScoreTableOn(env.kernels, { slate: slateSpec, contest, field: sampled, scenarios: simulation.set }, ctx);
  }
  const input = { slate: slateSpec, selection: { points, ...(field ? { field } : {}) }, ...(own ? { ownership: own } : {}) };
  const common = { ...(spec.holdoutShare ? { holdoutFraction: Number(spec.holdoutShare) } : {}), ...(spec.target !== undefined ? { reportTarget: Number(spec.target) } : {}) };
  const constraints = (spec.constraints as Record<string, unknown> | undefined) ?? {};
  const names = new Map(slate.players.map((p) => [p.driverId, p.name]));
  if (n === 1) {
    // The payout search is split over this thread's 2 search workers (same answer; see optimizeLineupParallel).
    const r = await optimizeLineupParallel(input, lineupObjective(spec), { ...common, constraints }, ctx, sharedExactPool(SEARCH_THREADS));
    const lineups = [{ ...r.lineup, names: r.lineup.driverIds.map((d) => names.get(d) ?? d) }];
    const uploadCsv = toUploadCsv(slate.site, [r.lineup], slateSpec);
    return { summary: { site: slate.site, lineups: 1, best: { driverIds: r.lineup.driverIds, salary: r.lineup.salary, heldOutMean: r.lineup.heldOut.mean }, stats: r.stats }, result: { slateId: slate.slateId, site: slate.site, lineups, stats: r.stats, objective: r.objective, uploadCsv } };
  }
  // Portfolios: payout, mean, or (other objectives) coverage — P(some lineup beats the field's
  // 99th percentile) with a field, else P(some lineup reaches spec.target or the best mean + 20 %).
  const objective =
    spec.objective === 'payout'
      ? ({ kind: 'payout' } as const)
      : spec.objective === 'mean'
        ? ({ kind: 'mean' } as const)
        : field
          ? ({ kind: 'coverage', target: { kind: 'fieldQuantile', quantile: 0.99 } } as const)
          : ({ kind: 'coverage', target: { kind: 'score', value: Number(spec.target ?? 300) } } as const);
  const r = optimizePortfolio(input, objective, { ...common, lineups: n, constraints }, ctx);
  const lineups = r.lineups.map((l) => ({ ...l, names: l.driverIds.map((d) => names.get(d) ?? d) }));
  const uploadCsv = toUploadCsv(slate.site, r.lineups, slateSpec);
  return {
    summary: { site: slate.site, lineups: lineups.length, heldOut: r.heldOut, exposures: r.exposures.slice(0, 10), stats: r.stats },
    result: { slateId: slate.slateId, site: slate.site, lineups, exposures: r.exposures, selection: r.selection, heldOut: r.heldOut, stats: r.stats, objective: r.objective, uploadCsv },
  };
}
