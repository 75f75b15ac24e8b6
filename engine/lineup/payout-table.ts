/**
 * Prize of a score against the simulated field, with standard DFS tie splitting: an entry tied
 * with t others at ranks a..a+t splits (average) the prizes of those ranks.
 *
 * The field comes as engine/contest's FieldScoreTable: per scenario the top `rowLength`
 * opponent scores ascending; unstored opponents are <= row[0] (validation guarantees they are
 * out of the money, so prices are exact). Prizes never increase with rank (validated), which
 * makes payout(s, x) non-decreasing in x — the property every search bound relies on.
 *
 * Example: field row [10, 20, 20, 30], prizes 1st 100, 2nd 50, 3rd 10. A score of 20 has one
 * opponent above and two tied → ranks 2..4 → (50 + 10 + 0) / 3 = 20.
 *
 * Scores are compared as engine/contest stores them (`quantizeScore`: milli-points, then
 * Float32), so a lineup that ties an opponent to the milli-point ties here too. Quantizing is
 * monotone, which keeps payout non-decreasing in the raw score.
 */
import type { FieldScoreTable } from '../contract/contest-types.js';

/** Milli-points per point, as engine/contest quantizes field scores. */
const MILLI = 1000;
/** Raw-score slack below a stored cash line that can still round up onto it. */
const CUT_SLACK = 1 / MILLI;

/** A raw lineup score as the field table stores scores: milli-points, then Float32. */
export function quantizeScore(points: number): number {
  return Math.fround(Math.round(points * MILLI) / MILLI);
}

export class PayoutTable {
  readonly scenarios: number;
  /** Last rank with a positive prize. */
  readonly paid: number;
  /** Per scenario: raw scores below this never cash (a little below the stored cash line; −Infinity when any score cashes). */
  readonly cut: Float64Array;
  private readonly rows: Float32Array;
  private readonly rowLen: number;
  private readonly tiesAtMin: Uint32Array;
  /** cum[r] = Σ prizes of ranks 1..r (r <= paid). */
  private readonly cum: Float64Array;
  /**
   * Prize tiers (best first): per scenario the b_k-th best opponent, b_k = last rank of tier k,
   * loosened by the quantization slack (Float32: compact, and rounding stays inside the slack).
   */
  readonly tierThr: Float32Array;
  /** prize(b_k + 1): the most a score below tierThr[k] can win. */
  readonly tierCap: Float64Array;
  /** Number of tiers, and the first prize. */
  readonly T: number;
  readonly topPrize: number;
  /** Results of the last `rank` call (fields, not an object: it runs per scenario in hot loops). */
  rankAbove = 0;
  rankTied = 0;

  constructor(field: FieldScoreTable) {
    this.scenarios = field.scenarios;
    this.rows = field.sortedFieldScores;
    this.rowLen = field.rowLength;
    this.tiesAtMin = field.tiesAtRowMin;
    let paid = 0;
    for (const t of field.payouts) if (t.prize > 0) paid = Math.max(paid, t.toRank);
    this.paid = paid;
    const prize = new Float64Array(paid + 1);
    for (const t of field.payouts) for (let r = t.fromRank; r <= Math.min(t.toRank, paid); r++) prize[r] = t.prize;
    this.cum = new Float64Array(paid + 1);
    for (let r = 1; r <= paid; r++) this.cum[r] = this.cum[r - 1] + prize[r];
    const L = this.rowLen;
    this.cut = new Float64Array(this.scenarios);
    // #opponents > x <= paid − 1  ⇔  x >= the paid-th best opponent.
    for (let s = 0; s < this.scenarios; s++) this.cut[s] = paid === 0 ? Infinity : paid <= L ? this.rows[s * L + L - paid] - CUT_SLACK : -Infinity;
    const ends = [...new Set(field.payouts.filter((t) => t.prize > 0).map((t) => t.toRank))].sort((a, b) => a - b);
    this.T = ends.length;
    this.tierCap = Float64Array.from(ends, (b) => (b + 1 <= paid ? prize[b + 1] : 0));
    this.topPrize = this.cum[Math.min(1, paid)];
    this.tierThr = new Float32Array(this.scenarios * this.T);
    for (let s = 0; s < this.scenarios; s++) {
      // Loosened by the quantization slack so raw scores compare directly (still an upper bound).
      ends.forEach((b, k) => (this.tierThr[s * this.T + k] = b <= L ? this.rows[s * L + L - b] - CUT_SLACK : -Infinity));
    }
  }

  /**
   * A cheap upper bound on payout(s, raw), exact except at ties and within the quantization
   * slack: a score below the b_k-th best opponent ranks at least b_k + 1, so it wins at most
   * prize(b_k + 1). Scans the few tier thresholds instead of searching the opponents (no
   * quantization: thresholds are pre-loosened).
   */
  payoutUpper(s: number, raw: number): number {
    const k = this.tierIndex(s, raw, -1);
    return k < 0 ? this.topPrize : this.tierCap[k];
  }

  /**
   * Largest k with raw < tierThr[k] (−1: the score clears every tier), searching down the
   * tiers from `from` (any k known to satisfy it, e.g. a parent node's index: a child's
   * optimistic score never exceeds its parent's).
   */
  tierIndex(s: number, raw: number, from: number): number {
    const o = s * this.T;
    let k = from;
    while (k + 1 < this.T && raw < this.tierThr[o + k + 1]) k++;
    return k;
  }

  /** Opponents above (`rankAbove`) and tied with (`rankTied`) a raw score >= cut[s], in one search. */
  rank(s: number, raw: number): void {
    const x = quantizeScore(raw);
    const ub = this.upper(s, x);
    this.rankAbove = this.rowLen - ub;
    this.rankTied = this.tiedAt(s, x, ub);
  }


  /** Average prize of ranks above+1 .. above+tied+1. */
  avgPrize(above: number, tied: number): number {
    const a = above + 1;
    if (a > this.paid) return 0;
    const b = above + tied + 1;
    return (this.cum[Math.min(b, this.paid)] - this.cum[a - 1]) / (b - a + 1);
  }

  /** Opponents equal to x given ub = first index above x (no search when nothing ties). */
  private tiedAt(s: number, x: number, ub: number): number {
    const o = s * this.rowLen;
    if (ub === 0 || this.rows[o + ub - 1] !== x) return 0;
    let lo = 0;
    let hi = ub;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[o + mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return ub - lo + (lo === 0 && ub > 0 ? this.tiesAtMin[s] : 0);
  }

  /** Prize of one entry scoring `raw` points in scenario s (no other entries of ours). */
  payout(s: number, raw: number): number {
    if (raw < this.cut[s]) return 0;
    const x = quantizeScore(raw);
    const ub = this.upper(s, x);
    const above = this.rowLen - ub;
    if (above >= this.paid) return 0;
    return this.avgPrize(above, this.tiedAt(s, x, ub));
  }

  /**
   * Σ prizes of our entries in scenario s, our entries competing with each other.
   * `desc` holds k of our raw scores, sorted descending.
   */
  portfolioPayout(s: number, desc: Float64Array, k: number): number {
    let total = 0;
    let i = 0;
    while (i < k) {
      if (desc[i] < this.cut[s]) break; // sorted: the rest cash nothing either
      const x = quantizeScore(desc[i]);
      let j = i + 1;
      while (j < k && quantizeScore(desc[j]) === x) j++;
      const ub = this.upper(s, x);
      const above = this.rowLen - ub + i;
      if (above >= this.paid) break;
      total += (j - i) * this.avgPrize(above, this.tiedAt(s, x, ub) + (j - i - 1));
      i = j;
    }
    return total;
  }

  /** First index in the row whose value is > x; x >= cut lets the search skip the unpaid part. */
  private upper(s: number, x: number): number {
    const L = this.rowLen;
    const o = s * L;
    let lo = this.paid <= L && x >= this.rows[o + L - this.paid] ? L - this.paid : 0;
    let hi = L;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[o + mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
