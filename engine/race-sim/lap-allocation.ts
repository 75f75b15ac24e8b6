/**
 * Laps led and fastest laps, conserved BY CONSTRUCTION (issue 5, item 1): every stint or block
 * length is fixed before anyone is chosen for it, so totals never depend on a reject-and-retry.
 *
 * Laps led: the race's laps are cut into `leadSegments` stints with Dirichlet(1..1) lengths
 * (exponential spacings, integer cut points, so stint lengths sum to `laps` exactly). Each
 * stint goes whole to one leader; the last stint (>= 1 lap) is the winner's, because the
 * winner always leads the final lap. Other stints pick a leader with weight
 * exp(lapsLedDominance * strength) * leadRankDecay^place among the cars still running at the
 * stint's end — so nobody leads more laps than they completed.
 *
 * Fastest laps (DraftKings: one credit per green lap to the car with the lap's fastest time):
 * the scenario's green laps G (<= laps) are split into `fastestLapSegments` near-equal blocks,
 * each credited whole to one car still running when the block ends, weighted by
 * exp(fastestLapDominance * strength) * fastestLapRankDecay^place. Blocks sum to G exactly.
 *
 * Eligibility is a PREFIX of the classification: laps completed never increase down the order
 * (race-order.ts), so "still running at lap e" = the first m places, and a pick is an inverse-CDF
 * lookup in the cumulative weights of that prefix: for the ~40 fastest-lap blocks it starts from
 * a guide table (Chen & Asau's cutpoint method: ~1 scan step instead of a binary search), for
 * the few weighted laps-led stints a scan from the top is cheaper. Measured faster than per-draw
 * alias tables with rejection of ineligible/decayed proposals (2 uniforms and a
 * mispredicted branch per proposal, ~1.5 proposals per pick).
 */
import type { UniformStream } from '../rng/index.js';
import type { PreparedModel } from './prepare-model.js';
import type { Workspace } from './race-order.js';
import { nextExp } from './ziggurat-exp.js';

/**
 * Cumulative weights over the classification, weight(place p) = weight[driver at p] * rankPow[p],
 * and the guide table: guide[k] = first place whose cumulative weight exceeds k/cells of the total.
 */
export function fillCumulative(ws: Workspace, weight: Float64Array, base: number, rankPow: Float64Array, n: number, withGuide: boolean): void {
  const { cum, guide, order } = ws;
  let acc = 0;
  for (let p = 0; p < n; p++) {
    acc += weight[base + order[p]] * rankPow[p];
    cum[p] = acc;
  }
  if (!withGuide) return;
  // acc > 0: place 0 has rankPow 1 and a weight >= e^-700 (prepare-model.ts clamps exponents).
  const cells = guide.length;
  ws.guideScale[0] = cells / acc;
  const width = acc / cells;
  let p = 0;
  for (let k = 0; k < cells; k++) {
    const threshold = k * width;
    while (p < n - 1 && cum[p] <= threshold) p++;
    guide[k] = p;
  }
}

/**
 * The same pick by a linear scan from place 0, for the laps-led stints: there are only ~10
 * weighted picks per race and leadRankDecay concentrates the weight on the first places, so a
 * short scan beats building a guide table.
 */
export function pickInPrefixLinear(ws: Workspace, m: number, u: number): number {
  const cum = ws.cum;
  const x = u * cum[m - 1];
  let p = 0;
  while (p < m - 1 && cum[p] <= x) p++;
  return p;
}

/**
 * Weighted pick of a place in [0, m) from one uniform: x = u * cum[m-1] falls in place p with
 * cum[p-1] <= x < cum[p]. The guide entry for x never overshoots (it is the first place above
 * a threshold <= x), and the scan stops at m-1 since x < cum[m-1].
 */
export function pickInPrefix(ws: Workspace, m: number, u: number): number {
  const { cum, guide } = ws;
  const x = u * cum[m - 1];
  let p = guide[Math.floor(x * ws.guideScale[0])];
  while (p < m - 1 && cum[p] <= x) p++;
  return p;
}

/** Add this scenario's laps led into out[o + driver]; the row sums to pm.laps. */
export function allocateLapsLed(pm: PreparedModel, d: number, rng: UniformStream, ws: Workspace, out: Uint16Array, o: number): void {
  const { n, laps } = pm;
  const K = pm.opts.leadSegments;
  const seg = ws.seg;
  const shortLaps = pm.opts.shortStintLaps;
  const shortField = pm.opts.shortStintField;
  let total = 0;
  for (let j = 0; j < K; j++) {
    total += nextExp(rng);
    seg[j] = total;
  }
  fillCumulative(ws, pm.leadWeight, d * n, pm.leadRankPow, n, false);
  const lc = ws.lapsCompleted;
  let prevEnd = 0;
  let m = n;
  const lapsPerUnit = laps / total;
  for (let j = 0; j < K - 1; j++) {
    let end = Math.floor(seg[j] * lapsPerUnit);
    if (end > laps - 1) end = laps - 1; // keep >= 1 lap for the winner's final stint
    if (end < prevEnd) end = prevEnd;
    const u = rng.next(); // drawn even for empty stints: fixed consumption per stint
    if (end > prevEnd) {
      while (m > 1 && lc[m - 1] < end) m--;
      // Short stints are pit-cycle / restart leads: anyone in the lead pack can hold them, so
      // they go uniformly to one of the first `shortStintField` running places instead.
      const p = end - prevEnd <= shortLaps ? Math.floor(u * (m < shortField ? m : shortField)) : pickInPrefixLinear(ws, m, u);
      out[o + ws.order[p]] += end - prevEnd;
      prevEnd = end;
    }
  }
  out[o + ws.order[0]] += laps - prevEnd;
}

/** Add this scenario's fastest laps into out[o + driver]; returns the green laps G (the row's sum). */
export function allocateFastestLaps(pm: PreparedModel, d: number, rng: UniformStream, ws: Workspace, out: Uint16Array, o: number): number {
  const { n, laps } = pm;
  const G = Math.round(laps * ws.greenShare[0]); // drawn with the classification (race-order.ts)
  if (G === 0) return 0;
  const K = Math.min(pm.opts.fastestLapSegments, G);
  fillCumulative(ws, pm.fastWeight, d * n, pm.fastRankPow, n, true);
  const lc = ws.lapsCompleted;
  // Block j ends after e_j = floor(j*G/K) green laps (integer stepping, no division per block).
  // Green laps are spread evenly over the race, so the car at place m-1 is still running at
  // the end of a block iff e_j <= floor(lc * G / laps): one division per change of m.
  const step = Math.floor(G / K);
  const extra = G - step * K;
  let m = n;
  let limit = Math.floor((lc[m - 1] * G) / laps);
  let e = 0;
  let rem = 0;
  for (let j = 0; j < K; j++) {
    const prev = e;
    e += step;
    rem += extra;
    if (rem >= K) {
      rem -= K;
      e++;
    }
    while (m > 1 && e > limit) {
      m--;
      limit = Math.floor((lc[m - 1] * G) / laps);
    }
    const p = pickInPrefix(ws, m, rng.next());
    out[o + ws.order[p]] += e - prev;
  }
  return G;
}
