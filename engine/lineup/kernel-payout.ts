/**
 * Expected prize against the simulated field. payout_s(x) is non-decreasing in x (prizes never
 * increase with rank, ties split evenly), so Σ_s payout_s(U_s)/S over the optimistic scores U
 * bounds every completion (scans use the tier bound `PayoutTable.payoutUpper`, leaves are priced
 * exactly); a scenario whose optimistic score is below the cash line pays 0 to
 * every completion and leaves the live list. At a full lineup the bound is the exact value.
 * Internally the bound is kept as Σ payouts (not divided by S) so contributions are prizes.
 */
import { type LiveList, type ScenarioKernel, tolerance } from './kernel.js';
import type { PayoutTable } from './payout-table.js';

export class PayoutKernel implements ScenarioKernel {
  bound = 0;
  /** Scenario terms evaluated so far (work counter for search statistics). */
  work = 0;
  best = -Infinity;
  private readonly cut: Float64Array;

  constructor(
    private readonly table: PayoutTable,
    private readonly S: number,
  ) {
    this.cut = table.cut;
  }

  scan(parent: LiveList, m: number, parentBounded: boolean, col: Float32Array, comp: Float64Array | null, out: LiveList): number {
    const { idx, x, suf } = parent;
    const pKey = parent.key;
    const cut = this.cut;
    const { tierThr, tierCap, T, topPrize } = this.table;
    const oIdx = out.idx;
    const oX = out.x;
    const oC = out.suf;
    const oK = out.key;
    const lim = Number.isFinite(this.best) ? (this.best + tolerance(this.best) / 2) * this.S : -Infinity;
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
      if (u >= cut[s]) {
        // Tier of u (PayoutTable.tierIndex inlined), starting from the parent's tier.
        let t = parentBounded ? -1 - pKey[k] : -1;
        const o = s * T;
        while (t + 1 < T && u < tierThr[o + t + 1]) t++;
        const g = t < 0 ? topPrize : tierCap[t];
        oIdx[n] = s;
        oX[n] = v;
        oC[n] = g;
        oK[n] = -1 - t; // better tiers first (where a child loses most); children read their start tier here
        n++;
        acc += g;
      }
    }
    this.work += m;
    this.bound = acc / this.S;
    return n;
  }

  prunable(): boolean {
    return this.bound < this.best + tolerance(this.best) / 2;
  }

  leaf(out: LiveList, m: number): boolean {
    if (!(this.bound > this.best + tolerance(this.best))) return false;
    // The scan used the tier bound (exact but for ties); price the live scenarios exactly.
    let acc = 0;
    for (let k = 0; k < m; k++) acc += this.table.payout(out.idx[k], out.x[k]);
    const v = acc / this.S;
    if (!(v > this.best + tolerance(this.best))) return false;
    this.best = v;
    return true;
  }

  valueOf(scores: Float64Array): number {
    let acc = 0;
    for (let s = 0; s < scores.length; s++) acc += this.table.payout(s, scores[s]);
    return acc / this.S;
  }

  offer(scores: Float64Array): boolean {
    const v = this.valueOf(scores);
    if (!(v > this.best + tolerance(this.best))) return false;
    this.best = v;
    return true;
  }
}
