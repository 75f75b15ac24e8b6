/**
 * From utilities to ownership fractions, with the two identities of a DFS field enforced by
 * construction rather than hoped for:
 *   1. Σ_i own_i = rosterSize (every entry rosters exactly rosterSize drivers; 6 → 600 %),
 *      with 0 <= own_i <= 1 (a driver cannot be in more than every lineup);
 *   2. Σ_i own_i * salary_i = mean lineup salary of the field <= cap. A chalk model that ignores
 *      this can demand ownerships no field under the cap could produce (all the expensive stars
 *      at 60 %), and the field sampler would then be unable to match them.
 * (1) is a capped softmax (water-filling); (2) is an exponential tilt exp(-λ·salary) whose λ is
 * found by bisection (the tilted mean salary is monotone in λ). Drivers with fixed (overridden)
 * ownership are excluded and their share of both totals is removed first.
 */

/** λ search range, in logits per average roster-slot salary (cap / rosterSize). */
const MAX_TILT = 30;
const TILT_BISECTION_STEPS = 40; // λ to ~1e-10 over [-30, 30]

/**
 * Capped softmax: out_i = min(1, c * exp(u_i)) over active drivers with Σ out = total.
 * Inactive drivers (active[i] === 0) are left untouched. Requires total <= #active.
 */
export function cappedSoftmax(u: Float64Array, active: Uint8Array, total: number, out: Float64Array, order: number[]): void {
  order.length = 0;
  let umax = -Infinity;
  for (let i = 0; i < u.length; i++) {
    if (active[i]) {
      order.push(i);
      if (u[i] > umax) umax = u[i];
    }
  }
  order.sort((a, b) => u[b] - u[a]);
  let rest = 0;
  for (const i of order) rest += Math.exp(u[i] - umax);
  let k = 0;
  // Cap the largest while the common scale would push them past 1 (water-filling).
  for (; k < order.length; k++) {
    const e = Math.exp(u[order[k]] - umax);
    if (((total - k) / rest) * e <= 1) break;
    rest -= e;
  }
  const c = rest > 0 ? Math.max(0, total - k) / rest : 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    out[i] = j < k ? 1 : c * Math.exp(u[i] - umax);
  }
}

export interface AllocationInput {
  /** Utilities per slate player. */
  readonly utility: Float64Array;
  readonly salaries: Float64Array;
  /** Fixed fraction per player, NaN where free. */
  readonly fixed: Float64Array;
  readonly rosterSize: number;
  /** Target Σ own_i * salary_i over ALL players (fixed included), dollars. */
  readonly targetSalary: number;
  /** Average roster-slot salary (cap / rosterSize), scales the tilt. */
  readonly slotSalary: number;
}

/** Ownership fractions (0..1) per player; Σ = rosterSize exactly up to rounding. */
export function allocateOwnership(input: AllocationInput, out: Float64Array = new Float64Array(input.utility.length)): Float64Array {
  const { utility, salaries, fixed, rosterSize, slotSalary } = input;
  const n = utility.length;
  const active = new Uint8Array(n);
  let total = rosterSize;
  let targetSalary = input.targetSalary;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(fixed[i])) active[i] = 1;
    else {
      out[i] = fixed[i];
      total -= fixed[i];
      targetSalary -= fixed[i] * salaries[i];
    }
  }
  const tilted = new Float64Array(n);
  const order: number[] = [];
  const meanSalaryAt = (lambda: number): number => {
    for (let i = 0; i < n; i++) tilted[i] = utility[i] - (lambda * salaries[i]) / slotSalary;
    cappedSoftmax(tilted, active, total, out, order);
    let s = 0;
    for (let i = 0; i < n; i++) if (active[i]) s += out[i] * salaries[i];
    return s;
  };
  // Bisection on the monotone (decreasing) salary curve; an unreachable target clamps to the end.
  let lo = -MAX_TILT;
  let hi = MAX_TILT;
  if (meanSalaryAt(lo) <= targetSalary) hi = lo;
  else if (meanSalaryAt(hi) >= targetSalary) lo = hi;
  else {
    for (let step = 0; step < TILT_BISECTION_STEPS; step++) {
      const mid = 0.5 * (lo + hi);
      if (meanSalaryAt(mid) > targetSalary) lo = mid;
      else hi = mid;
    }
  }
  meanSalaryAt(0.5 * (lo + hi));
  return out;
}
