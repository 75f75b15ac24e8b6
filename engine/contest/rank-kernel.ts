/**
 * The hot loop of the contest simulation: rank our lineups against the field in a block of
 * scenarios and pay them by the tie rule.
 *
 * Per scenario, instead of sorting the field (D log D), we sort OUR few scores (L log L) and drop
 * every distinct field lineup into one of 2U+1 buckets around our U distinct scores
 * (below u0, equal u0, between u0 and u1, ...), weighted by its multiplicity, via a small lookup
 * table over our score range. Suffix sums over the buckets give, for each of our scores, how
 * many entries beat it and how many tie it, exactly. Scores are integer milli-points (sums of
 * per-driver rounded points), so equal lineups always tie and float noise cannot split a tie.
 * Field scores come from a per-scenario table of driver-PAIR sums (n^2/2 adds), so a 6-driver
 * (or 5-driver) lineup costs 3 lookups instead of 6: the gather is the bottleneck at
 * 5,000 x 10,000. Scenarios are processed two at a time over one pass of the field, which reads
 * the field once and lets the two independent load chains overlap (~15 % faster measured).
 *
 * The functions in RANK_KERNEL are shipped to worker threads as source text
 * (Function.prototype.toString, see rank-pool.ts): they may call each other but must not
 * reference imports or other module-level names — which is also why they share this one file
 * (a transpiler rewrites calls to imported functions). The work is split into small functions
 * on purpose: V8 optimises them after a few scenarios, whereas one huge loop runs in
 * on-stack-replacement code that deoptimises at every block.
 */

export interface RankBlockArgs {
  /** Players per scenario row. */
  readonly n: number;
  readonly rosterSize: number;
  /** S x n per-player milli-points, row = scenario. */
  readonly points: Int32Array;
  /** D x pairsPerLineup pair codes of the distinct field lineups (see encodePairs). */
  readonly fieldPairs: Int32Array;
  readonly pairsPerLineup: number;
  /** D multiplicities (integers: bucket sums stay exact and integer adds are cheaper). */
  readonly counts: Int32Array;
  /** L x rosterSize our lineups (player indices). */
  readonly ours: Uint16Array;
  /** Cumulative prizes, cum[k] = Σ prizes of ranks 1..k (last index = last paid rank). */
  readonly cum: Float64Array;
  readonly s0: number;
  readonly s1: number;
}

export interface RankBlockResult {
  /** Lineup-major within the block, l * (s1 - s0) + (s - s0): payout of our lineup l in scenario s. */
  readonly payouts: Float64Array;
  /** Same layout: rank (1 + entries scoring strictly more). */
  readonly ranks: Int32Array;
}

/**
 * Pair codes of lineups: players (a, b) → min*n + max, a leftover single a → a*n + a (the pair
 * table holds the single's points on its diagonal, and only its upper triangle is filled).
 */
export function encodePairs(lineups: Uint16Array, rosterSize: number, n: number): Int32Array {
  const P = Math.ceil(rosterSize / 2);
  const D = lineups.length / rosterSize;
  const out = new Int32Array(D * P);
  for (let d = 0; d < D; d++) {
    for (let p = 0; p < P; p++) {
      const a = lineups[d * rosterSize + 2 * p];
      const b = 2 * p + 1 < rosterSize ? lineups[d * rosterSize + 2 * p + 1] : a;
      out[d * P + p] = Math.min(a, b) * n + Math.max(a, b);
    }
  }
  return out;
}

interface KernelState {
  readonly payouts: Float64Array;
  readonly ranks: Int32Array;
  readonly pair: Int32Array;
  readonly sc: Int32Array;
  readonly uq: Int32Array;
  readonly eqOurs: Int32Array;
  readonly gtOurs: Int32Array;
  readonly eqField: Int32Array;
  readonly gtField: Int32Array;
  readonly bucket: Int32Array;
  readonly table: Int32Array;
}

export function rankBlock(a: RankBlockArgs): RankBlockResult {
  const L = a.ours.length / a.rosterSize;
  const B = a.s1 - a.s0;
  const st: KernelState = {
    payouts: new Float64Array(B * L),
    ranks: new Int32Array(B * L),
    pair: new Int32Array(a.n * a.n),
    sc: new Int32Array(L),
    uq: new Int32Array(L),
    eqOurs: new Int32Array(L),
    gtOurs: new Int32Array(L),
    eqField: new Int32Array(L),
    gtField: new Int32Array(L),
    bucket: new Int32Array(2 * L + 1),
    table: new Int32Array(16_384),
  };
  if (a.pairsPerLineup !== 3) {
    for (let s = a.s0; s < a.s1; s++) rankScenario(a, st, s, s - a.s0, B);
  } else {
    const st2: KernelState = { ...st, pair: new Int32Array(a.n * a.n), sc: new Int32Array(L), uq: new Int32Array(L), eqOurs: new Int32Array(L), gtOurs: new Int32Array(L), eqField: new Int32Array(L), gtField: new Int32Array(L), bucket: new Int32Array(2 * L + 1), table: new Int32Array(16_384) };
    let s = a.s0;
    for (; s + 1 < a.s1; s += 2) rankScenarioPair(a, st, st2, s, s - a.s0, B);
    if (s < a.s1) rankScenario(a, st, s, s - a.s0, B);
  }
  return { payouts: st.payouts, ranks: st.ranks };
}

/** One scenario: pair table, our scores, field buckets, payouts. */
function rankScenario(a: RankBlockArgs, st: KernelState, s: number, b: number, B: number): void {
  const base = s * a.n;
  buildPairTable(a.points, base, a.n, st.pair);
  const U = scoreOurs(a.points, base, a.ours, a.rosterSize, st.sc, st.uq, st.eqOurs, st.gtOurs);
  bucketField(a.fieldPairs, a.pairsPerLineup, a.counts, st.pair, st.uq, U, st.bucket, st.table, a.rosterSize * minPoints(a.points, base, a.n), a.rosterSize * maxPoints(a.points, base, a.n));
  payOurs(st, U, a.cum, b, B);
}

/** Scenarios s and s+1 sharing one pass over the field. */
function rankScenarioPair(a: RankBlockArgs, st: KernelState, st2: KernelState, s: number, b: number, B: number): void {
  const base1 = s * a.n;
  const base2 = base1 + a.n;
  const R = a.rosterSize;
  buildPairTable(a.points, base1, a.n, st.pair);
  buildPairTable(a.points, base2, a.n, st2.pair);
  const U1 = scoreOurs(a.points, base1, a.ours, R, st.sc, st.uq, st.eqOurs, st.gtOurs);
  const U2 = scoreOurs(a.points, base2, a.ours, R, st2.sc, st2.uq, st2.eqOurs, st2.gtOurs);
  bucketField2(a.fieldPairs, a.counts, st, st2, U1, U2, R * minPoints(a.points, base1, a.n), R * maxPoints(a.points, base1, a.n), R * minPoints(a.points, base2, a.n), R * maxPoints(a.points, base2, a.n));
  payOurs(st, U1, a.cum, b, B);
  payOurs(st2, U2, a.cum, b + 1, B);
}

function minPoints(pts: Int32Array, base: number, n: number): number {
  let m = pts[base];
  for (let i = 1; i < n; i++) if (pts[base + i] < m) m = pts[base + i];
  return m;
}

function maxPoints(pts: Int32Array, base: number, n: number): number {
  let m = pts[base];
  for (let i = 1; i < n; i++) if (pts[base + i] > m) m = pts[base + i];
  return m;
}

function buildPairTable(pts: Int32Array, base: number, n: number, pair: Int32Array): void {
  for (let i = 0; i < n; i++) {
    const pi = pts[base + i];
    const row = i * n;
    pair[row + i] = pi;
    for (let j = i + 1; j < n; j++) pair[row + j] = pi + pts[base + j];
  }
}

/** Our scores into sc; distinct values ascending into uq with multiplicities; returns U. */
function scoreOurs(pts: Int32Array, base: number, ours: Uint16Array, R: number, sc: Int32Array, uq: Int32Array, eqOurs: Int32Array, gtOurs: Int32Array): number {
  const L = sc.length;
  for (let l = 0; l < L; l++) {
    let x = 0;
    for (let r = 0; r < R; r++) x += pts[base + ours[l * R + r]];
    sc[l] = x;
  }
  uq.set(sc);
  uq.sort();
  let U = 0;
  for (let k = 0; k < L; k++) {
    if (k > 0 && uq[k] === uq[U - 1]) eqOurs[U - 1]++;
    else {
      uq[U] = uq[k];
      eqOurs[U] = 1;
      U++;
    }
  }
  let acc = 0;
  for (let u = U - 1; u >= 0; u--) {
    gtOurs[u] = acc;
    acc += eqOurs[u];
  }
  return U;
}

/**
 * Field multiplicities into 2U+1 buckets around our distinct scores. A lookup table spans every
 * score a lineup can have in this scenario ([lo, hi] = rosterSize x the lowest / highest driver
 * points), one slot per 2^shift milli-points, so no score needs a range check. A slot holding
 * none of our scores maps straight to its bucket (the common case: one load, no search); a slot
 * holding some stores -1 - (first of ours in the slot) and the score is placed by a short
 * forward scan.
 */
function bucketField(fieldPairs: Int32Array, P: number, cnt: Int32Array, pair: Int32Array, uq: Int32Array, U: number, bucket: Int32Array, table: Int32Array, lo: number, hi: number): void {
  const shift = buildTable(uq, U, bucket, table, lo, hi);
  const D = cnt.length;
  for (let d = 0; d < D; d++) {
    let x: number;
    if (P === 3) x = pair[fieldPairs[3 * d]] + pair[fieldPairs[3 * d + 1]] + pair[fieldPairs[3 * d + 2]];
    else {
      x = 0;
      for (let p = 0; p < P; p++) x += pair[fieldPairs[d * P + p]];
    }
    let b = table[(x - lo) >>> shift];
    if (b < 0) b = searchBucket(uq, U, -1 - b, x);
    bucket[b] += cnt[d];
  }
}

/**
 * Two scenarios in one pass over the field (3-pair lineups only): the field's pair codes and
 * counts are read once, and the two independent chains of loads overlap in the CPU.
 */
function bucketField2(fieldPairs: Int32Array, cnt: Int32Array, st: KernelState, st2: KernelState, U1: number, U2: number, lo1: number, hi1: number, lo2: number, hi2: number): void {
  const sh1 = buildTable(st.uq, U1, st.bucket, st.table, lo1, hi1);
  const sh2 = buildTable(st2.uq, U2, st2.bucket, st2.table, lo2, hi2);
  const p1 = st.pair;
  const p2 = st2.pair;
  const t1 = st.table;
  const t2 = st2.table;
  const b1s = st.bucket;
  const b2s = st2.bucket;
  const D = cnt.length;
  for (let d = 0; d < D; d++) {
    const i0 = fieldPairs[3 * d];
    const i1 = fieldPairs[3 * d + 1];
    const i2 = fieldPairs[3 * d + 2];
    const c = cnt[d];
    const x1 = p1[i0] + p1[i1] + p1[i2];
    const x2 = p2[i0] + p2[i1] + p2[i2];
    let b1 = t1[(x1 - lo1) >>> sh1];
    let b2 = t2[(x2 - lo2) >>> sh2];
    if (b1 < 0) b1 = searchBucket(st.uq, U1, -1 - b1, x1);
    if (b2 < 0) b2 = searchBucket(st2.uq, U2, -1 - b2, x2);
    b1s[b1] += c;
    b2s[b2] += c;
  }
}

/** Zero the buckets and build the slot table; returns the slot shift. */
function buildTable(uq: Int32Array, U: number, bucket: Int32Array, table: Int32Array, lo: number, hi: number): number {
  bucket.fill(0, 0, 2 * U + 1);
  let shift = 0;
  while ((hi - lo) >>> shift >= table.length) shift++;
  const slots = ((hi - lo) >>> shift) + 1;
  // Built with native fills between our scores' slots: cheap even for a fine table (a fine
  // table keeps the share of field scores that land in a "search" slot to a few percent).
  let from = 0;
  for (let k = 0; k < U; k++) {
    const slot = (uq[k] - lo) >>> shift;
    if (slot < from) continue; // shares a slot with an earlier one of ours
    table.fill(2 * k, from, slot);
    table[slot] = -1 - k;
    from = slot + 1;
  }
  table.fill(2 * U, from, slots);
  return shift;
}

/** Bucket of score x in a slot whose first score of ours is uq[j]. */
function searchBucket(uq: Int32Array, U: number, j: number, x: number): number {
  while (j < U && uq[j] < x) j++;
  return j < U && uq[j] === x ? 2 * j + 1 : 2 * j;
}

/** Ranks and tie-split payouts of our lineups from the buckets. */
function payOurs(st: KernelState, U: number, cum: Float64Array, b: number, B: number): void {
  const { bucket, gtField, eqField, uq, sc } = st;
  let acc = 0;
  for (let u = U - 1; u >= 0; u--) {
    acc += bucket[2 * u + 2];
    gtField[u] = acc;
    eqField[u] = bucket[2 * u + 1];
    acc += bucket[2 * u + 1];
  }
  const last = cum.length - 1;
  for (let l = 0; l < sc.length; l++) {
    const x = sc[l];
    let lo = 0;
    let hi = U - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uq[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    const greater = gtField[lo] + st.gtOurs[lo];
    const tied = eqField[lo] + st.eqOurs[lo];
    st.ranks[l * B + b] = greater + 1;
    // Tie rule: the tied entries share the prizes of ranks greater+1 .. greater+tied.
    st.payouts[l * B + b] = greater >= last ? 0 : (cum[greater + tied < last ? greater + tied : last] - cum[greater]) / tied;
  }
}

/** Everything a worker needs, in dependency-free source form (rank-pool.ts). */
export const RANK_KERNEL: readonly ((...args: never[]) => unknown)[] = [
  rankBlock,
  rankScenario,
  rankScenarioPair,
  minPoints,
  maxPoints,
  buildPairTable,
  scoreOurs,
  bucketField,
  bucketField2,
  buildTable,
  searchBucket,
  payOurs,
];
