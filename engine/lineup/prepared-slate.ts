/**
 * The search's view of a slate: locked drivers pre-placed, excluded drivers gone, the free
 * drivers ordered by salary (descending, ties by mean points then slate index) and every rule
 * turned into O(1) "can this partial lineup still be completed?" tests over suffix tables.
 *
 * Why salary order: the remaining budget then limits the NEXT picks to a suffix of positions
 * (everything cheaper than some salary), which both prunes infeasible branches early and makes
 * the optimistic completion bounds tight (a partial lineup that spent most of the cap can only
 * be completed by cheap drivers). Tests at interior nodes are necessary conditions (each rule
 * on its own); at a full lineup (r = 0) they are exact.
 */
import type { ResolvedConstraints } from './resolve-constraints.js';
import type { SlateSpec } from '../contract/models.js';

export interface PreparedGroup {
  /** 1 when the free driver at this position is a member. */
  readonly member: Uint8Array;
  /** Bounds on free members (locked members already subtracted). */
  readonly atLeast: number;
  readonly atMost: number;
}

const EPS = 1e-9;

export class PreparedSlate {
  readonly n: number;
  readonly rosterSize: number;
  /** Free drivers: position → slate index. */
  readonly free: Int32Array;
  readonly nFree: number;
  /** Slots left after locks. */
  readonly rFree: number;
  readonly locked: Int32Array;
  readonly salary: Float64Array;
  readonly own: Float64Array;
  readonly low: Uint8Array;
  readonly budget: number;
  readonly salaryFloor: number;
  readonly ownLeft: number;
  readonly lowNeed: number;
  readonly groups: readonly PreparedGroup[];
  private readonly w: number;
  private readonly sufMinSal: Float64Array;
  private readonly sufMaxSal: Float64Array;
  private readonly sufMinOwn: Float64Array;
  private readonly sufLow: Int32Array;
  private readonly sufGroup: readonly Int32Array[];

  constructor(slate: SlateSpec, rc: ResolvedConstraints, means: Float64Array, ownership?: Float64Array) {
    this.n = slate.players.length;
    this.rosterSize = slate.rosterSize;
    this.locked = Int32Array.from(rc.locks);
    const isLocked = new Uint8Array(this.n);
    rc.locks.forEach((i) => (isLocked[i] = 1));
    const sal = (i: number): number => slate.players[i].salary;
    const freeList = [...Array(this.n).keys()].filter((i) => !isLocked[i] && !rc.excluded[i]);
    freeList.sort((a, b) => sal(b) - sal(a) || means[b] - means[a] || a - b);
    this.free = Int32Array.from(freeList);
    this.nFree = freeList.length;
    this.rFree = this.rosterSize - rc.locks.length;
    const ownOf = (i: number): number => (ownership ? ownership[i] : 0);
    this.salary = Float64Array.from(freeList, sal);
    this.own = Float64Array.from(freeList, ownOf);
    this.low = Uint8Array.from(freeList, (i) => (ownOf(i) <= rc.lowMaxOwnership ? 1 : 0));
    const lockedSal = rc.locks.reduce((a, i) => a + sal(i), 0);
    this.budget = slate.salaryCap - lockedSal;
    this.salaryFloor = rc.minSalary - lockedSal;
    this.ownLeft = rc.maxTotalOwnership - rc.locks.reduce((a, i) => a + ownOf(i), 0);
    this.lowNeed = rc.lowMinCount - rc.locks.filter((i) => ownOf(i) <= rc.lowMaxOwnership).length;
    const posOf = new Int32Array(this.n).fill(-1);
    freeList.forEach((i, p) => (posOf[i] = p));
    this.groups = rc.groups.map((g) => {
      const member = new Uint8Array(this.nFree);
      let lockedIn = 0;
      for (const i of g.members) {
        if (posOf[i] >= 0) member[posOf[i]] = 1;
        else if (isLocked[i]) lockedIn++;
      }
      return { member, atLeast: g.atLeast - lockedIn, atMost: g.atMost - lockedIn };
    });
    this.w = this.rFree + 1;
    this.sufMinSal = this.suffixSums(this.salary, true);
    this.sufMaxSal = this.suffixSums(this.salary, false);
    this.sufMinOwn = this.suffixSums(this.own, true);
    this.sufLow = this.suffixCount(this.low);
    this.sufGroup = this.groups.map((g) => this.suffixCount(g.member));
  }

  /**
   * Can a partial lineup (salary `sal`, ownership `own`, `low` low-owned drivers, group member
   * counts gc[gOff + g]) be completed with exactly r more drivers from positions >= p?
   */
  canComplete(p: number, r: number, sal: number, own: number, low: number, gc: Int32Array, gOff: number): boolean {
    if (r > this.nFree - p) return false;
    const k = p * this.w + r;
    if (sal + this.sufMinSal[k] > this.budget + EPS) return false;
    if (sal + this.sufMaxSal[k] < this.salaryFloor - EPS) return false;
    if (own + this.sufMinOwn[k] > this.ownLeft + EPS) return false;
    if (low + Math.min(r, this.sufLow[p]) < this.lowNeed) return false;
    for (let g = 0; g < this.groups.length; g++) {
      const c = gc[gOff + g];
      if (c > this.groups[g].atMost || c + Math.min(r, this.sufGroup[g][p]) < this.groups[g].atLeast) return false;
    }
    return true;
  }

  /**
   * First position any driver of a budget-feasible r-driver completion from positions >= p can
   * occupy. Sound: a completion member d costs at most budget − sal − (cheapest r−1 others), and
   * salaries descend with position, so all members lie at or after the returned position.
   */
  completionStart(p: number, r: number, sal: number): number {
    if (r <= 0) return this.nFree;
    const maxAllowed = this.budget - sal - this.sufMinSal[p * this.w + r - 1] + EPS;
    let lo = p;
    let hi = this.nFree;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.salary[mid] <= maxAllowed) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Exact legality of a full lineup given its rFree free positions (any order, distinct). */
  isLegal(positions: ArrayLike<number>): boolean {
    let sal = 0;
    let own = 0;
    let low = 0;
    const gc = new Int32Array(Math.max(this.groups.length, 1));
    for (let d = 0; d < this.rFree; d++) {
      const p = positions[d];
      sal += this.salary[p];
      own += this.own[p];
      low += this.low[p];
      for (let g = 0; g < this.groups.length; g++) gc[g] += this.groups[g].member[p];
    }
    return this.canComplete(this.nFree, 0, sal, own, low, gc, 0);
  }

  /** Slate indices of a lineup given free positions (locked drivers first). */
  toSlateIndices(positions: ArrayLike<number>, r = positions.length): number[] {
    const out = Array.from(this.locked);
    for (let d = 0; d < r; d++) out.push(this.free[positions[d]]);
    return out;
  }

  /** table[p*w + r]: min (or max) sum of r values among positions >= p (Infinity when fewer than r). */
  private suffixSums(v: Float64Array, min: boolean): Float64Array {
    const t = new Float64Array((this.nFree + 1) * this.w);
    for (let p = 0; p <= this.nFree; p++) {
      const sorted = Array.from(v.subarray(p)).sort((a, b) => (min ? a - b : b - a));
      let acc = 0;
      for (let r = 0; r <= this.rFree; r++) {
        if (r > 0) acc = r <= sorted.length ? acc + sorted[r - 1] : min ? Infinity : -Infinity;
        t[p * this.w + r] = acc;
      }
    }
    return t;
  }

  private suffixCount(flag: Uint8Array): Int32Array {
    const t = new Int32Array(this.nFree + 1);
    for (let p = this.nFree - 1; p >= 0; p--) t[p] = t[p + 1] + flag[p];
    return t;
  }
}
