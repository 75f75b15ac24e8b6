/**
 * Expected-payout objective: the change in Σ prizes of ALL our entries when one more joins —
 * it takes a rank and pushes our lower entries down one rank each. Per scenario we keep our
 * entries' field ranks (computed once) and suffix sums of what a one-rank push costs them, so a
 * candidate's gain costs one field lookup and one binary search per cashing scenario.
 */
import type { CandidatePool } from './candidate-pool.js';
import { type PayoutTable, quantizeScore } from './payout-table.js';
import { grow, type PortfolioState, scoreRange } from './portfolio-state.js';

export class PayoutState implements PortfolioState {
  initial: Float64Array = new Float64Array(0);
  means: Float64Array = new Float64Array(0);
  /**
   * Per scenario our cashing-range entries, descending by quantized score, at [s*N, s*N + k[s]):
   * score q, opponents above A and tied T (computed once, at insertion: no re-ranking later).
   */
  private readonly q: Float64Array;
  private readonly A: Int32Array;
  private readonly T: Int32Array;
  private readonly k: Int32Array;
  private readonly pay: Float64Array;
  /**
   * loss[s*(N+1) + i] = Σ_{e >= i} (prize entry e loses when pushed down one rank): a new entry
   * inserted at position i costs our lower entries exactly this (own ties aside).
   */
  private readonly loss: Float64Array;
  private readonly tq: Float64Array;
  private readonly tA: Int32Array;
  private readonly tT: Int32Array;
  private readonly x: Float64Array;
  private total = 0;

  constructor(
    private readonly pool: CandidatePool,
    private readonly cols: Float32Array,
    private readonly S: number,
    private readonly table: PayoutTable,
    private readonly N: number,
  ) {
    this.q = new Float64Array(S * N);
    this.A = new Int32Array(S * N);
    this.T = new Int32Array(S * N);
    this.k = new Int32Array(S);
    this.pay = new Float64Array(S);
    this.loss = new Float64Array(S * (N + 1));
    this.tq = new Float64Array(N + 1);
    this.tA = new Int32Array(N + 1);
    this.tT = new Int32Array(N + 1);
    this.x = new Float64Array(S);
    this.extend(0);
  }

  extend(from: number): void {
    const { S, table } = this;
    this.initial = grow(this.initial, this.pool.size);
    // Standalone prize (tier bound, exact but for ties) is an upper bound on any marginal gain:
    // our other entries can only push this one down and lose prizes themselves.
    this.means = scoreRange(this.pool, from, this.cols, S, this.means, (c, x) => {
      let g = 0;
      for (let s = 0; s < S; s++) if (x[s] >= table.cut[s]) g += table.payoutUpper(s, x[s]);
      this.initial[c] = g;
    });
  }

  gain(c: number): number {
    const x = this.scores(c);
    const { table, N } = this;
    let g = 0;
    for (let s = 0; s < this.S; s++) {
      if (x[s] < table.cut[s]) continue;
      const xq = quantizeScore(x[s]);
      // Insertion point among our entries (descending). Ties among our own entries are treated as
      // if ordered (a greedy-gain approximation only; the committed value is exact, see merged).
      const o = s * N;
      let lo = 0;
      let hi = this.k[s];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.q[o + mid] > xq) lo = mid + 1;
        else hi = mid;
      }
      table.rank(s, x[s]);
      const above = table.rankAbove + lo;
      const prize = above >= table.paid ? 0 : table.avgPrize(above, table.rankTied);
      g += prize - this.loss[s * (N + 1) + lo];
    }
    return g;
  }

  /** Standalone expected prize (tier bound: exact except at ties). */
  standalone(c: number): number {
    return this.initial[c] / this.S;
  }

  commit(c: number): void {
    const x = this.scores(c);
    const N = this.N;
    for (let s = 0; s < this.S; s++) {
      if (x[s] < this.table.cut[s]) continue;
      const p = this.merged(s, x[s]);
      const n = ++this.k[s];
      this.q.set(this.tq.subarray(0, n), s * N);
      this.A.set(this.tA.subarray(0, n), s * N);
      this.T.set(this.tT.subarray(0, n), s * N);
      this.total += p - this.pay[s];
      this.pay[s] = p;
      this.refreshLoss(s);
    }
  }

  private refreshLoss(s: number): void {
    const { table, N } = this;
    const n = this.k[s];
    const o = s * N;
    const lo = s * (N + 1);
    this.loss[lo + n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      const above = this.A[o + i] + i;
      const drop = above >= table.paid ? 0 : table.avgPrize(above, this.T[o + i]) - table.avgPrize(above + 1, this.T[o + i]);
      this.loss[lo + i] = this.loss[lo + i + 1] + drop;
    }
  }

  /** Σ expected prizes of our entries. */
  value(): number {
    return this.total / this.S;
  }

  /** Scenario-s prizes of our entries plus one scoring `raw`; the merged list is left in t*. */
  private merged(s: number, raw: number): number {
    const table = this.table;
    const xq = quantizeScore(raw);
    const n = this.k[s];
    const o = s * this.N;
    let i = 0;
    let j = 0;
    while (i < n && this.q[o + i] >= xq) {
      this.tq[j] = this.q[o + i];
      this.tA[j] = this.A[o + i];
      this.tT[j++] = this.T[o + i++];
    }
    table.rank(s, raw);
    this.tq[j] = xq;
    this.tA[j] = table.rankAbove;
    this.tT[j++] = table.rankTied;
    while (i < n) {
      this.tq[j] = this.q[o + i];
      this.tA[j] = this.A[o + i];
      this.tT[j++] = this.T[o + i++];
    }
    // Rank groups: own entries above a group = its start index; own ties widen the split.
    let total = 0;
    for (let a = 0; a < j; ) {
      let b = a + 1;
      while (b < j && this.tq[b] === this.tq[a]) b++;
      const above = this.tA[a] + a;
      if (above >= table.paid) break;
      total += (b - a) * table.avgPrize(above, this.tT[a] + (b - a - 1));
      a = b;
    }
    return total;
  }

  private scores(c: number): Float64Array {
    const R = this.pool.rosterSize;
    const S = this.S;
    this.x.fill(0);
    for (let d = 0; d < R; d++) {
      const o = this.pool.lineups[c * R + d] * S;
      for (let s = 0; s < S; s++) this.x[s] += this.cols[o + s];
    }
    return this.x;
  }
}
