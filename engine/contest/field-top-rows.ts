/**
 * The core of pricing against a field: per scenario, the K best opponent scores (integer
 * milli-points, ascending) and how many opponents tie the row minimum without fitting in the
 * row. This is the CPU reference of the `fieldTopScores` kernel (engine/backend) and the inner
 * loop of buildFieldScoreTable. Integer sums make every backend's answer exactly equal.
 */

export interface FieldRowsInput {
  /** S x n milli-points (slate order). */
  readonly milli: Int32Array;
  readonly players: number;
  /** distinct x rosterSize player indices. */
  readonly lineups: ArrayLike<number>;
  readonly rosterSize: number;
  /** Entries per distinct lineup (duplicates). */
  readonly counts: ArrayLike<number>;
  /** Scores kept per scenario (<= Σ counts). */
  readonly rowLength: number;
}

const BINS = 1024; // coarse score histogram used to find the top rowLength entries

/** Scratch reused across calls for one input (no allocation per scenario). */
export interface FieldRowsScratch {
  readonly score: Int32Array;
  readonly hist: Float64Array;
  readonly top: Int32Array;
}

export function fieldRowsScratch(input: FieldRowsInput): FieldRowsScratch {
  let entries = 0;
  for (let d = 0; d < input.counts.length; d++) entries += input.counts[d];
  return { score: new Int32Array(input.counts.length), hist: new Float64Array(BINS), top: new Int32Array(entries) };
}

/**
 * Fills rows [from, to): top[(s - from) * K + k] ascending, ties[s - from]. `top`/`ties` are
 * relative to `from`, so callers can work in chunks.
 */
export function fieldTopRows(input: FieldRowsInput, from: number, to: number, top: Int32Array, ties: Uint32Array, scratch = fieldRowsScratch(input)): void {
  const { milli, players: n, lineups, rosterSize: R, counts, rowLength: K } = input;
  const D = counts.length;
  const F = scratch.top.length;
  const { score, hist, top: kept } = scratch;
  for (let s = from; s < to; s++) {
    const base = s * n;
    let lo = Infinity;
    let hi = -Infinity;
    for (let d = 0; d < D; d++) {
      let x = 0;
      for (let r = 0; r < R; r++) x += milli[base + lineups[d * R + r]];
      score[d] = x;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    // Only the best K entries are kept: a coarse histogram finds the score bin where the top K
    // end, and only entries from that bin up are sorted (a few more than K, not the field).
    let shift = 0;
    while ((hi - lo) >>> shift >= BINS) shift++;
    hist.fill(0);
    for (let d = 0; d < D; d++) hist[(score[d] - lo) >>> shift] += counts[d];
    let bin = BINS - 1;
    for (let acc = hist[bin]; acc < K && bin > 0; acc += hist[bin]) bin--;
    let m = 0;
    for (let d = 0; d < D; d++) {
      if ((score[d] - lo) >>> shift < bin) continue;
      kept.fill(score[d], m, m + counts[d]);
      m += counts[d];
    }
    const sorted = kept.subarray(0, m).sort();
    const row = (s - from) * K;
    for (let k = 0; k < K; k++) top[row + k] = sorted[m - K + k];
    let t = 0;
    if (K < F) {
      // Entries equal to the row minimum that did not fit in the row (all in the sorted bins).
      const min = sorted[m - K];
      let k = m - K - 1;
      while (k >= 0 && sorted[k] === min) k--;
      t = m - K - 1 - k;
    }
    ties[s - from] = t;
  }
}
