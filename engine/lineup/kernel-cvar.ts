/**
 * Weighted multi-level upper CVaR: Σ_j w_j · (mean of the K_j best scenario scores).
 *
 * Bound (proof of soundness). For any real c and any score vector X,
 *   topK_sum(X) = Σ_{s in top K} X_s <= Σ_{s in top K} (c + (X_s − c)^+) <= K·c + Σ_s (X_s − c)^+,
 * so CVaR_K(X) <= c + (1/K) Σ_s (X_s − c)^+ for EVERY c (equality at c = VaR_K). The right side
 * is non-decreasing in each X_s, so evaluating it at the optimistic U = partial + comp bounds
 * every lineup of the subtree. We use c_j = the incumbent's VaR (tight near good lineups) and
 * only ever RAISE c_j: a live list built earlier holds the scenarios with U > (older, lower)
 * min c, a superset of those that contribute now, and contributions computed with a lower c
 * are larger — so lists and suffix sums inherited from ancestors stay valid upper bounds.
 */
import { type LiveList, type ScenarioKernel, tolerance } from './kernel.js';
import { kthLargest, tailCount, topSum } from './tail.js';
import type { CvarLevel } from '../contract/lineup-types.js';

export class CvarKernel implements ScenarioKernel {
  bound = 0;
  /** Scenario terms evaluated so far (work counter for search statistics). */
  work = 0;
  best = -Infinity;
  private readonly J: number;
  private readonly w: Float64Array;
  private readonly K: Int32Array;
  /** w_j / K_j */
  private readonly wk: Float64Array;
  private readonly c: Float64Array;
  private cmin = -Infinity;
  /** Σ_j w_j c_j */
  private wc = 0;
  private readonly scratch: Float64Array;

  constructor(levels: readonly CvarLevel[], S: number) {
    this.J = levels.length;
    this.w = Float64Array.from(levels, (l) => l.weight);
    this.K = Int32Array.from(levels, (l) => tailCount(l.alpha, S));
    this.wk = Float64Array.from(levels, (l, j) => l.weight / this.K[j]);
    this.c = new Float64Array(this.J).fill(-Infinity);
    this.scratch = new Float64Array(S);
  }

  scan(parent: LiveList, m: number, parentBounded: boolean, col: Float32Array, comp: Float64Array | null, out: LiveList): number {
    if (this.cmin === -Infinity) return this.scanUnbounded(parent, m, col, comp, out);
    const { idx, x, suf } = parent;
    const cmin = this.cmin;
    const J = this.J;
    const c = this.c;
    const wk = this.wk;
    const oIdx = out.idx;
    const oX = out.x;
    const oC = out.suf;
    const oK = out.key;
    // Prunable iff wc + acc < best + tol/2.
    const lim = this.best + tolerance(this.best) / 2 - this.wc;
    let acc = 0;
    let n = 0;
    for (let k = 0; k < m; k++) {
      if (parentBounded && acc + suf[k] < lim) {
        this.work += k;
        return -1;
      }
      const s = idx[k];
      const v = x[k] + col[s];
      const u = comp ? v + comp[s] : v;
      if (u > cmin) {
        let contrib = 0;
        if (J === 1) contrib = (u - c[0]) * wk[0];
        else for (let j = 0; j < J; j++) if (u > c[j]) contrib += (u - c[j]) * wk[j];
        oIdx[n] = s;
        oX[n] = v;
        oC[n] = contrib;
        oK[n] = contrib; // big contributions first: where a child loses most
        n++;
        acc += contrib;
      }
    }
    this.work += m;
    this.bound = this.wc + acc;
    return n;
  }

  prunable(): boolean {
    return this.bound < this.best + tolerance(this.best) / 2;
  }

  leaf(out: LiveList, m: number, full: () => Float64Array): boolean {
    if (this.prunable()) return false;
    // Exact top-K from the live list when it holds the whole tail: scenarios outside it score
    // <= cmin <= c_j, so if at least K_j live scores exceed c_j the top K_j are all live.
    const oX = out.x;
    let value = 0;
    const vars = new Float64Array(this.J);
    let all: Float64Array | null = null;
    for (let j = 0; j < this.J; j++) {
      let above = 0;
      for (let k = 0; k < m; k++) if (oX[k] > this.c[j]) above++;
      const K = this.K[j];
      let src: ArrayLike<number> = oX;
      let len = m;
      if (above < K) {
        all ??= full();
        src = all;
        len = all.length;
      }
      vars[j] = kthLargest(src, len, K, this.scratch);
      value += (this.w[j] * topSum(src, len, K, vars[j])) / K;
    }
    return this.accept(value, vars);
  }

  valueOf(scores: Float64Array): number {
    return this.evaluate(scores).value;
  }

  offer(scores: Float64Array): boolean {
    const { value, vars } = this.evaluate(scores);
    return this.accept(value, vars);
  }

  private evaluate(scores: Float64Array): { value: number; vars: Float64Array } {
    const vars = new Float64Array(this.J);
    let value = 0;
    for (let j = 0; j < this.J; j++) {
      vars[j] = kthLargest(scores, scores.length, this.K[j], this.scratch);
      value += (this.w[j] * topSum(scores, scores.length, this.K[j], vars[j])) / this.K[j];
    }
    return { value, vars };
  }

  /** Before any incumbent there is nothing to prune against: keep everything live. */
  private scanUnbounded(parent: LiveList, m: number, col: Float32Array, comp: Float64Array | null, out: LiveList): number {
    for (let k = 0; k < m; k++) {
      const s = parent.idx[k];
      out.idx[k] = s;
      out.x[k] = parent.x[k] + col[s];
      out.suf[k] = Infinity;
      out.key[k] = 0;
    }
    this.bound = Infinity;
    void comp;
    return m;
  }

  private accept(value: number, vars: Float64Array): boolean {
    if (!(value > this.best + tolerance(this.best))) return false;
    this.best = value;
    let cmin = Infinity;
    let wc = 0;
    for (let j = 0; j < this.J; j++) {
      this.c[j] = Math.max(this.c[j], vars[j]); // only raise: keeps ancestors' live lists supersets
      cmin = Math.min(cmin, this.c[j]);
      wc += this.w[j] * this.c[j];
    }
    this.cmin = cmin;
    this.wc = wc;
    return true;
  }
}
