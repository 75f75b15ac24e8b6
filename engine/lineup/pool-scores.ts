/**
 * Score every pool lineup on a scenario set, reusing partial sums of shared prefixes: the pool
 * is sorted lexicographically, so consecutive lineups usually share their first drivers and a
 * lineup costs about one or two column additions instead of rosterSize.
 */

/** Driver-major copy (n x S) of a row-major S x n points matrix. */
export function allColumns(points: Float32Array, n: number): Float32Array {
  const S = points.length / n;
  const cols = new Float32Array(n * S);
  for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) cols[i * S + s] = points[s * n + i];
  return cols;
}

/**
 * Calls visit(k, x) for each lineup k of `lineups` (count x R slate indices) with its score
 * vector x (a reused buffer: copy it if you keep it).
 */
export function forEachLineupScores(lineups: Int32Array, R: number, count: number, cols: Float32Array, S: number, visit: (k: number, x: Float64Array) => void): void {
  const partial = Array.from({ length: R + 1 }, () => new Float64Array(S));
  const prev = new Int32Array(R).fill(-1);
  for (let k = 0; k < count; k++) {
    const o = k * R;
    let d = 0;
    while (d < R && lineups[o + d] === prev[d]) d++;
    for (; d < R; d++) {
      const i = lineups[o + d];
      prev[d] = i;
      const from = partial[d];
      const to = partial[d + 1];
      const c = i * S;
      for (let s = 0; s < S; s++) to[s] = from[s] + cols[c + s];
    }
    visit(k, partial[R]);
  }
}
