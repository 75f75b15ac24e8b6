/**
 * Count of legal lineups (for search statistics) — and the up-front feasibility proof: zero
 * legal lineups means the rules contradict each other in a way the pairwise checks of
 * resolveConstraints could not see, reported as INFEASIBLE before any scoring starts.
 *
 * Fast path: when only salary rules apply (no groups, ownership or low-owned rules) the count
 * is a small dynamic program over salaries instead of a walk over millions of lineups.
 */
import type { EngineRunContext } from '../contract/run-context.js';
import type { PreparedSlate } from './prepared-slate.js';
import { infeasible } from './resolve-constraints.js';
import { Walker } from './walk.js';

export function countLegalLineups(prep: PreparedSlate, ctx?: EngineRunContext): number {
  const salaryOnly = prep.groups.length === 0 && !Number.isFinite(prep.ownLeft) && prep.lowNeed <= 0;
  const count = (salaryOnly ? countSalaryOnly(prep) : null) ?? countByWalking(prep, ctx);
  if (count === 0) {
    throw infeasible('constraints', 'no lineup satisfies the salary cap, salary floor, locks, excludes, groups and ownership rules together');
  }
  return count;
}

function countByWalking(prep: PreparedSlate, ctx?: EngineRunContext): number {
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
  return count;
}

/**
 * Subsets of rFree free drivers with floor <= Σ salary <= budget, by dynamic programming over
 * (drivers, picks, salary in units of the salaries' gcd): O(nFree · rFree · budget/gcd).
 * Returns null when salaries are not integers or the table would be too large.
 */
function countSalaryOnly(prep: PreparedSlate): number | null {
  const { salary, nFree, rFree, budget, salaryFloor } = prep;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let unit = 0;
  for (let p = 0; p < nFree; p++) {
    if (!Number.isInteger(salary[p])) return null;
    unit = gcd(unit, salary[p]);
  }
  if (unit === 0) unit = 1;
  const maxC = Math.floor(budget / unit);
  if (maxC < 0) return 0;
  if ((maxC + 1) * (rFree + 1) > 5_000_000) return null;
  const W = maxC + 1;
  const ways = new Float64Array((rFree + 1) * W);
  ways[0] = 1;
  for (let p = 0; p < nFree; p++) {
    const c0 = salary[p] / unit;
    for (let k = Math.min(rFree, p + 1); k >= 1; k--) {
      const to = k * W;
      const from = (k - 1) * W;
      for (let c = maxC; c >= c0; c--) ways[to + c] += ways[from + c - c0];
    }
  }
  const minC = Math.max(0, Math.ceil(salaryFloor / unit - 1e-9));
  let count = 0;
  for (let c = minC; c <= maxC; c++) count += ways[rFree * W + c];
  return count;
}
