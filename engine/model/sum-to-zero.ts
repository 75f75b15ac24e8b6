/**
 * Isometric sum-to-zero transform (the Helmert-style map Stan 2.36 uses for
 * `sum_to_zero_vector`): y in R^(n-1) -> x in R^n with sum(x) = 0 and |x| = |y|.
 *
 * Why: a Plackett-Luce likelihood is invariant to adding a constant to every skill, so a plain
 * N(0, s) vector leaves one direction constrained only by the prior — a direction far wider
 * than the data-constrained ones, which a diagonal metric cannot rescale and which therefore
 * lengthens every NUTS trajectory. With y ~ N(0, I) the image x has the exchangeable
 * N(0, I - 11'/n) law, i.e. the usual prior conditioned on a zero mean. O(n) both ways.
 */

/** Coefficients 1/sqrt(j(j+1)), j = 1..n-1 (index j). */
export function stzCoefficients(n: number): Float64Array {
  const c = new Float64Array(Math.max(n, 1));
  for (let j = 1; j < n; j++) c[j] = 1 / Math.sqrt(j * (j + 1));
  return c;
}

/** x[xOff .. xOff+n) = scale * STZ(y[yOff .. yOff+n-1)). */
export function stzForward(y: Float64Array, yOff: number, x: Float64Array, xOff: number, n: number, c: Float64Array, scale: number): void {
  // x_j = S_{j+1} - j w_j with w_j = c_j y_{j-1} and S_m = sum_{k >= m} w_k.
  let s = 0;
  for (let j = n - 1; j >= 1; j--) {
    const w = c[j] * y[yOff + j - 1];
    x[xOff + j] = scale * (s - j * w);
    s += w;
  }
  if (n > 0) x[xOff] = scale * s;
}

/** gy[yOff ..) += scale * STZ^T(gx[xOff .. xOff+n)): the gradient pulled back through stzForward. */
export function stzBackward(gx: Float64Array, xOff: number, gy: Float64Array, yOff: number, n: number, c: Float64Array, scale: number): void {
  // dL/dw_k = sum_{j<k} gx_j - k gx_k.
  let prefix = 0;
  for (let k = 1; k < n; k++) {
    prefix += gx[xOff + k - 1];
    gy[yOff + k - 1] += scale * c[k] * (prefix - k * gx[xOff + k]);
  }
}

/**
 * Doubly-centred matrix: z ((rows-1) x (cols-1), row-major at zOff) -> x (cols x rows, i.e.
 * column-major by `cols`, at xOff) whose every row and every column sums to zero, with column
 * c scaled by scales[c]. Used for driver x track-type deviations: centring over track types
 * removes the ridge skill[d] + c / dev[d, .] - c that would otherwise make NUTS trajectories
 * long; centring over drivers removes the per-track-type shift the likelihood cannot see.
 * `tmp` needs (rows-1) * cols entries.
 */
export function dcForward(z: Float64Array, zOff: number, x: Float64Array, xOff: number, rows: number, cols: number, cRows: Float64Array, cCols: Float64Array, scales: Float64Array, tmp: Float64Array): void {
  const rc = cols - 1;
  // Centre over columns first: row j of z (cols-1) -> tmp[c * (rows-1) + j].
  for (let j = 0; j < rows - 1; j++) {
    let s = 0;
    for (let c = cols - 1; c >= 1; c--) {
      const w = cCols[c] * z[zOff + j * rc + c - 1];
      tmp[c * (rows - 1) + j] = s - c * w;
      s += w;
    }
    tmp[j] = s;
  }
  for (let c = 0; c < cols; c++) stzForward(tmp, c * (rows - 1), x, xOff + c * rows, rows, cRows, scales[c]);
}

/** gz[zOff ..] += pull-back of gx through dcForward. `tmp` needs (rows-1) * cols entries. */
export function dcBackward(gx: Float64Array, xOff: number, gz: Float64Array, zOff: number, rows: number, cols: number, cRows: Float64Array, cCols: Float64Array, scales: Float64Array, tmp: Float64Array): void {
  const rc = cols - 1;
  tmp.fill(0, 0, (rows - 1) * cols);
  for (let c = 0; c < cols; c++) stzBackward(gx, xOff + c * rows, tmp, c * (rows - 1), rows, cRows, scales[c]);
  for (let j = 0; j < rows - 1; j++) {
    let prefix = 0;
    for (let k = 1; k < cols; k++) {
      prefix += tmp[(k - 1) * (rows - 1) + j];
      gz[zOff + j * rc + k - 1] += cCols[k] * (prefix - k * tmp[k * (rows - 1) + j]);
    }
  }
}
