/**
 * A scenario objective as the exact search sees it. Every objective here is a NON-DECREASING
 * function of the lineup's per-scenario scores, so replacing the unknown completion of a
 * partial lineup by comp[s] (the best r points any remaining drivers score in scenario s,
 * see CompletionTable) gives an upper bound for every lineup in the subtree. Each objective's
 * bound is a constant plus a sum of non-negative per-scenario contributions; scenarios whose
 * optimistic score contributes nothing leave the live list that children scan, so deep nodes
 * touch only a small share of the S scenarios.
 *
 * Early exit: a child's optimistic scores never exceed its parent's (the child's pick plus its
 * best r completions is one of the parent's r+1 completions), so a scenario contributes no more
 * to a child than to its parent. With the parent's contribution suffix sums, a scan can stop
 * as soon as (child's contributions so far) + (parent's contributions still to come) proves the
 * child cannot beat the incumbent — most pruned children stop well before the end of the list.
 */

/** Scenarios still able to contribute to a node's bound, with partial scores. */
export interface LiveList {
  readonly idx: Int32Array;
  readonly x: Float64Array;
  /**
   * After a scan: suf[k] = Σ_{k' >= k} contribution of live scenario k' (filled by the search
   * from the per-scenario contributions the kernel writes there).
   */
  readonly suf: Float64Array;
  /**
   * Ordering key per live scenario (higher first): scenarios a child is likely to LOSE most on
   * should come first, so the child's early exit (below) triggers after a short prefix.
   */
  readonly key: Float64Array;
}

export interface ScenarioKernel {
  /** Upper bound (natural units) computed by the last complete `scan`. */
  bound: number;
  /** Incumbent value (natural units); −Infinity before any. */
  readonly best: number;
  /** Scenario terms evaluated by scans so far (work counter for statistics). */
  readonly work: number;
  /**
   * Scan the parent's m live scenarios, add driver column `col` and the completion `comp`
   * (null for a full lineup), write the child's live scenarios and their contributions to `out`
   * and return their count — or −1 when the scan proved early that the child cannot beat the
   * incumbent (`parentBounded`: the parent's `suf` is valid; false at the root).
   */
  scan(parent: LiveList, m: number, parentBounded: boolean, col: Float32Array, comp: Float64Array | null, out: LiveList): number;
  /** True when the last complete scan's bound cannot beat the incumbent. */
  prunable(): boolean;
  /**
   * Called after a complete `scan` of a full lineup (its live list in `out`, m entries);
   * `full()` gives all S scores when needed. Returns true when it became the incumbent.
   */
  leaf(out: LiveList, m: number, full: () => Float64Array): boolean;
  /** Objective of a full score vector (heuristic incumbents, metrics). */
  valueOf(scores: Float64Array): number;
  /** Offer a lineup found by a heuristic; it becomes the incumbent when it is better. */
  offer(scores: Float64Array): boolean;
}

/** Relative tolerance: leaves must beat the incumbent by more than this to replace it. */
export const REL_TOL = 1e-9;

export function tolerance(best: number): number {
  return Number.isFinite(best) ? REL_TOL * Math.max(1, Math.abs(best)) : 0;
}
