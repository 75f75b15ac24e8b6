/**
 * P(score >= target). Bound: the number of live scenarios whose optimistic score reaches the
 * target (a scenario the optimistic score misses is missed by every completion); each live
 * scenario contributes 1. At a full lineup the bound IS the exact count.
 */
import type { LiveList, ScenarioKernel } from './kernel.js';

export class ProbKernel implements ScenarioKernel {
  bound = 0;
  /** Scenario terms evaluated so far (work counter for search statistics). */
  work = 0;
  private bestCount = -1;
  private lastCount = 0;

  constructor(
    private readonly target: number,
    private readonly S: number,
  ) {}

  get best(): number {
    return this.bestCount < 0 ? -Infinity : this.bestCount / this.S;
  }

  scan(parent: LiveList, m: number, _parentBounded: boolean, col: Float32Array, comp: Float64Array | null, out: LiveList): number {
    const t = this.target;
    const { idx, x } = parent;
    const oIdx = out.idx;
    const oX = out.x;
    const oC = out.suf;
    const oK = out.key;
    // Prunable iff count <= bestCount; scenarios k.. can add at most m − k more.
    const lim = this.bestCount - m; // valid even at the root: a scenario adds at most 1
    let c = 0;
    for (let k = 0; k < m; k++) {
      if (c - k <= lim) {
        this.work += k;
        return -1;
      }
      const s = idx[k];
      const v = x[k] + col[s];
      const u = comp ? v + comp[s] : v;
      if (u >= t) {
        oIdx[c] = s;
        oX[c] = v;
        oC[c] = 1;
        oK[c] = t - u; // thin margins first: children lose those scenarios soonest
        c++;
      }
    }
    this.work += m;
    this.lastCount = c;
    this.bound = c / this.S;
    return c;
  }

  prunable(): boolean {
    return this.lastCount <= this.bestCount;
  }

  leaf(): boolean {
    if (this.lastCount <= this.bestCount) return false;
    this.bestCount = this.lastCount;
    return true;
  }

  valueOf(scores: Float64Array): number {
    return this.count(scores) / this.S;
  }

  offer(scores: Float64Array): boolean {
    const count = this.count(scores);
    if (count <= this.bestCount) return false;
    this.bestCount = count;
    return true;
  }

  private count(scores: Float64Array): number {
    let c = 0;
    for (let s = 0; s < scores.length; s++) if (scores[s] >= this.target) c++;
    return c;
  }
}
