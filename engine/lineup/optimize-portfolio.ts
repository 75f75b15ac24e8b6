/**
 * Engine III, item 2: portfolios of N lineups (1–150) by lazy greedy marginal gain over a
 * candidate pool, for submodular objectives (P(at least one lineup clears a bar), expected
 * prizes with our entries competing) or the projection baseline, under per-lineup rules,
 * progressive min/max exposures, min unique drivers between lineups. Each chosen lineup is
 * streamed (onLineup + ctx.progress) as soon as it is picked; every reported number is
 * re-scored on held-out scenarios.
 */
import type { OptimizedLineup, PortfolioConstraints, PortfolioObjective, PortfolioResult } from '../contract/lineup-types.js';
import { invalidInput } from '../contract/engine-error.js';
import { EngineError } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { unreachable } from '../contract/job-protocol.js';
import { addRanked, type CandidatePool, initialPool, POOL_DEFAULTS, poolSource, type PoolOptions } from './candidate-pool.js';
import { coverageLevels } from './coverage.js';
import { lineupMetrics } from './estimates.js';
import { exposurePlan } from './exposure-plan.js';
import { PortfolioGate } from './portfolio-gate.js';
import { splitScenarios } from './holdout.js';
import { COMMON_DEFAULTS, type CommonOptions, type LineupInput } from './inputs.js';
import { LazyGreedy } from './lazy-greedy.js';
import { countLegalLineups } from './legal-count.js';
import { describeLineup, driverMeans, scoresOf } from './lineup-scoring.js';
import { PayoutTable } from './payout-table.js';
import { CoverageState } from './portfolio-coverage.js';
import { MeanState } from './portfolio-mean.js';
import { PayoutState } from './portfolio-payout.js';
import type { PortfolioState } from './portfolio-state.js';
import { portfolioMetrics, portfolioScores } from './portfolio-metrics.js';
import { allColumns } from './pool-scores.js';
import { PreparedSlate } from './prepared-slate.js';
import { infeasible, resolveConstraints } from './resolve-constraints.js';
import { driverColumns } from './scenario-matrix.js';
import { validateLineupInput } from './validate-input.js';
import { requireFields } from './validate-objective.js';

/** Largest portfolio (DK/FD max entries per contest). */
export const MAX_PORTFOLIO_LINEUPS = 150;

export interface PortfolioStepInfo {
  /** 1-based position of the lineup in the portfolio. */
  readonly step: number;
  /** Increase of the portfolio objective on the selection scenarios (objective units). */
  readonly marginalGain: number;
  /** Portfolio objective on the selection scenarios after this lineup. */
  readonly selectionObjective: number;
}

export interface OptimizePortfolioOptions extends CommonOptions {
  /** Lineups to build, 1..150. @default 20 */
  readonly lineups: number;
  readonly constraints: PortfolioConstraints;
  readonly pool: Partial<PoolOptions>;
  /** Called as each lineup is chosen, in portfolio order (stream it). */
  readonly onLineup?: (lineup: OptimizedLineup, info: PortfolioStepInfo) => void;
}

export const OPTIMIZE_PORTFOLIO_DEFAULTS: OptimizePortfolioOptions = { ...COMMON_DEFAULTS, lineups: 20, constraints: {}, pool: {} };

export function optimizePortfolio(input: LineupInput, objective: PortfolioObjective, options: Partial<OptimizePortfolioOptions>, ctx: EngineRunContext): PortfolioResult {
  const opts = { ...OPTIMIZE_PORTFOLIO_DEFAULTS, ...options };
  const N = opts.lineups;
  if (!Number.isInteger(N) || N < 1 || N > MAX_PORTFOLIO_LINEUPS) throw invalidInput('options.lineups', `must be an integer in [1, ${MAX_PORTFOLIO_LINEUPS}]`, { got: N });
  const { n } = validateLineupInput(input, opts.strictSiteRules);
  const slate = input.slate;
  const R = slate.rosterSize;
  validatePortfolioObjective(objective, input);
  const c = opts.constraints;
  const rc = resolveConstraints(slate, c, input.ownership);
  const minUnique = c.minUnique ?? 1;
  if (!Number.isInteger(minUnique) || minUnique < 0 || minUnique > R) throw invalidInput('constraints.minUnique', `must be an integer in [0, ${R}]`, { got: minUnique });
  if (N > 1 && R - rc.locks.length < minUnique) throw infeasible('constraints.minUnique', `${rc.locks.length} locked drivers leave at most ${R - rc.locks.length} differing drivers < minUnique ${minUnique}`);
  const plan = exposurePlan(slate, c, rc, N);
  const { sel, evl } = splitScenarios(input, ctx.seed, opts.holdoutFraction, n);
  if (objective.kind === 'coverage') coverageLevels(objective.target, evl.scenarios, evl.field, 'objective.target'); // fail before work
  const means = driverMeans(sel.points, n);
  const prep = new PreparedSlate(slate, rc, means, input.ownership);
  const legalLineups = countLegalLineups(prep, ctx);
  if (minUnique >= 1 && legalLineups < N) throw infeasible('options.lineups', `only ${legalLineups} legal lineups exist, ${N} requested`);

  const dc = driverColumns(prep, sel.points, sel.scenarios);
  const poolOpts = { ...POOL_DEFAULTS, ...opts.pool };
  const src = poolSource(slate, rc, prep, dc, means, input.ownership, poolOpts.upsideAlpha);
  const pool = initialPool(src, prep, dc, plan.minCount, poolOpts, ctx);
  const cols = allColumns(sel.points, n);
  const S = sel.scenarios;
  const state = makeState(objective, pool, cols, S, sel.field, N);

  const gate = new PortfolioGate(pool, plan, n, minUnique);
  const greedy = new LazyGreedy({ initial: (cand) => state.initial[cand], tie: (cand) => state.means[cand], gain: (cand) => state.gain(cand), status: (cand, strict) => gate.status(cand, strict) });
  greedy.addCandidates(pool.size);
  // Refill the pool whenever caps block a new set of drivers (see candidate-pool.ts).
  const refilled = new Set<string>();
  const refill = (k: number, per: number, tag: string): boolean => {
    const blocked = gate.blocked(k);
    const key = `${blocked.join(',')}|${gate.must.join(',')}${tag}`;
    if (refilled.has(key) || (blocked.length === 0 && gate.must.length === 0 && tag === '')) return false;
    refilled.add(key);
    const from = pool.size;
    addRanked(pool, src, per, { excludes: blocked, locks: gate.must }, ctx);
    if (pool.size === from) return false;
    state.extend(from);
    greedy.addCandidates(pool.size);
    return true;
  };

  const evalTable = evl.field ? new PayoutTable(evl.field) : undefined;
  const lineups: OptimizedLineup[] = [];
  for (let k = 1; k <= N; k++) {
    gate.beginStep(k);
    if (gate.must.length > R) throw infeasible('constraints.exposures', `at lineup ${k} of ${N}, ${gate.must.length} drivers must all be included to reach their min exposures (roster ${R})`);
    refill(k, poolOpts.perRefill, '');
    let pick = greedy.next();
    if (!pick && refill(k, poolOpts.perRefill * 10, '!')) pick = greedy.next();
    if (!pick) {
      throw infeasible('constraints', `candidate pool (${pool.size} lineups) exhausted after ${k - 1} of ${N} lineups under minUnique ${minUnique} and the exposure caps; relax them or enlarge options.pool`, { built: k - 1, poolSize: pool.size });
    }
    const lineup = gate.commit(pick.candidate);
    const before = state.value();
    state.commit(pick.candidate);
    const heldOut = lineupMetrics(scoresOf(evl.points, n, lineup), { target: opts.reportTarget, table: evalTable });
    const out = describeLineup(slate, lineup, input.ownership, state.standalone(pick.candidate), heldOut);
    lineups.push(out);
    const selectionObjective = state.value();
    opts.onLineup?.(out, { step: k, marginalGain: selectionObjective - before, selectionObjective });
    ctx.progress({ phase: 'portfolio', done: k, total: N, metrics: { bestObjective: selectionObjective, lineups: k } });
    if (ctx.isCancelled()) throw new EngineError('CANCELLED', `optimize: cancelled after ${k} of ${N} lineups`);
  }

  const { count, chosen } = gate;
  const exposures = slate.players
    .map((p, i) => ({ driverId: p.driverId, count: count[i], fraction: count[i] / N }))
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count || a.driverId.localeCompare(b.driverId));
  return {
    objective,
    lineups,
    exposures,
    selection: portfolioMetrics(portfolioScores(sel, n, chosen), objective, opts.reportQuantile),
    heldOut: portfolioMetrics(portfolioScores(evl, n, chosen), objective, opts.reportQuantile),
    stats: { legalLineups, poolSize: pool.size, gainEvaluations: greedy.evaluations, selectionScenarios: sel.scenarios, heldOutScenarios: evl.scenarios },
  };
}

function validatePortfolioObjective(o: PortfolioObjective, input: LineupInput): void {
  switch (o?.kind) {
    case 'coverage':
      if (!o.target || typeof o.target !== 'object') throw invalidInput('objective.target', 'is required');
      coverageLevels(o.target, 1, input.selection.field, 'objective.target');
      if (o.target.kind !== 'score') requireFields(input, 'objective.target');
      return;
    case 'payout':
      requireFields(input, 'objective');
      return;
    case 'mean':
      return;
    default:
      throw invalidInput('objective.kind', 'must be one of coverage, payout, mean', { got: (o as { kind?: unknown })?.kind ?? null });
  }
}

function makeState(o: PortfolioObjective, pool: CandidatePool, cols: Float32Array, S: number, field: LineupInput['selection']['field'], N: number): PortfolioState {
  switch (o.kind) {
    case 'coverage':
      return new CoverageState(pool, cols, S, coverageLevels(o.target, S, field, 'objective.target'));
    case 'payout':
      if (!field) throw new Error('payout objective without a field'); // validated above
      return new PayoutState(pool, cols, S, new PayoutTable(field), N);
    case 'mean':
      return new MeanState(pool, cols, S);
    default:
      return unreachable(o);
  }
}
