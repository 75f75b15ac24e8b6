/**
 * Salary facts of a slate that the field sampler needs before it draws anything: the cheapest
 * legal lineup (if even that exceeds the cap, no lineup exists) and the most expensive lineup
 * that still fits (opponents' salary floors are clamped to it).
 */
import { invalidInput } from '../contract/engine-error.js';

export interface SalaryBounds {
  /** Σ of the rosterSize cheapest salaries. */
  readonly minLineupSalary: number;
  /** Largest lineup salary <= cap. */
  readonly maxFeasibleSalary: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Largest subset-of-size-k sum <= cap, exact by dynamic programming when salaries are integers. */
function maxSumAtMost(salaries: readonly number[], k: number, cap: number): number {
  const integral = salaries.every(Number.isInteger) && Number.isInteger(cap);
  if (!integral) {
    // Non-dollar salaries never occur on DK/FD; fall back to a bound rather than a huge table.
    const top = [...salaries].sort((a, b) => b - a).slice(0, k).reduce((s, x) => s + x, 0);
    return Math.min(cap, top);
  }
  const unit = salaries.reduce((g, s) => gcd(g, s), 0) || 1;
  const width = Math.floor(cap / unit) + 1;
  // reach[j*width + b]: some j salaries sum to exactly b units.
  const reach = new Uint8Array((k + 1) * width);
  reach[0] = 1;
  for (const s of salaries) {
    const u = s / unit;
    for (let j = k; j >= 1; j--) {
      const from = (j - 1) * width;
      const to = j * width;
      for (let b = width - 1; b >= u; b--) if (reach[from + b - u]) reach[to + b] = 1;
    }
  }
  for (let b = width - 1; b >= 0; b--) if (reach[k * width + b]) return b * unit;
  return -1;
}

/** @throws INVALID_INPUT 'slate.salaryCap' when the cheapest lineup does not fit under the cap. */
export function salaryBounds(salaries: readonly number[], rosterSize: number, cap: number): SalaryBounds {
  const cheapest = [...salaries].sort((a, b) => a - b).slice(0, rosterSize);
  const minLineupSalary = cheapest.reduce((s, x) => s + x, 0);
  if (minLineupSalary > cap) {
    throw invalidInput('slate.salaryCap', `is below the cheapest legal lineup (${minLineupSalary}); no lineup of ${rosterSize} drivers fits`, {
      salaryCap: cap,
      minLineupSalary,
    });
  }
  return { minLineupSalary, maxFeasibleSalary: maxSumAtMost(salaries, rosterSize, cap) };
}
