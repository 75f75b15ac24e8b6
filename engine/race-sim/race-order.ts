/**
 * One scenario's finishing order: Plackett–Luce order, independent DNFs, a correlated
 * multi-car incident, and the final classification with laps completed.
 *
 * - Order: the exponential race — driver i "finishes" at Exp(1) / worth_i; sorting by time is
 *   exactly a Plackett–Luce draw (equivalent to Gumbel-max on log-worth: -log of an Exp(1) is
 *   a standard Gumbel) and needs one ziggurat Exp(1) per driver instead of two logs.
 * - Independent DNF: u < dnfProb; the same uniform, rescaled (u / p is uniform given u < p),
 *   gives the dropout lap, so every driver always consumes exactly one uniform.
 * - Incident ("big one"): with incidentProb, at a uniform lap, 1 + Geometric cars with mean
 *   incidentMeanCars are collected: a contiguous block of cars still running, around a uniform
 *   place in the sampled order (cars near each other on track). Collected cars are out at that
 *   lap. (A mean below 1 collects one car; 0 disables incidents.)
 * - Classification: running cars in sampled order, then DNFs by dropout lap (later = better;
 *   ties keep the sampled order). At least one car always finishes: if every car dropped out,
 *   the last one out is reinstated as the (only) finisher.
 * - Laps completed: the first ceil(share * runners) runners finish on the lead lap (share ~
 *   Normal(leadLapFraction, leadLapFractionSd), clipped to [0, 1]), then
 *   ceil(k * lapsDownPerPlace) laps down for the k-th car behind them — never below the best
 *   DNF, so laps completed never increase down the order (laps-led eligibility relies on it).
 *   The same Box–Muller pair also draws the scenario's green-lap share (fastest laps).
 */
import type { UniformStream } from '../rng/index.js';
import type { PreparedModel } from './prepare-model.js';
import { nextExp } from './ziggurat-exp.js';

/** Guide-table cells per driver for weighted picks: 2 measured fastest (vs 1 and 4). */
export const GUIDE_CELLS_PER_DRIVER = 2;

/** Scratch arrays for one scenario, allocated once per run (no per-scenario allocation). */
export interface Workspace {
  readonly time: Float64Array; // per driver: exponential-race finishing time
  readonly sampled: Int32Array; // place -> driver, sampled (pre-DNF) order
  readonly dropout: Int32Array; // per driver: lap of dropping out, `laps` when running
  readonly order: Int32Array; // place -> driver, final classification
  readonly lapsCompleted: Int32Array; // place -> laps completed
  readonly dnfTmp: Int32Array;
  readonly bucket: Int32Array; // per driver: sort bucket
  readonly count: Int32Array; // n+1 bucket offsets
  readonly cum: Float64Array; // place -> cumulative pick weight (lap-allocation.ts)
  readonly guide: Int32Array; // guide table over cum, GUIDE_CELLS_PER_DRIVER * n cells
  readonly guideScale: Float64Array; // [cells / total weight]
  readonly seg: Float64Array; // stint boundaries
  readonly greenShare: Float64Array; // [this scenario's green-lap share]
}

export function createWorkspace(n: number, leadSegments: number): Workspace {
  return {
    time: new Float64Array(n),
    sampled: new Int32Array(n),
    dropout: new Int32Array(n),
    order: new Int32Array(n),
    lapsCompleted: new Int32Array(n),
    dnfTmp: new Int32Array(n),
    bucket: new Int32Array(n),
    count: new Int32Array(n + 1),
    cum: new Float64Array(n),
    guide: new Int32Array(n * GUIDE_CELLS_PER_DRIVER),
    guideScale: new Float64Array(1),
    seg: new Float64Array(leadSegments),
    greenShare: new Float64Array(1),
  };
}

/** Fill ws.order / ws.dropout / ws.lapsCompleted for posterior draw `d`. Returns the number of finishers. */
export function sampleRaceOrder(pm: PreparedModel, d: number, rng: UniformStream, ws: Workspace): number {
  const { n, laps } = pm;
  const base = d * n;
  const { time, sampled, dropout, order, dnfTmp } = ws;

  // Plackett–Luce order by the exponential race. Sorting: a bucket pass on the monotone map
  // t / (t + c) with c = the draw's median expected time (spreads the n times over n buckets),
  // then an insertion pass that only fixes the few inversions left inside buckets.
  const { bucket, count } = ws;
  const c = pm.medianTime[d];
  for (let b = 0; b <= n; b++) count[b] = 0;
  for (let i = 0; i < n; i++) {
    const t = nextExp(rng) * pm.invWorth[base + i];
    time[i] = t;
    let b = Math.floor((n * t) / (t + c));
    if (b >= n) b = n - 1; // t >> c rounds the ratio up to exactly 1
    bucket[i] = b;
    count[b + 1]++;
  }
  for (let b = 0; b < n; b++) count[b + 1] += count[b];
  for (let i = 0; i < n; i++) sampled[count[bucket[i]]++] = i;
  for (let q = 1; q < n; q++) {
    const i = sampled[q];
    const t = time[i];
    let p = q;
    while (p > 0 && time[sampled[p - 1]] > t) {
      sampled[p] = sampled[p - 1];
      p--;
    }
    sampled[p] = i;
  }

  let runners = n;
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const p = pm.dnfProb[base + i];
    if (u < p) {
      dropout[i] = Math.floor((u / p) * laps);
      runners--;
    } else dropout[i] = laps;
  }

  const pInc = pm.incidentProb[d];
  const uInc = rng.next();
  if (uInc < pInc) runners -= collectIncident(pm, Math.floor((uInc / pInc) * laps), rng, ws);

  if (runners === 0) {
    let best = sampled[0];
    for (let p = 1; p < n; p++) if (dropout[sampled[p]] > dropout[best]) best = sampled[p];
    dropout[best] = laps;
    runners = 1;
  }

  // Classification: runners in sampled order, then DNFs stably sorted by dropout lap, descending.
  let r = 0;
  let k = 0;
  for (let p = 0; p < n; p++) {
    const i = sampled[p];
    if (dropout[i] === laps) order[r++] = i;
    else {
      let q = k++;
      while (q > 0 && dropout[dnfTmp[q - 1]] < dropout[i]) {
        dnfTmp[q] = dnfTmp[q - 1];
        q--;
      }
      dnfTmp[q] = i;
    }
  }
  for (let q = 0; q < k; q++) order[runners + q] = dnfTmp[q];

  // Two normals by Box–Muller: this scenario's lead-lap share and green-lap share.
  const radius = Math.sqrt(-2 * Math.log(rng.next()));
  const angle = 2 * Math.PI * rng.next();
  const { opts } = pm;
  ws.greenShare[0] = clamp(pm.greenLapShare + opts.greenShareSd * radius * Math.cos(angle), opts.minGreenShare, 1);
  const leadLapShare = clamp(opts.leadLapFraction + opts.leadLapFractionSd * radius * Math.sin(angle), 0, 1);

  const lc = ws.lapsCompleted;
  const bestDnf = k > 0 ? dropout[dnfTmp[0]] : 0;
  const leadLapCars = Math.max(1, Math.ceil(leadLapShare * runners));
  for (let p = 0; p < runners; p++) {
    const down = p < leadLapCars ? 0 : Math.ceil((p - leadLapCars + 1) * opts.lapsDownPerPlace);
    lc[p] = Math.max(laps - down, bestDnf);
  }
  for (let q = 0; q < k; q++) lc[runners + q] = dropout[dnfTmp[q]];
  return runners;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** A multi-car incident at `lap`; returns how many running cars it took out. */
function collectIncident(pm: PreparedModel, lap: number, rng: UniformStream, ws: Workspace): number {
  const { n } = pm;
  const m = pm.incidentMeanCars;
  const uSize = rng.next();
  const uPlace = rng.next();
  if (m <= 0) return 0;
  // 1 + Geometric(p = 1/m) has mean m; inversion keeps the draw at one uniform.
  const size = m <= 1 ? 1 : 1 + Math.floor(Math.log(uSize) / Math.log(1 - 1 / m));
  const centre = Math.floor(uPlace * n);
  const { sampled, dropout } = ws;
  let collected = 0; // cars still on track at `lap` that the incident takes
  let lostRunners = 0; // of which were otherwise running at the finish
  for (let p = centre; p < n && collected < size; p++) {
    const i = sampled[p];
    if (dropout[i] > lap) {
      collected++;
      if (dropout[i] === pm.laps) lostRunners++;
      dropout[i] = lap;
    }
  }
  for (let p = centre - 1; p >= 0 && collected < size; p--) {
    const i = sampled[p];
    if (dropout[i] > lap) {
      collected++;
      if (dropout[i] === pm.laps) lostRunners++;
      dropout[i] = lap;
    }
  }
  return lostRunners;
}
