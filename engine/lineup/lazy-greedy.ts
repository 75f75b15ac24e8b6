/**
 * Lazy greedy selection (Minoux 1978): marginal gains of a submodular objective only shrink as
 * the set grows, so a stale gain is an upper bound — pop the best stale candidate, refresh its
 * gain, and take it when it is still the best. Typically only a handful of candidates are
 * re-evaluated per step instead of the whole pool.
 *
 * Constraints enter through `status`: 'ok', 'later' (not now, maybe at a later step: a
 * progressive exposure cap, a driver that must be included), or 'never' (an exhausted max
 * exposure, a min-unique conflict with a chosen lineup). `strict` asks the caller to also
 * enforce soft preferences; when no candidate qualifies under them the step is retried without.
 * Ties: higher `tie` first, then lower index — deterministic for a given pool.
 */
export type CandidateStatus = 'ok' | 'later' | 'never';

export interface GreedyProblem {
  /** Upper bound on candidate c's first marginal gain (e.g. its standalone value). */
  initial(c: number): number;
  /** Tie-break score (higher first). */
  tie(c: number): number;
  gain(c: number): number;
  status(c: number, strict: boolean): CandidateStatus;
}

export class LazyGreedy {
  private heap = new Int32Array(1024);
  private size = 0;
  private key = new Float64Array(1024);
  private stamp = new Int32Array(1024);
  private tie = new Float64Array(1024);
  private count = 0;
  private step = 0;
  /** Fresh gain evaluations so far. */
  evaluations = 0;

  constructor(private readonly p: GreedyProblem) {}

  /** Candidates [count, upTo) join the pool. */
  addCandidates(upTo: number): void {
    if (upTo > this.key.length) {
      const cap = Math.max(upTo, 2 * this.key.length);
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(cap);
        b.set(a);
        return b;
      };
      this.heap = grow(this.heap);
      this.key = grow(this.key);
      this.stamp = grow(this.stamp);
      this.tie = grow(this.tie);
    }
    for (let c = this.count; c < upTo; c++) {
      this.key[c] = this.p.initial(c);
      this.tie[c] = this.p.tie(c);
      this.stamp[c] = -1;
      this.push(c);
    }
    this.count = Math.max(this.count, upTo);
  }

  /** The next candidate to take (already removed from the pool) and its gain, or null when none qualifies. */
  next(): { candidate: number; gain: number } | null {
    const pick = this.attempt(true) ?? this.attempt(false);
    if (pick) this.step++; // no pick: the caller may add candidates and retry this same step
    return pick;
  }

  private attempt(strict: boolean): { candidate: number; gain: number } | null {
    const later: number[] = [];
    let found: { candidate: number; gain: number } | null = null;
    while (this.size > 0) {
      const c = this.pop();
      const st = this.p.status(c, strict);
      if (st === 'never') continue;
      if (st === 'later') {
        later.push(c);
        continue;
      }
      if (this.stamp[c] === this.step) {
        found = { candidate: c, gain: this.key[c] };
        break;
      }
      this.key[c] = this.p.gain(c);
      this.stamp[c] = this.step;
      this.evaluations++;
      this.push(c);
    }
    for (const c of later) this.push(c);
    return found;
  }

  /** c is better than d. */
  private better(c: number, d: number): boolean {
    const kc = this.key[c];
    const kd = this.key[d];
    if (kc !== kd) return kc > kd;
    const tc = this.tie[c];
    const td = this.tie[d];
    if (tc !== td) return tc > td;
    return c < d;
  }

  private push(c: number): void {
    let i = this.size++;
    this.heap[i] = c;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(this.heap[i], this.heap[parent])) break;
      const t = this.heap[i];
      this.heap[i] = this.heap[parent];
      this.heap[parent] = t;
      i = parent;
    }
  }

  private pop(): number {
    const top = this.heap[0];
    this.heap[0] = this.heap[--this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.better(this.heap[l], this.heap[m])) m = l;
      if (r < this.size && this.better(this.heap[r], this.heap[m])) m = r;
      if (m === i) break;
      const t = this.heap[i];
      this.heap[i] = this.heap[m];
      this.heap[m] = t;
      i = m;
    }
    return top;
  }
}
