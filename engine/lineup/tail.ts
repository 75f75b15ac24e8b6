/**
 * Upper-tail statistics of a score vector. CVaR here is the UPPER tail ("conditional upside"):
 * the mean of the K = ceil(alpha·S) largest scores; VaR is the K-th largest score.
 */

/** K = ceil(alpha·S), at least 1 (alpha·S rounded first so 0.01·10,000 stays 100). */
export function tailCount(alpha: number, scenarios: number): number {
  return Math.max(1, Math.ceil(Math.round(alpha * scenarios * 1e9) / 1e9));
}

/**
 * K-th largest of v[0..m) (1-based K <= m), by quickselect on `scratch` (v is not modified).
 * Median-of-three pivots keep it linear on the sorted-ish data lineup scores often are.
 */
export function kthLargest(v: ArrayLike<number>, m: number, K: number, scratch: Float64Array): number {
  for (let i = 0; i < m; i++) scratch[i] = v[i];
  let lo = 0;
  let hi = m - 1;
  const target = K - 1; // index in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = scratch[lo];
    const b = scratch[mid];
    const c = scratch[hi];
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scratch[i] > pivot) i++;
      while (scratch[j] < pivot) j--;
      if (i <= j) {
        const t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return scratch[target];
  }
  return scratch[target];
}

/** Sum of the K largest of v[0..m) given its K-th largest value (ties at VaR counted exactly). */
export function topSum(v: ArrayLike<number>, m: number, K: number, kth: number): number {
  let sum = 0;
  let above = 0;
  for (let i = 0; i < m; i++) {
    if (v[i] > kth) {
      sum += v[i];
      above++;
    }
  }
  return sum + (K - above) * kth;
}

/** Upper CVaR and VaR of v[0..m) at tail count K. */
export function upperCvar(v: ArrayLike<number>, m: number, K: number, scratch: Float64Array): { cvar: number; varK: number } {
  const varK = kthLargest(v, m, K, scratch);
  return { cvar: topSum(v, m, K, varK) / K, varK };
}
