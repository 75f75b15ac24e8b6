/**
 * Per-driver upside (mean of the driver's best alpha share of scenarios): an additive proxy
 * that ranks ceiling lineups. Used only to SEED searches and candidate pools, never as a
 * reported objective.
 */
import type { DriverColumns } from './scenario-matrix.js';
import { kthLargest, tailCount, topSum } from './tail.js';

export function upsideValues(dc: DriverColumns, nFree: number, alpha: number): Float64Array {
  const S = dc.scenarios;
  const K = tailCount(alpha, S);
  const scratch = new Float64Array(S);
  const out = new Float64Array(nFree);
  for (let p = 0; p < nFree; p++) {
    const col = dc.cols.subarray(p * S, (p + 1) * S);
    out[p] = topSum(col, S, K, kthLargest(col, S, K, scratch)) / K;
  }
  return out;
}
