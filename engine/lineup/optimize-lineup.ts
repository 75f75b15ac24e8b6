/**
 * Engine III, item 1: the single best lineup, EXACT over all legal lineups, for each objective
 * on the same simulated scenarios, then re-scored on held-out scenarios.
 *   mean, leverage          → additive branch and bound (additive-search.ts)
 *   cvar, probAtLeast, payout → scenario branch and bound with sound bounds (scenario-search.ts)
 * Every input and rule is checked before the search starts (typed INVALID_INPUT / INFEASIBLE).
 */
import type { LineupConstraints, LineupObjective, SingleLineupResult } from '../contract/lineup-types.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { unreachable } from '../contract/job-protocol.js';
import { additiveTopK } from './additive-search.js';
import { lineupMetrics } from './estimates.js';
import { splitScenarios, type ScenarioBlock } from './holdout.js';
import { heuristicIncumbent, type IncumbentOptions } from './incumbent.js';
import { COMMON_DEFAULTS, type CommonOptions, type LineupInput } from './inputs.js';
import { CvarKernel } from './kernel-cvar.js';
import { PayoutKernel } from './kernel-payout.js';
import { ProbKernel } from './kernel-prob.js';
import { tolerance, type ScenarioKernel } from './kernel.js';
import { countLegalLineups } from './legal-count.js';
import { describeLineup, driverMeans, scoresOf } from './lineup-scoring.js';
import { PayoutTable } from './payout-table.js';
import { PreparedSlate } from './prepared-slate.js';
import { resolveConstraints } from './resolve-constraints.js';
import { driverColumns, lineupScores, type DriverColumns } from './scenario-matrix.js';
import { scenarioSearch } from './scenario-search.js';
import { upsideValues } from './upside.js';
import { validateLineupInput } from './validate-input.js';
import { validateObjective } from './validate-objective.js';
import type { ExactSearchPool, ExactSearchRequest, ExactShareResult } from './exact-pool.js';

export interface OptimizeLineupOptions extends CommonOptions {
  readonly constraints: LineupConstraints;
  /** Seed lineups per proxy (mean, upside) for the heuristic incumbent. @default 16 */
  readonly seedLineups: number;
  readonly incumbent: Partial<IncumbentOptions>;
}

export const OPTIMIZE_LINEUP_DEFAULTS: OptimizeLineupOptions = { ...COMMON_DEFAULTS, constraints: {}, seedLineups: 16, incumbent: {} };

/** Everything the search needs, built from the input the same way on every thread. */
export interface ExactSetup {
  readonly opts: OptimizeLineupOptions;
  readonly n: number;
  readonly prep: PreparedSlate;
  readonly sel: ScenarioBlock;
  readonly evl: ScenarioBlock;
  readonly means: Float64Array;
}

/** Validation (typed errors before any work), hold-out split and the prepared slate. */
export function setupExact(input: LineupInput, objective: LineupObjective, options: Partial<OptimizeLineupOptions>, seed: number): ExactSetup {
  const opts = { ...OPTIMIZE_LINEUP_DEFAULTS, ...options };
  const { n } = validateLineupInput(input, opts.strictSiteRules);
  validateObjective(objective, input);
  const rc = resolveConstraints(input.slate, opts.constraints, input.ownership);
  const { sel, evl } = splitScenarios(input, seed, opts.holdoutFraction, n);
  const means = driverMeans(sel.points, n);
  return { opts, n, prep: new PreparedSlate(input.slate, rc, means, input.ownership), sel, evl, means };
}

/** The scenario objective's columns and kernel (cvar, probAtLeast, payout). */
export function scenarioKernel(setup: ExactSetup, objective: LineupObjective): { dc: DriverColumns; kernel: ScenarioKernel } {
  const { sel, prep } = setup;
  const dc = driverColumns(prep, sel.points, sel.scenarios);
  return { dc, kernel: makeKernel(objective, sel.scenarios, sel.field ? new PayoutTable(sel.field) : undefined) };
}

/** Heuristic incumbent for a scenario objective (offered to `kernel`). */
function incumbentFor(setup: ExactSetup, dc: DriverColumns, kernel: ScenarioKernel): Int32Array | undefined {
  const { prep, means, opts } = setup;
  const seeds = [
    ...additiveTopK(prep, Float64Array.from(prep.free, (i) => means[i]), opts.seedLineups).lineups,
    ...additiveTopK(prep, upsideValues(dc, prep.nFree, 0.05), opts.seedLineups).lineups,
  ];
  return heuristicIncumbent(prep, dc, kernel, seeds, opts.incumbent) ?? undefined;
}

type Found = { positions: Int32Array; value: number; scored: number; nodes: number; scenarioTerms: number };

export function optimizeLineup(input: LineupInput, objective: LineupObjective, options: Partial<OptimizeLineupOptions>, ctx: EngineRunContext): SingleLineupResult {
  const setup = setupExact(input, objective, options, ctx.seed);
  const legalLineups = countLegalLineups(setup.prep, ctx);
  let found: Found;
  if (objective.kind === 'mean' || objective.kind === 'leverage') found = additiveBest(setup, input, objective, ctx);
  else {
    const { dc, kernel } = scenarioKernel(setup, objective);
    const incumbent = incumbentFor(setup, dc, kernel);
    const res = scenarioSearch(setup.prep, dc, kernel, { ctx, incumbent, onProgress: progressOf(ctx) });
    if (!res.positions) throw new Error('optimize: exact search ended without a lineup'); // impossible: legalLineups > 0
    found = { positions: res.positions, value: res.value, scored: res.scored, nodes: res.nodes, scenarioTerms: res.scenarioTerms };
  }
  return finish(setup, input, objective, found, legalLineups, ctx);
}

/**
 * The same exact answer with the scenario search split over the threads of `pool` (each takes
 * every W-th second pick; each starts from the same heuristic incumbent). The merge keeps the
 * best value, ties to the lower share, so the lineup depends on the seed and the thread count
 * only — never on timing. Only the payout objective is split: each share rebuilds its search
 * (~0.3-0.4 s at 10,000 scenarios), which costs more than it saves on the additive, CVaR and
 * probability searches (0.02-1 s on one thread; bench/lineup.ts), not on payout (~5 s).
 */
export async function optimizeLineupParallel(input: LineupInput, objective: LineupObjective, options: Partial<OptimizeLineupOptions>, ctx: EngineRunContext, pool: ExactSearchPool, splitKinds: readonly LineupObjective['kind'][] = ['payout']): Promise<SingleLineupResult> {
  if (objective.kind === 'mean' || objective.kind === 'leverage' || pool.size < 2 || !splitKinds.includes(objective.kind)) return optimizeLineup(input, objective, options, ctx);
  const setup = setupExact(input, objective, options, ctx.seed);
  const legalLineups = countLegalLineups(setup.prep, ctx);
  const { dc, kernel } = scenarioKernel(setup, objective);
  const incumbent = incumbentFor(setup, dc, kernel);
  const shares = await pool.search({ input, objective, options, seed: ctx.seed, ...(incumbent ? { incumbent } : {}) }, ctx, progressOf(ctx));
  let found: Found | null = null;
  let scored = 0;
  let nodes = 0;
  let terms = 0;
  for (const sh of shares) {
    scored += sh.scored;
    nodes += sh.nodes;
    terms += sh.scenarioTerms;
    if (sh.positions && (!found || sh.value > found.value + tolerance(found.value))) found = { positions: sh.positions, value: sh.value, scored: 0, nodes: 0, scenarioTerms: 0 };
  }
  if (!found) throw new Error('optimize: exact search ended without a lineup'); // every share starts from the incumbent
  return finish(setup, input, objective, { ...found, scored, nodes, scenarioTerms: terms }, legalLineups, ctx);
}

/** One thread's share of the scenario search (exact-worker.ts runs this). */
export function searchShare(req: ExactSearchRequest, partition: { index: number; count: number }, ctx: EngineRunContext, onProgress?: (done: number, total: number, best: number, scored: number) => void): ExactShareResult {
  const setup = setupExact(req.input, req.objective, req.options, req.seed);
  const { dc, kernel } = scenarioKernel(setup, req.objective);
  if (req.incumbent) kernel.offer(lineupScores(dc, req.incumbent, setup.prep.rFree));
  const res = scenarioSearch(setup.prep, dc, kernel, { ctx, ...(req.incumbent ? { incumbent: req.incumbent } : {}), partition, ...(onProgress ? { onProgress } : {}) });
  return { positions: res.positions, value: res.value, scored: res.scored, nodes: res.nodes, scenarioTerms: res.scenarioTerms };
}

function progressOf(ctx: EngineRunContext) {
  return (done: number, total: number, best: number, scored: number): void =>
    ctx.progress({ phase: 'enumerating', done, total, metrics: Number.isFinite(best) ? { bestObjective: best, lineups: scored } : { lineups: scored } });
}

function additiveBest(setup: ExactSetup, input: LineupInput, objective: Extract<LineupObjective, { kind: 'mean' | 'leverage' }>, ctx: EngineRunContext): Found {
  const { prep, means } = setup;
  const penalty = objective.kind === 'leverage' ? objective.ownershipPenalty : 0;
  const values = Float64Array.from(prep.free, (i, p) => means[i] - penalty * prep.own[p]);
  const lockedPart = Array.from(prep.locked).reduce((a, i) => a + means[i] - penalty * (input.ownership?.[i] ?? 0), 0);
  const progress = progressOf(ctx);
  const top = additiveTopK(prep, values, 1, { ctx, onProgress: (d, t) => progress(d, t, Number.NaN, 0) });
  return { positions: top.lineups[0], value: top.values[0] + lockedPart, scored: top.scored, nodes: top.nodes, scenarioTerms: 0 };
}

function finish(setup: ExactSetup, input: LineupInput, objective: LineupObjective, found: Found, legalLineups: number, ctx: EngineRunContext): SingleLineupResult {
  const { prep, n, evl, sel, opts } = setup;
  const indices = prep.toSlateIndices(found.positions);
  const totalOwnership = input.ownership ? indices.reduce((a, i) => a + (input.ownership?.[i] ?? 0), 0) : 0;
  const heldOut = lineupMetrics(scoresOf(evl.points, n, indices), {
    objective,
    totalOwnership,
    target: opts.reportTarget,
    table: evl.field ? new PayoutTable(evl.field) : undefined,
  });
  ctx.progress({ phase: 'enumerating', done: 1, total: 1, metrics: { bestObjective: found.value, lineups: found.scored } });
  return {
    objective,
    lineup: describeLineup(input.slate, indices, input.ownership, found.value, heldOut),
    stats: { legalLineups, scored: found.scored, pruned: legalLineups - found.scored, nodes: found.nodes, scenarioTerms: found.scenarioTerms, selectionScenarios: sel.scenarios, heldOutScenarios: evl.scenarios },
  };
}

function makeKernel(o: LineupObjective, S: number, table?: PayoutTable): ScenarioKernel {
  switch (o.kind) {
    case 'cvar':
      return new CvarKernel(o.levels, S);
    case 'probAtLeast':
      return new ProbKernel(o.target, S);
    case 'payout':
      if (!table) throw new Error('payout objective without a field'); // validateObjective guarantees one
      return new PayoutKernel(table, S);
    case 'mean':
    case 'leverage':
      throw new Error(`${o.kind} is additive`);
    default:
      return unreachable(o);
  }
}
