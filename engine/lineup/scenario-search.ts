/**
 * Exact best lineup for a scenario objective: enumerate legal lineups in salary order and
 * prune every subtree whose optimistic bound (kernel.ts) cannot beat the incumbent. Each depth
 * keeps its own live-scenario list and partial scores, so a child scans only its parent's live
 * scenarios. Exact because every pruned subtree is proven no better than the incumbent, and
 * every other legal lineup is scored exactly on all selection scenarios.
 */
import type { EngineRunContext } from '../contract/run-context.js';
import type { LiveList, ScenarioKernel } from './kernel.js';
import type { PreparedSlate } from './prepared-slate.js';
import { CompletionTable, type DriverColumns, column, lineupScores } from './scenario-matrix.js';
import { Walker } from './walk.js';

export interface ScenarioSearchResult {
  /** Free positions of the best lineup (null when the heuristic incumbent was never beaten and none was given). */
  readonly positions: Int32Array | null;
  readonly value: number;
  readonly scored: number;
  readonly nodes: number;
  readonly scenarioTerms: number;
}

export interface ScenarioSearchOptions {
  readonly ctx?: EngineRunContext;
  /** Incumbent found by a heuristic (already offered to the kernel). */
  readonly incumbent?: Int32Array;
  readonly onProgress?: (done: number, total: number, best: number, scored: number) => void;
  /**
   * Search only the subtrees of every `count`-th second pick, starting at `index` (a share of
   * the tree for one of `count` threads; see exact-pool.ts). Deterministic: the share depends on
   * the walk order only, never on timing.
   */
  readonly partition?: { readonly index: number; readonly count: number };
}

export function scenarioSearch(prep: PreparedSlate, dc: DriverColumns, kernel: ScenarioKernel, opts: ScenarioSearchOptions = {}): ScenarioSearchResult {
  const S = dc.scenarios;
  const R = prep.rFree;
  if (R === 0) {
    // Every slot locked (legality checked by the caller): the one lineup is the answer.
    kernel.offer(Float64Array.from(dc.base));
    return { positions: new Int32Array(0), value: kernel.best, scored: 1, nodes: 0, scenarioTerms: S };
  }
  const comp = new CompletionTable(dc, prep.nFree, R - 1);
  const cols = Array.from({ length: prep.nFree }, (_, p) => column(dc, p));
  const lists: LiveList[] = [];
  for (let d = 0; d <= R; d++) lists.push({ idx: new Int32Array(S), x: new Float64Array(S), suf: new Float64Array(S + 1), key: new Float64Array(S) });
  const sorter = new BucketOrder(S);
  const live = new Int32Array(R + 1);
  for (let s = 0; s < S; s++) lists[0].idx[s] = s;
  lists[0].x.set(dc.base);
  live[0] = S;

  let best: Int32Array | null = opts.incumbent ? Int32Array.from(opts.incumbent) : null;
  let scored = 0;
  const fullBuf = new Float64Array(S);
  const full = (): Float64Array => lineupScores(dc, walker.path, R, fullBuf);
  const part = opts.partition && opts.partition.count > 1 && R > 1 ? opts.partition : null;
  let secondPicks = 0;
  const hooks = {
    visit(d: number, j: number, r: number, q: number): boolean {
      if (part && d === 1 && secondPicks++ % part.count !== part.index) return false; // another thread's share
      const out = lists[d + 1];
      const m = kernel.scan(lists[d], live[d], d > 0, cols[j], r > 0 ? comp.get(q, r) : null, out);
      if (m < 0) return false; // proven no better than the incumbent part-way through the scan
      if (r === 0) {
        scored++;
        if (kernel.leaf(out, m, full)) best = walker.path.slice(0, R);
        return false;
      }
      if (kernel.prunable()) return false;
      // Likely losses first, then contributions → suffix sums for the children's early exit.
      sorter.reorder(out, m);
      const suf = out.suf;
      suf[m] = 0;
      for (let k = m - 1; k >= 0; k--) suf[k] += suf[k + 1];
      live[d + 1] = m;
      return true;
    },
  };
  const walker: Walker = new Walker(prep, hooks, {
    ctx: opts.ctx,
    onProgress: opts.onProgress ? (done, total) => opts.onProgress?.(done, total, kernel.best, scored) : undefined,
  });
  walker.run();
  return { positions: best, value: kernel.best, scored, nodes: walker.nodes, scenarioTerms: kernel.work };
}

/**
 * Stable bucket sort of a live list by key, descending, in O(m): a cheap approximate order is
 * all the early exit needs (exact sorting would cost m log m per expanded node).
 */
class BucketOrder {
  private static readonly B = 64;
  private readonly count = new Int32Array(BucketOrder.B + 1);
  private readonly bucket: Int32Array;
  private readonly idx: Int32Array;
  private readonly x: Float64Array;
  private readonly suf: Float64Array;
  private readonly key: Float64Array;

  constructor(S: number) {
    this.bucket = new Int32Array(S);
    this.idx = new Int32Array(S);
    this.x = new Float64Array(S);
    this.suf = new Float64Array(S);
    this.key = new Float64Array(S);
  }

  reorder(list: LiveList, m: number): void {
    const { key } = list;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < m; k++) {
      if (key[k] < lo) lo = key[k];
      if (key[k] > hi) hi = key[k];
    }
    if (!(hi > lo) || !Number.isFinite(hi - lo)) return;
    const B = BucketOrder.B;
    const scale = (B - 1e-9) / (hi - lo);
    const count = this.count.fill(0);
    for (let k = 0; k < m; k++) {
      const b = B - 1 - Math.floor((key[k] - lo) * scale); // high keys → bucket 0
      this.bucket[k] = b;
      count[b + 1]++;
    }
    for (let b = 0; b < B; b++) count[b + 1] += count[b];
    for (let k = 0; k < m; k++) {
      const at = count[this.bucket[k]]++;
      this.idx[at] = list.idx[k];
      this.x[at] = list.x[k];
      this.suf[at] = list.suf[k];
      this.key[at] = key[k];
    }
    list.idx.set(this.idx.subarray(0, m));
    list.x.set(this.x.subarray(0, m));
    list.suf.set(this.suf.subarray(0, m));
    key.set(this.key.subarray(0, m)); // kernels may read their parent's keys (payout tiers)
  }
}
