/**
 * Plackett-Luce (rank-ordered logit) log likelihood and its gradient for many races at once.
 * Rows of race r are [raceStart[r], raceStart[r+1]) in finishing order (winner first). With
 * w_i = exp(eta_i) and reverse cumulative sums S_k = sum_{j >= k} w_j,
 *
 *   log L = sum_k eta_k - log S_k,      d log L / d eta_i = 1 - w_i * sum_{k <= i} 1 / S_k
 *
 * so one backward pass (S) and one forward pass (gradient) make it O(n) per race. This is the
 * hot loop of calibration, so: exp via fastExp, and sum log S_k taken as the log of a running
 * product (one log per race instead of one per row; renormalised before it could overflow).
 * The last place contributes eta - log(w) = 0 and is kept to avoid a branch.
 */
import { fastExp } from './fast-exp.js';

const RENORM_HI = 1e150;
const RENORM_LO = 1e-150;

/** Returns sum_r weight[r] * log L_r; writes weight-scaled gradients into gEta. `work` is scratch (length = rows). */
export function plackettLuce(eta: Float64Array, gEta: Float64Array, work: Float64Array, raceStart: Int32Array, weight: Float64Array): number {
  let total = 0;
  const nRaces = raceStart.length - 1;
  for (let r = 0; r < nRaces; r++) total += weight[r] * race(eta, gEta, work, raceStart[r], raceStart[r + 1], weight[r]);
  return total;
}

function race(eta: Float64Array, gEta: Float64Array, work: Float64Array, a: number, b: number, w: number): number {
  // Shift by the race maximum only when plain exp() would overflow (wild trajectories).
  let m = 0;
  let s = cumulate(eta, gEta, work, a, b, 0);
  if (!(s < 1e300)) {
    m = -Infinity;
    for (let i = a; i < b; i++) if (eta[i] > m) m = eta[i];
    s = cumulate(eta, gEta, work, a, b, m);
  }
  let sumEta = 0;
  let logs = 0;
  let prod = 1;
  let acc = 0;
  for (let i = a; i < b; i++) {
    const S = work[i];
    sumEta += eta[i];
    prod *= S;
    if (prod > RENORM_HI || prod < RENORM_LO) {
      logs += Math.log(prod);
      prod = 1;
    }
    acc += 1 / S;
    gEta[i] = w * (1 - gEta[i] * acc);
  }
  return sumEta - (b - a) * m - logs - Math.log(prod);
}

/** work[i] = sum_{j >= i} exp(eta_j - m); parks exp(eta_i - m) in gEta[i]. Returns the total. */
function cumulate(eta: Float64Array, gEta: Float64Array, work: Float64Array, a: number, b: number, m: number): number {
  let s = 0;
  for (let i = b - 1; i >= a; i--) {
    const e = fastExp(eta[i] - m);
    gEta[i] = e;
    s += e;
    work[i] = s;
  }
  return s;
}

/** Row layout the fused kernel reads (see plackettLuceCells). */
export interface CellRows {
  readonly raceStart: Int32Array;
  readonly raceType: Uint8Array;
  readonly weight: Float64Array;
  readonly rowCell: Int32Array;
  /** Start position (1..maxStart) of each row. */
  readonly rowStart: Int32Array;
  /** -log(start position) of each row. */
  readonly rowX: Float64Array;
  readonly maxStart: number;
}

/**
 * The same likelihood with the linear predictor and the gradient scatter fused in (the hot path
 * of the driver model): eta_i = cellEta[c_i] + beta[t] * x_i with x_i = -log(start_i), so
 * exp(eta_i) = cellExp[c_i] * startPow[t][start_i]. The caller computes the two small
 * exponential tables once per gradient (cells ~10x fewer than rows, starts <= 43), which
 * takes exp() out of the row loop entirely. Accumulates d/d cellEta into gCell and d/d beta
 * into gBeta (both zeroed by the caller); work/park are scratch of length rows.
 */
export function plackettLuceCells(
  rows: CellRows,
  cellEta: Float64Array,
  cellExp: Float64Array,
  beta: Float64Array,
  startPow: Float64Array,
  gCell: Float64Array,
  gBeta: Float64Array,
  work: Float64Array,
  park: Float64Array,
): number {
  const { raceStart, raceType, weight, rowCell, rowStart, rowX, maxStart } = rows;
  let total = 0;
  const nRaces = raceStart.length - 1;
  for (let r = 0; r < nRaces; r++) {
    const a = raceStart[r];
    const b = raceStart[r + 1];
    const w = weight[r];
    const t = raceType[r];
    const bt = beta[t];
    const pOff = t * (maxStart + 1);
    let s = 0;
    let sumEta = 0;
    let m = 0;
    for (let i = b - 1; i >= a; i--) {
      const c = rowCell[i];
      const e = cellExp[c] * startPow[pOff + rowStart[i]];
      sumEta += cellEta[c] + bt * rowX[i];
      park[i] = e;
      s += e;
      work[i] = s;
    }
    if (!(s < 1e300 && s > 1e-290)) {
      // Wild trajectory (over/underflow): redo the sums shifted by the race maximum.
      m = -Infinity;
      for (let i = a; i < b; i++) m = Math.max(m, cellEta[rowCell[i]] + bt * rowX[i]);
      s = 0;
      for (let i = b - 1; i >= a; i--) {
        const e = fastExp(cellEta[rowCell[i]] + bt * rowX[i] - m);
        park[i] = e;
        s += e;
        work[i] = s;
      }
    }
    let logs = 0;
    let prod = 1;
    let acc = 0;
    let gb = 0;
    for (let i = a; i < b; i++) {
      const S = work[i];
      prod *= S;
      if (prod > RENORM_HI || prod < RENORM_LO) {
        logs += Math.log(prod);
        prod = 1;
      }
      acc += 1 / S;
      const g = w * (1 - park[i] * acc);
      gCell[rowCell[i]] += g;
      gb += g * rowX[i];
    }
    gBeta[t] += gb;
    total += w * (sumEta - (b - a) * m - logs - Math.log(prod));
  }
  return total;
}

/**
 * plackettLuceCells without the start-position effect (beta = 0, the table all ones): the same
 * sums with two loads and two multiply-adds fewer per row. The model picks it when the feature
 * is off (the plain Plackett-Luce fits), where this loop is half of the sampler's time.
 */
export function plackettLuceCellsNoStart(rows: CellRows, cellEta: Float64Array, cellExp: Float64Array, gCell: Float64Array, work: Float64Array, park: Float64Array): number {
  const { raceStart, weight, rowCell } = rows;
  let total = 0;
  const nRaces = raceStart.length - 1;
  for (let r = 0; r < nRaces; r++) {
    const a = raceStart[r];
    const b = raceStart[r + 1];
    const w = weight[r];
    let s = 0;
    let sumEta = 0;
    let m = 0;
    for (let i = b - 1; i >= a; i--) {
      const c = rowCell[i];
      const e = cellExp[c];
      sumEta += cellEta[c];
      park[i] = e;
      s += e;
      work[i] = s;
    }
    if (!(s < 1e300 && s > 1e-290)) {
      // Wild trajectory (over/underflow): redo the sums shifted by the race maximum.
      m = -Infinity;
      for (let i = a; i < b; i++) m = Math.max(m, cellEta[rowCell[i]]);
      s = 0;
      for (let i = b - 1; i >= a; i--) {
        const e = fastExp(cellEta[rowCell[i]] - m);
        park[i] = e;
        s += e;
        work[i] = s;
      }
    }
    let logs = 0;
    let prod = 1;
    let acc = 0;
    for (let i = a; i < b; i++) {
      const S = work[i];
      prod *= S;
      if (prod > RENORM_HI || prod < RENORM_LO) {
        logs += Math.log(prod);
        prod = 1;
      }
      acc += 1 / S;
      gCell[rowCell[i]] += w * (1 - park[i] * acc);
    }
    total += w * (sumEta - (b - a) * m - logs - Math.log(prod));
  }
  return total;
}
