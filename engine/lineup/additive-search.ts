/**
 * Exact top-k lineups for objectives that add up over drivers (mean points, ownership-penalised
 * leverage, pool proxies): branch and bound in salary order with the bound
 *   partial + (best r values among positions the remaining budget can still reach),
 * which is sound because every completion lies in that budget suffix (PreparedSlate).
 * Ties keep the lineup found first, so results are deterministic.
 */
import type { EngineRunContext } from '../contract/run-context.js';
import { tolerance } from './kernel.js';
import type { PreparedSlate } from './prepared-slate.js';
import { Walker } from './walk.js';

export interface AdditiveTopK {
  /** Free positions, best first (each of length rFree). */
  readonly lineups: Int32Array[];
  /** Objective over FREE drivers only (add the locked drivers' part yourself). */
  readonly values: number[];
  readonly scored: number;
  readonly nodes: number;
}

export function additiveTopK(
  prep: PreparedSlate,
  values: Float64Array,
  k: number,
  opts: { ctx?: EngineRunContext; onProgress?: (done: number, total: number) => void } = {},
): AdditiveTopK {
  const R = prep.rFree;
  if (R === 0) return { lineups: [new Int32Array(0)], values: [0], scored: 1, nodes: 0 };
  const w = R + 1;
  // topVal[p*w + r]: best sum of r values among positions >= p.
  const topVal = new Float64Array((prep.nFree + 1) * w);
  for (let p = 0; p <= prep.nFree; p++) {
    const sorted = Array.from(values.subarray(p)).sort((a, b) => b - a);
    for (let r = 1; r <= R; r++) topVal[p * w + r] = r <= sorted.length ? topVal[p * w + r - 1] + sorted[r - 1] : -Infinity;
  }
  const heap = new TopHeap(k, R);
  const cur = new Float64Array(R + 1);
  let scored = 0;
  const hooks = {
    visit(d: number, j: number, r: number, q: number): boolean {
      const v = cur[d] + values[j];
      if (r === 0) {
        scored++;
        heap.offer(v, walker.path);
        return false;
      }
      cur[d + 1] = v;
      const t = heap.threshold();
      return v + topVal[q * w + r] >= t - tolerance(t);
    },
  };
  const walker: Walker = new Walker(prep, hooks, opts);
  walker.run();
  const { lineups, vals } = heap.sorted();
  return { lineups, values: vals, scored, nodes: walker.nodes };
}

/** Bounded min-heap of (value, arrival) keeping the k best; equal values keep the earlier arrival. */
class TopHeap {
  private readonly val: Float64Array;
  private readonly seq: Float64Array;
  private readonly pos: Int32Array;
  private readonly slotOf: Int32Array; // heap order → storage slot
  private size = 0;
  private arrivals = 0;

  constructor(
    private readonly k: number,
    private readonly R: number,
  ) {
    this.val = new Float64Array(k);
    this.seq = new Float64Array(k);
    this.pos = new Int32Array(k * R);
    this.slotOf = new Int32Array(k);
  }

  threshold(): number {
    return this.size < this.k ? -Infinity : this.val[this.slotOf[0]];
  }

  offer(v: number, path: Int32Array): void {
    const seq = this.arrivals++;
    let slot: number;
    if (this.size < this.k) {
      slot = this.size;
      this.slotOf[this.size] = slot;
      this.size++;
      this.write(slot, v, seq, path);
      this.up(this.size - 1);
    } else {
      if (!(v > this.val[this.slotOf[0]])) return;
      slot = this.slotOf[0];
      this.write(slot, v, seq, path);
      this.down(0);
    }
  }

  sorted(): { lineups: Int32Array[]; vals: number[] } {
    const order = Array.from(this.slotOf.subarray(0, this.size)).sort((a, b) => this.val[b] - this.val[a] || this.seq[a] - this.seq[b]);
    return { lineups: order.map((s) => this.pos.slice(s * this.R, (s + 1) * this.R)), vals: order.map((s) => this.val[s]) };
  }

  private write(slot: number, v: number, seq: number, path: Int32Array): void {
    this.val[slot] = v;
    this.seq[slot] = seq;
    for (let d = 0; d < this.R; d++) this.pos[slot * this.R + d] = path[d];
  }

  /** a is worse than b: lower value, or equal value and later arrival. */
  private worse(a: number, b: number): boolean {
    const sa = this.slotOf[a];
    const sb = this.slotOf[b];
    return this.val[sa] < this.val[sb] || (this.val[sa] === this.val[sb] && this.seq[sa] > this.seq[sb]);
  }

  private swap(a: number, b: number): void {
    const t = this.slotOf[a];
    this.slotOf[a] = this.slotOf[b];
    this.slotOf[b] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}
