/**
 * Marginal gains of the portfolio objectives over a candidate pool, on the selection scenarios.
 *   coverage: new scenarios cleared (weighted over the requested and tie-break bars) — exact
 *             popcounts on precomputed per-candidate bitsets;
 *   payout:   change in Σ prizes of all our entries when one more entry joins (it may push our
 *             own entries down a rank) — computed on the fly from driver columns;
 *   mean:     the candidate's mean points (modular; the projection-optimizer baseline).
 */
import { clears, coverageBits, type CoverageLevel, popcount } from './coverage.js';
import type { CandidatePool } from './candidate-pool.js';
import { type PayoutTable, quantizeScore } from './payout-table.js';
import { forEachLineupScores } from './pool-scores.js';

export interface PortfolioState {
  /** Upper bounds of every candidate's first marginal gain. */
  readonly initial: Float64Array;
  /** Mean points per candidate (tie-break). */
  readonly means: Float64Array;
  /** Score the pool's candidates from index `from` on (the pool grew). */
  extend(from: number): void;
  gain(c: number): number;
  commit(c: number): void;
  /** Current objective value (natural units) on the selection scenarios. */
  value(): number;
}

/** A typed array at least `n` long holding `a`'s contents (capacity doubles). */
function grow<T extends Float64Array | Uint32Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (len: number) => T)(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** Means of candidates [from, pool.size) into `means` (grown), calling extra(k, x) per candidate. */
function scoreRange(pool: CandidatePool, from: number, cols: Float32Array, S: number, means: Float64Array, extra?: (k: number, x: Float64Array) => void): Float64Array {
  const out = grow(means, pool.size);
  const R = pool.rosterSize;
  forEachLineupScores(pool.lineups.subarray(from * R, pool.size * R), R, pool.size - from, cols, S, (j, x) => {
    let m = 0;
    for (let s = 0; s < S; s++) m += x[s];
    out[from + j] = m / S;
    extra?.(from + j, x);
  });
  return out;
}

export class CoverageState implements PortfolioState {
  initial: Float64Array = new Float64Array(0);
  means: Float64Array = new Float64Array(0);
  private readonly words: number;
  private bits: Uint32Array = new Uint32Array(0);
  private readonly covered: Uint32Array;
  private readonly weights: Float64Array;
  private primaryCovered = 0;

  constructor(
    private readonly pool: CandidatePool,
    private readonly cols: Float32Array,
    private readonly S: number,
    private readonly levels: readonly CoverageLevel[],
  ) {
    this.words = Math.ceil(S / 32);
    this.weights = Float64Array.from(levels, (l) => l.weight);
    this.covered = new Uint32Array(levels.length * this.words);
    this.extend(0);
  }

  extend(from: number): void {
    const L = this.levels.length;
    const W = this.words;
    this.bits = grow(this.bits, this.pool.size * L * W);
    this.initial = grow(this.initial, this.pool.size);
    this.means = scoreRange(this.pool, from, this.cols, this.S, this.means, (k, x) => {
      let g = 0;
      this.levels.forEach((lvl, l) => {
        const off = (k * L + l) * W;
        coverageBits(x, lvl, this.bits, off);
        let c = 0;
        for (let w = 0; w < W; w++) c += popcount(this.bits[off + w]);
        g += lvl.weight * c;
      });
      this.initial[k] = g;
    });
  }

  gain(c: number): number {
    const L = this.weights.length;
    const W = this.words;
    let g = 0;
    for (let l = 0; l < L; l++) {
      const off = (c * L + l) * W;
      const cov = l * W;
      let n = 0;
      for (let w = 0; w < W; w++) n += popcount(this.bits[off + w] & ~this.covered[cov + w]);
      g += this.weights[l] * n;
    }
    return g;
  }

  commit(c: number): void {
    const L = this.weights.length;
    const W = this.words;
    for (let l = 0; l < L; l++) for (let w = 0; w < W; w++) this.covered[l * W + w] |= this.bits[(c * L + l) * W + w];
    this.primaryCovered = 0;
    for (let w = 0; w < W; w++) this.primaryCovered += popcount(this.covered[w]);
  }

  value(): number {
    return this.primaryCovered / this.S;
  }
}

export class MeanState implements PortfolioState {
  initial: Float64Array = new Float64Array(0);
  means: Float64Array = new Float64Array(0);
  private total = 0;
  private count = 0;

  constructor(
    private readonly pool: CandidatePool,
    private readonly cols: Float32Array,
    private readonly S: number,
  ) {
    this.extend(0);
  }

  extend(from: number): void {
    this.means = scoreRange(this.pool, from, this.cols, this.S, this.means);
    this.initial = this.means;
  }

  gain(c: number): number {
    return this.means[c];
  }

  commit(c: number): void {
    this.total += this.means[c];
    this.count++;
  }

  /** Average lineup mean. */
  value(): number {
    return this.count ? this.total / this.count : 0;
  }
}

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
      const above = table.fieldAbove(s, x[s]) + lo;
      const prize = above >= table.paid ? 0 : table.avgPrize(above, table.fieldTied(s, x[s]));
      g += prize - this.loss[s * (N + 1) + lo];
    }
    return g;
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
    this.tq[j] = xq;
    this.tA[j] = table.fieldAbove(s, raw);
    this.tT[j++] = table.fieldTied(s, raw);
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

/** Does the portfolio's best score clear the primary bar in scenario s? (metrics helper) */
export function clearsPrimary(levels: readonly CoverageLevel[], s: number, best: number): boolean {
  return clears(levels[0], s, best);
}
