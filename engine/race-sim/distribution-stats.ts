/**
 * Small statistics used by the forecast summary: mean/sd/percentiles of a column, and a
 * Pearson correlation matrix of an S x n row-major matrix.
 */
import type { DistributionSummary } from '../contract/simulation-types.js';

/** Linear-interpolation quantile (R type 7) of an ascending-sorted array. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const len = sorted.length;
  if (len === 0) return Number.NaN;
  const h = (len - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, len - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Column-major copy (n x S) of an S x n row-major matrix. Reading rows sequentially and
 * writing n streams is cache-friendly; reading one strided column at a time is not (every
 * element of a column sits on its own cache line), which made summaries of 100k+ scenarios slow.
 */
export function transpose(data: ArrayLike<number>, S: number, n: number): Float64Array {
  const out = new Float64Array(S * n);
  for (let s = 0; s < S; s++) {
    const o = s * n;
    for (let i = 0; i < n; i++) out[i * S + s] = data[o + i];
  }
  return out;
}

/** Summary of one column (sorted IN PLACE). sd is the sample standard deviation (0 for one value). */
export function summarizeValues(values: Float64Array): DistributionSummary {
  const S = values.length;
  let sum = 0;
  for (let s = 0; s < S; s++) sum += values[s];
  const mean = sum / S;
  let ss = 0;
  for (let s = 0; s < S; s++) ss += (values[s] - mean) ** 2;
  const sorted = values.sort();
  return {
    mean,
    sd: S > 1 ? Math.sqrt(ss / (S - 1)) : 0,
    p5: sortedQuantile(sorted, 0.05),
    p25: sortedQuantile(sorted, 0.25),
    p50: sortedQuantile(sorted, 0.5),
    p75: sortedQuantile(sorted, 0.75),
    p95: sortedQuantile(sorted, 0.95),
  };
}

/**
 * n x n Pearson correlation (row-major) of the columns of an S x n matrix. A column with zero
 * variance correlates 0 with the others (and 1 with itself), instead of NaN.
 */
export function correlationMatrix(data: ArrayLike<number>, S: number, n: number): Float64Array {
  const mean = new Float64Array(n);
  for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) mean[i] += data[s * n + i];
  for (let i = 0; i < n; i++) mean[i] /= S;
  const cov = new Float64Array(n * n);
  const x = new Float64Array(n);
  for (let s = 0; s < S; s++) {
    const o = s * n;
    for (let i = 0; i < n; i++) x[i] = data[o + i] - mean[i];
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const r = i * n;
      for (let j = i; j < n; j++) cov[r + j] += xi * x[j];
    }
  }
  const corr = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    corr[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const den = Math.sqrt(cov[i * n + i] * cov[j * n + j]);
      const c = den > 0 ? cov[i * n + j] / den : 0;
      corr[i * n + j] = c;
      corr[j * n + i] = c;
    }
  }
  return corr;
}
