/**
 * Depth-first enumeration of legal lineups in salary order (positions ascend, so each lineup
 * is visited once), with the feasibility tests of PreparedSlate at every node. Objectives plug
 * in through `visit`, which returns false to prune a subtree (an upper bound that cannot beat
 * the incumbent). Progress is the share of the C(nFree, rFree) combinations already decided.
 */
import { EngineError } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import type { PreparedSlate } from './prepared-slate.js';

export interface WalkHooks {
  /**
   * The driver at position j was just placed as pick d (0-based) and the lineup can still be
   * completed; r picks remain; completions can only use positions >= q (budget suffix).
   * Return true to descend (ignored at leaves, r = 0).
   */
  visit(d: number, j: number, r: number, q: number): boolean;
}

export interface WalkProgress {
  readonly ctx?: EngineRunContext;
  /** Called after each decided block of combinations (about nFree² times per walk). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** n choose k as a double (exact below 2^53). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

export class Walker {
  /** Free positions of the current partial lineup, picks 0..d. */
  readonly path: Int32Array;
  nodes = 0;
  private readonly sal: Float64Array;
  private readonly own: Float64Array;
  private readonly low: Int32Array;
  private readonly gc: Int32Array;
  private readonly G: number;
  private readonly accountDepth: number;
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly prep: PreparedSlate,
    private readonly hooks: WalkHooks,
    private readonly progress: WalkProgress = {},
  ) {
    const R = prep.rFree;
    this.path = new Int32Array(Math.max(R, 1));
    this.sal = new Float64Array(R + 1);
    this.own = new Float64Array(R + 1);
    this.low = new Int32Array(R + 1);
    this.G = prep.groups.length;
    this.gc = new Int32Array((R + 1) * Math.max(this.G, 1));
    this.accountDepth = Math.min(1, R - 1);
    this.total = binomial(prep.nFree, R);
  }

  run(): void {
    if (this.prep.rFree === 0) {
      // Every slot is locked: the single lineup is legal iff the empty completion is.
      if (this.prep.canComplete(0, 0, 0, 0, 0, this.gc, 0)) this.hooks.visit(-1, -1, 0, this.prep.nFree);
      return;
    }
    this.expand(0, 0);
  }

  private expand(d: number, p: number): void {
    const prep = this.prep;
    const r = prep.rFree - d - 1;
    const G = this.G;
    const last = prep.nFree - r - 1;
    for (let j = p; j <= last; j++) {
      const sal = this.sal[d] + prep.salary[j];
      const own = this.own[d] + prep.own[j];
      const low = this.low[d] + prep.low[j];
      const o = (d + 1) * G;
      for (let g = 0; g < G; g++) this.gc[o + g] = this.gc[d * G + g] + prep.groups[g].member[j];
      let descended = false;
      if (prep.canComplete(j + 1, r, sal, own, low, this.gc, o)) {
        this.path[d] = j;
        this.nodes++;
        const go = this.hooks.visit(d, j, r, prep.completionStart(j + 1, r, sal));
        if (go && r > 0) {
          this.sal[d + 1] = sal;
          this.own[d + 1] = own;
          this.low[d + 1] = low;
          descended = d < this.accountDepth;
          this.expand(d + 1, j + 1);
        }
      }
      if (d <= this.accountDepth && !descended) this.account(binomial(prep.nFree - j - 1, r));
    }
  }

  private account(combos: number): void {
    this.done += combos;
    this.progress.onProgress?.(this.done, this.total);
    if (this.progress.ctx?.isCancelled()) throw new EngineError('CANCELLED', 'optimize: cancelled during enumeration');
  }
}
