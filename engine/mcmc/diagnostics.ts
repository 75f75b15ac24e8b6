/**
 * Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021),
 * "Rank-normalization, folding, and localization: an improved R-hat": split chains,
 * rank-normalised bulk R-hat/ESS, folded (tail) R-hat, tail ESS from the 5% and 95% quantile
 * indicators. ESS uses Geyer's initial monotone sequence as in Stan/posterior. Autocovariances
 * are computed directly, lag by lag, only as far as the Geyer truncation needs — for mixing
 * chains that is a handful of lags, far cheaper than an FFT over every quantity.
 */
import { argsortInto } from './argsort.js';

/** Draws of one quantity: chains[c][i]. */
export type ChainDraws = readonly Float64Array[];

/** Acklam's rational approximation of the standard normal quantile (|rel err| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Splits each chain in two halves (an odd middle draw is dropped). */
export function splitChains(chains: ChainDraws): Float64Array[] {
  const out: Float64Array[] = [];
  for (const x of chains) {
    const h = Math.floor(x.length / 2);
    out.push(x.subarray(0, h), x.subarray(x.length - h));
  }
  return out;
}

let scoreCache: { S: number; table: Float64Array } = { S: 0, table: new Float64Array(0) };

/** Normal scores of integer ranks 1..S, cached (every quantity of a run has the same S). */
function normalScores(S: number): Float64Array {
  if (scoreCache.S !== S) {
    const table = new Float64Array(S + 1);
    for (let r = 1; r <= S; r++) table[r] = normalQuantile((r - 0.375) / (S + 0.25));
    scoreCache = { S, table };
  }
  return scoreCache.table;
}

/**
 * Normal scores of `values` given their ascending order: Blom offsets, average ranks for ties.
 * Writes into `out` (same indexing as `values`).
 */
function scoresFromOrder(values: Float64Array, order: Int32Array, out: Float64Array): void {
  const S = values.length;
  const scores = normalScores(S);
  // Plain loops, no per-element closures: this runs for every stored quantity of a calibration.
  let k = 0;
  while (k < S) {
    const v = values[order[k]];
    let end = k + 1;
    while (end < S && values[order[end]] === v) end++;
    // No tie: 1-based rank k + 1; a tie: the 1-based average rank of k+1..end.
    const score = end === k + 1 ? scores[k + 1] : normalQuantile(((k + 1 + end) / 2 - 0.375) / (S + 0.25));
    for (let a = k; a < end; a++) out[order[a]] = score;
    k = end;
  }
}

/** Chains laid end to end (chain-major) in one array. */
function pool(chains: ChainDraws): Float64Array {
  let S = 0;
  for (const c of chains) S += c.length;
  const out = new Float64Array(S);
  let k = 0;
  for (const c of chains) {
    out.set(c, k);
    k += c.length;
  }
  return out;
}

/** Equal-length chains as views into one chain-major array (no copies). */
function viewsOf(flat: Float64Array, m: number, n: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < m; j++) out.push(flat.subarray(j * n, (j + 1) * n));
  return out;
}

/**
 * Ascending order of |values - centre| from the ascending order of values, by merging the two
 * monotone runs either side of the centre: the folded draws' order without a second sort.
 */
function foldOrder(values: Float64Array, order: Int32Array, centre: number, out: Int32Array): void {
  const S = values.length;
  let right = 0;
  while (right < S && values[order[right]] < centre) right++;
  let left = right - 1;
  for (let k = 0; k < S; k++) {
    const a = left >= 0 ? Math.abs(values[order[left]] - centre) : Infinity;
    const b = right < S ? Math.abs(values[order[right]] - centre) : Infinity;
    out[k] = a <= b ? order[left--] : order[right++];
  }
}

/** Quantile (type 7) of values given their ascending order. */
function quantileOrdered(values: Float64Array, order: Int32Array, p: number): number {
  const h = (values.length - 1) * p;
  const lo = Math.floor(h);
  const x = values[order[lo]];
  return x + (h - lo) * (values[order[Math.min(lo + 1, values.length - 1)]] - x);
}

function meanOf(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Classic R-hat of already split chains. */
export function rhatBasic(chains: ChainDraws): number {
  const m = chains.length;
  const n = chains[0].length;
  if (m < 2 || n < 2) return Number.NaN;
  const means = chains.map(meanOf);
  const grand = means.reduce((a, b) => a + b, 0) / m;
  let B = 0;
  for (const mu of means) B += (mu - grand) ** 2;
  B *= n / (m - 1);
  let W = 0;
  chains.forEach((c, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (c[i] - means[j]) ** 2;
    W += s / (n - 1);
  });
  W /= m;
  if (W === 0) return B === 0 ? 1 : Number.POSITIVE_INFINITY;
  const varPlus = ((n - 1) / n) * W + B / n;
  return Math.sqrt(varPlus / W);
}

/** ESS of (already split) chains, Geyer's initial monotone sequence. */
export function essBasic(chains: ChainDraws): number {
  const m = chains.length;
  const n = chains[0].length;
  if (n < 4) return Number.NaN;
  const means = chains.map(meanOf);
  // acov(c, t) with denominator n, computed on demand.
  const acov = (t: number) => {
    let s = 0;
    for (let j = 0; j < m; j++) {
      const c = chains[j];
      const mu = means[j];
      let a = 0;
      for (let i = 0; i + t < n; i++) a += (c[i] - mu) * (c[i + t] - mu);
      s += a / n;
    }
    return s / m; // mean over chains
  };
  const acov0 = acov(0);
  const meanVar = (acov0 * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) {
    const grand = means.reduce((a, b) => a + b, 0) / m;
    let v = 0;
    for (const mu of means) v += (mu - grand) ** 2;
    varPlus += v / (m - 1);
  }
  if (!(varPlus > 0)) return Number.NaN;
  const rho = new Float64Array(n);
  rho[0] = 1;
  let rhoEven = 1;
  let rhoOdd = 1 - (meanVar - acov(1)) / varPlus;
  rho[1] = rhoOdd;
  let t = 1;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    rhoEven = 1 - (meanVar - acov(t + 1)) / varPlus;
    rhoOdd = 1 - (meanVar - acov(t + 2)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t + 1] = rhoEven;
      rho[t + 2] = rhoOdd;
    }
    t += 2;
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT + 1] = rhoEven;
  // Geyer's initial monotone sequence.
  for (let u = 1; u <= maxT - 2; u += 2) {
    if (rho[u + 1] + rho[u + 2] > rho[u - 1] + rho[u]) {
      rho[u + 1] = (rho[u - 1] + rho[u]) / 2;
      rho[u + 2] = rho[u + 1];
    }
  }
  let sum = 0;
  for (let u = 0; u <= maxT; u++) sum += rho[u];
  const ess = m * n;
  let tau = -1 + 2 * sum + rho[maxT + 1];
  tau = Math.max(tau, 1 / Math.log10(ess));
  return ess / tau;
}

export interface QuantityDiagnostics {
  /** max(rhatBulk, folded R-hat): the folded one compares the chains' spread, not their location. */
  readonly rhat: number;
  /** Split rank-normalised R-hat of the draws themselves (location). */
  readonly rhatBulk: number;
  readonly essBulk: number;
  readonly essTail: number;
}

/**
 * Split, rank-normalised R-hat (max of bulk and folded), bulk ESS and tail ESS of one quantity.
 * One radix argsort per quantity: the folded draws' order comes from the draws' order
 * (foldOrder), and every transformed series lives in one flat array viewed per split chain (a
 * calibration runs this for each of ~700 stored quantities).
 */
export function diagnose(chains: ChainDraws): QuantityDiagnostics {
  const split = splitChains(chains);
  const flat = pool(split);
  const order = new Int32Array(flat.length);
  argsortInto(flat, order);
  return diagnoseOrdered(flat, order, split.length, split[0]?.length ?? 0);
}

/** Posterior summary numbers of one quantity (pooled draws) with its diagnostics. */
export interface QuantityDescription extends QuantityDiagnostics {
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
}

/**
 * Mean, sd, 5/50/95% quantiles of all draws and diagnose() — sharing its sort: with an even
 * chain length the split chains hold exactly the draws, in the same order.
 */
export function describe(chains: ChainDraws): QuantityDescription {
  const all = pool(chains);
  const S = all.length;
  let sum = 0;
  for (let i = 0; i < S; i++) sum += all[i];
  const mean = sum / S;
  let ss = 0;
  for (let i = 0; i < S; i++) ss += (all[i] - mean) ** 2;
  const order = new Int32Array(S);
  argsortInto(all, order);
  const n = chains[0]?.length ?? 0;
  const evenSplit = chains.every((c) => c.length === n && n % 2 === 0);
  const d = n < 4 ? { rhat: Number.NaN, rhatBulk: Number.NaN, essBulk: Number.NaN, essTail: Number.NaN } : evenSplit ? diagnoseOrdered(all, order, 2 * chains.length, n / 2) : diagnose(chains);
  return { mean, sd: Math.sqrt(ss / Math.max(1, S - 1)), q5: quantileOrdered(all, order, 0.05), q50: quantileOrdered(all, order, 0.5), q95: quantileOrdered(all, order, 0.95), ...d };
}

/** diagnose() on split chains laid end to end in `flat` (m chains of n), given flat's ascending order. */
function diagnoseOrdered(flat: Float64Array, order: Int32Array, m: number, n: number): QuantityDiagnostics {
  const S = flat.length;
  if (S === 0 || flat[order[0]] === flat[order[S - 1]]) return { rhat: 1, rhatBulk: 1, essBulk: Number.NaN, essTail: Number.NaN };
  const z = new Float64Array(S);
  scoresFromOrder(flat, order, z);
  const med = quantileOrdered(flat, order, 0.5);
  const folded = new Float64Array(S);
  for (let i = 0; i < S; i++) folded[i] = Math.abs(flat[i] - med);
  const zFolded = new Float64Array(S);
  const orderFolded = new Int32Array(S);
  foldOrder(flat, order, med, orderFolded);
  scoresFromOrder(folded, orderFolded, zFolded);
  const zViews = viewsOf(z, m, n);
  const rhatBulk = rhatBasic(zViews);
  const rhat = Math.max(rhatBulk, rhatBasic(viewsOf(zFolded, m, n)));
  const q05 = quantileOrdered(flat, order, 0.05);
  const q95 = quantileOrdered(flat, order, 0.95);
  // Tail ESS from the 5% and 95% quantile indicators (the folded buffers are reused).
  for (let i = 0; i < S; i++) {
    folded[i] = flat[i] <= q05 ? 1 : 0;
    zFolded[i] = flat[i] <= q95 ? 1 : 0;
  }
  const essTail = Math.min(essBasic(viewsOf(folded, m, n)), essBasic(viewsOf(zFolded, m, n)));
  return { rhat, rhatBulk, essBulk: essBasic(zViews), essTail };
}
