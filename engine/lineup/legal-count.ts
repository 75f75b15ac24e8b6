/**
 * Count of legal lineups (for search statistics) — and the up-front feasibility proof: zero
 * legal lineups means the rules contradict each other in a way the pairwise checks of
 * resolveConstraints could not see, reported as INFEASIBLE before any scoring starts.
 */
import type { EngineRunContext } from '../contract/run-context.js';
import type { PreparedSlate } from './prepared-slate.js';
import { infeasible } from './resolve-constraints.js';
import { Walker } from './walk.js';

export function countLegalLineups(prep: PreparedSlate, ctx?: EngineRunContext): number {
  let count = 0;
  const walker = new Walker(
    prep,
    {
      visit(_d: number, _j: number, r: number): boolean {
        if (r === 0) count++;
        return true;
      },
    },
    { ctx },
  );
  walker.run();
  if (count === 0) {
    throw infeasible('constraints', 'no lineup satisfies the salary cap, salary floor, locks, excludes, groups and ownership rules together');
  }
  return count;
}
