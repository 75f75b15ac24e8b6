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
  /** Prize tiers (best first): per scenario the b_k-th best opponent, b_k = last rank of tier k. */
  private readonly tierThr: Float64Array;
  /** prize(b_k + 1): the most a score below tierThr[k] can win. */
  private readonly tierCap: Float64Array;
  private readonly T: number;

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
    this.tierThr = new Float64Array(this.scenarios * this.T);
    for (let s = 0; s < this.scenarios; s++) {
      ends.forEach((b, k) => (this.tierThr[s * this.T + k] = b <= L ? this.rows[s * L + L - b] : -Infinity));
    }
  }

  /**
   * A cheap upper bound on payout(s, u), exact except at ties: a score below the b_k-th best
   * opponent ranks at least b_k + 1, so it wins at most prize(b_k + 1). Binary search over the
   * few tier thresholds instead of the opponents.
   */
  payoutUpper(s: number, raw: number): number {
    const u = quantizeScore(raw);
    const T = this.T;
    const o = s * T;
    // Thresholds descend with k; find the largest k with u < thr[k].
    let lo = 0;
    let hi = T;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < this.tierThr[o + mid]) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.cum[1] : this.tierCap[lo - 1];
  }

  /** Average prize of ranks above+1 .. above+tied+1. */
  avgPrize(above: number, tied: number): number {
    const a = above + 1;
    if (a > this.paid) return 0;
    const b = above + tied + 1;
    return (this.cum[Math.min(b, this.paid)] - this.cum[a - 1]) / (b - a + 1);
  }

  /** Opponents strictly above a raw score (>= cut[s]) in scenario s. */
  fieldAbove(s: number, raw: number): number {
    return this.rowLen - this.upper(s, quantizeScore(raw));
  }

  /** Opponents tied with a raw score (>= cut[s]) in scenario s. */
  fieldTied(s: number, raw: number): number {
    return this.tiedQ(s, quantizeScore(raw));
  }

  private tiedQ(s: number, x: number): number {
    const o = s * this.rowLen;
    const ub = this.upper(s, x);
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
    const above = this.rowLen - this.upper(s, x);
    if (above >= this.paid) return 0;
    return this.avgPrize(above, this.tiedQ(s, x));
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
      const above = this.rowLen - this.upper(s, x) + i;
      if (above >= this.paid) break;
      total += (j - i) * this.avgPrize(above, this.tiedQ(s, x) + (j - i - 1));
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
