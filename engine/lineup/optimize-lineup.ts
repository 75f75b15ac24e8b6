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
import { splitScenarios } from './holdout.js';
import { heuristicIncumbent, type IncumbentOptions } from './incumbent.js';
import { COMMON_DEFAULTS, type CommonOptions, type LineupInput } from './inputs.js';
import { CvarKernel } from './kernel-cvar.js';
import { PayoutKernel } from './kernel-payout.js';
import { ProbKernel } from './kernel-prob.js';
import type { ScenarioKernel } from './kernel.js';
import { countLegalLineups } from './legal-count.js';
import { describeLineup, driverMeans, scoresOf } from './lineup-scoring.js';
import { PayoutTable } from './payout-table.js';
import { PreparedSlate } from './prepared-slate.js';
import { resolveConstraints } from './resolve-constraints.js';
import { driverColumns } from './scenario-matrix.js';
import { scenarioSearch } from './scenario-search.js';
import { upsideValues } from './upside.js';
import { validateLineupInput } from './validate-input.js';
import { validateObjective } from './validate-objective.js';

export interface OptimizeLineupOptions extends CommonOptions {
  readonly constraints: LineupConstraints;
  /** Seed lineups per proxy (mean, upside) for the heuristic incumbent. @default 16 */
  readonly seedLineups: number;
  readonly incumbent: Partial<IncumbentOptions>;
}

export const OPTIMIZE_LINEUP_DEFAULTS: OptimizeLineupOptions = { ...COMMON_DEFAULTS, constraints: {}, seedLineups: 16, incumbent: {} };

export function optimizeLineup(input: LineupInput, objective: LineupObjective, options: Partial<OptimizeLineupOptions>, ctx: EngineRunContext): SingleLineupResult {
  const opts = { ...OPTIMIZE_LINEUP_DEFAULTS, ...options };
  const { n } = validateLineupInput(input, opts.strictSiteRules);
  validateObjective(objective, input);
  const rc = resolveConstraints(input.slate, opts.constraints, input.ownership);
  const { sel, evl } = splitScenarios(input, ctx.seed, opts.holdoutFraction, n);
  const means = driverMeans(sel.points, n);
  const prep = new PreparedSlate(input.slate, rc, means, input.ownership);
  const legalLineups = countLegalLineups(prep, ctx);

  const progress = (done: number, total: number, best: number, scored: number): void =>
    ctx.progress({ phase: 'enumerating', done, total, metrics: Number.isFinite(best) ? { bestObjective: best, lineups: scored } : { lineups: scored } });

  let positions: Int32Array;
  let value: number;
  let scored: number;
  let nodes: number;
  let scenarioTerms = 0;
  if (objective.kind === 'mean' || objective.kind === 'leverage') {
    const penalty = objective.kind === 'leverage' ? objective.ownershipPenalty : 0;
    const values = Float64Array.from(prep.free, (i, p) => means[i] - penalty * prep.own[p]);
    const lockedPart = Array.from(prep.locked).reduce((a, i) => a + means[i] - penalty * (input.ownership?.[i] ?? 0), 0);
    const top = additiveTopK(prep, values, 1, { ctx, onProgress: (d, t) => progress(d, t, Number.NaN, 0) });
    positions = top.lineups[0];
    value = top.values[0] + lockedPart;
    scored = top.scored;
    nodes = top.nodes;
  } else {
    const dc = driverColumns(prep, sel.points, sel.scenarios);
    const kernel = makeKernel(objective, sel.scenarios, sel.field ? new PayoutTable(sel.field) : undefined);
    const seeds = [
      ...additiveTopK(prep, Float64Array.from(prep.free, (i) => means[i]), opts.seedLineups).lineups,
      ...additiveTopK(prep, upsideValues(dc, prep.nFree, 0.05), opts.seedLineups).lineups,
    ];
    const incumbent = heuristicIncumbent(prep, dc, kernel, seeds, opts.incumbent) ?? undefined;
    const res = scenarioSearch(prep, dc, kernel, { ctx, incumbent, onProgress: progress });
    if (!res.positions) throw new Error('optimize: exact search ended without a lineup'); // impossible: legalLineups > 0
    positions = res.positions;
    value = res.value;
    scored = res.scored;
    nodes = res.nodes;
    scenarioTerms = res.scenarioTerms;
  }

  const indices = prep.toSlateIndices(positions);
  const totalOwnership = input.ownership ? indices.reduce((a, i) => a + (input.ownership?.[i] ?? 0), 0) : 0;
  const heldOut = lineupMetrics(scoresOf(evl.points, n, indices), {
    objective,
    totalOwnership,
    target: opts.reportTarget,
    table: evl.field ? new PayoutTable(evl.field) : undefined,
  });
  ctx.progress({ phase: 'enumerating', done: 1, total: 1, metrics: { bestObjective: value, lineups: scored } });
  return {
    objective,
    lineup: describeLineup(input.slate, indices, input.ownership, value, heldOut),
    stats: { legalLineups, scored, pruned: legalLineups - scored, nodes, scenarioTerms, selectionScenarios: sel.scenarios, heldOutScenarios: evl.scenarios },
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
