/**
 * Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021),
 * "Rank-normalization, folding, and localization: an improved R-hat": split chains,
 * rank-normalised bulk R-hat/ESS, folded (tail) R-hat, tail ESS from the 5% and 95% quantile
 * indicators. ESS uses Geyer's initial monotone sequence as in Stan/posterior. Autocovariances
 * are computed directly, lag by lag, only as far as the Geyer truncation needs — for mixing
 * chains that is a handful of lags, far cheaper than an FFT over every quantity.
 */

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

/** Rank-normalises all draws jointly (average ranks for ties, Blom offsets). */
export function rankNormalise(chains: ChainDraws): Float64Array[] {
  let S = 0;
  for (const c of chains) S += c.length;
  const sorted = new Float64Array(S);
  let k = 0;
  for (const c of chains) {
    sorted.set(c, k);
    k += c.length;
  }
  sorted.sort();
  const scores = normalScores(S);
  // Plain loops, no per-element closures: this runs for every stored quantity of a calibration.
  const out: Float64Array[] = [];
  for (const c of chains) {
    const z = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      let lo = 0;
      let hi = S;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      let up = lo;
      while (up < S && sorted[up] === v) up++;
      // No tie: 1-based rank lo + 1; a tie: the 1-based average rank.
      z[i] = up === lo + 1 ? scores[up] : normalQuantile(((lo + up + 1) / 2 - 0.375) / (S + 0.25));
    }
    out.push(z);
  }
  return out;
}

/** The same transform x → f(x) of every chain, as new arrays (plain loops). */
function mapChains(chains: ChainDraws, f: (v: number) => number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c of chains) {
    const y = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) y[i] = f(c[i]);
    out.push(y);
  }
  return out;
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
  readonly rhat: number;
  readonly essBulk: number;
  readonly essTail: number;
}

/** Quantile of pooled draws (type 7). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Split, rank-normalised R-hat (max of bulk and folded), bulk ESS and tail ESS of one quantity. */
export function diagnose(chains: ChainDraws): QuantityDiagnostics {
  const split = splitChains(chains);
  const first = split[0]?.[0];
  let constant = true;
  for (const c of split) for (let i = 0; constant && i < c.length; i++) constant = c[i] === first;
  if (constant) return { rhat: 1, essBulk: Number.NaN, essTail: Number.NaN };
  const z = rankNormalise(split);
  const sorted = new Float64Array(split.reduce((n, c) => n + c.length, 0));
  let k = 0;
  for (const c of split) {
    sorted.set(c, k);
    k += c.length;
  }
  sorted.sort();
  const med = quantileSorted(sorted, 0.5);
  const folded = rankNormalise(mapChains(split, (v) => Math.abs(v - med)));
  const rhat = Math.max(rhatBasic(z), rhatBasic(folded));
  const q05 = quantileSorted(sorted, 0.05);
  const q95 = quantileSorted(sorted, 0.95);
  const essLo = essBasic(mapChains(split, (v) => (v <= q05 ? 1 : 0)));
  const essHi = essBasic(mapChains(split, (v) => (v <= q95 ? 1 : 0)));
  return { rhat, essBulk: essBasic(z), essTail: Math.min(essLo, essHi) };
}
