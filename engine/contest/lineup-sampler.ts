/**
 * One opponent lineup: rosterSize distinct drivers drawn one at a time with probability
 * proportional to `weights`, restricted at every step to drivers that can still be completed
 * into a lineup whose salary lies in [floor, cap]. The check uses the cheapest / dearest possible
 * completions, which is exact for the cap side and only necessary for the floor side (salary
 * sums have gaps), so a draw can dead-end at the last slot; the caller then retries with a
 * lower floor. Marginal inclusion is NOT proportional to the weights — calibrate-weights.ts
 * tunes the weights until it matches the ownership targets.
 */
const INV_2_32 = 1 / 4294967296;

export class ConstrainedLineupSampler {
  private readonly n: number;
  private readonly asc: Int32Array;
  private readonly chosen: Uint8Array;
  private readonly cheapMark: Int32Array;
  private readonly dearMark: Int32Array;
  private readonly stepWeights: Float64Array;
  private stamp = 0;

  constructor(
    private readonly salaries: Float64Array,
    private readonly rosterSize: number,
    private readonly cap: number,
  ) {
    this.n = salaries.length;
    this.asc = Int32Array.from({ length: this.n }, (_, i) => i).sort((a, b) => salaries[a] - salaries[b] || a - b);
    this.chosen = new Uint8Array(this.n);
    this.cheapMark = new Int32Array(this.n);
    this.dearMark = new Int32Array(this.n);
    this.stepWeights = new Float64Array(this.n);
  }

  /**
   * Draw a lineup into `out` (ascending player indices) using the rosterSize random words
   * uniforms[offset..offset+rosterSize), one per slot (inverse CDF). Taking the randomness as
   * data keeps calibration's common random numbers aligned: a retry or a changed pick never
   * shifts the numbers the next lineup sees. Returns the salary, or -1 on a dead end (no driver
   * can extend the partial lineup within [floor, cap]).
   */
  sample(weights: Float64Array, floor: number, uniforms: Uint32Array, offset: number, out: Int32Array): number {
    const { n, asc, chosen, salaries, cheapMark, dearMark, stepWeights: cw } = this;
    const R = this.rosterSize;
    chosen.fill(0);
    let spent = 0;
    for (let k = 0; k < R; k++) {
      const m = R - k; // slots left including this one
      const stamp = ++this.stamp;
      // The m cheapest and m dearest eligible drivers bound every possible completion.
      let sumCheap = 0;
      let sumCheapLast = 0;
      let found = 0;
      for (let t = 0; t < n && found < m; t++) {
        const i = asc[t];
        if (chosen[i] || !(weights[i] > 0)) continue;
        if (found < m - 1) {
          cheapMark[i] = stamp;
          sumCheap += salaries[i];
        } else sumCheapLast = salaries[i];
        found++;
      }
      if (found < m) return -1;
      let sumDear = 0;
      let sumDearLast = 0;
      found = 0;
      for (let t = n - 1; t >= 0 && found < m; t--) {
        const i = asc[t];
        if (chosen[i] || !(weights[i] > 0)) continue;
        if (found < m - 1) {
          dearMark[i] = stamp;
          sumDear += salaries[i];
        } else sumDearLast = salaries[i];
        found++;
      }
      const budget = this.cap - spent;
      const need = floor - spent;
      // cw holds running totals of feasible weight, so the draw is one binary search.
      let total = 0;
      for (let j = 0; j < n; j++) {
        const w = weights[j];
        if (!chosen[j] && w > 0) {
          const s = salaries[j];
          const minRest = cheapMark[j] === stamp ? sumCheap - s + sumCheapLast : sumCheap;
          const maxRest = dearMark[j] === stamp ? sumDear - s + sumDearLast : sumDear;
          if (s + minRest <= budget && s + maxRest >= need) total += w;
        }
        cw[j] = total;
      }
      if (!(total > 0)) return -1;
      // 32 random bits are plenty to choose among a few dozen drivers.
      const u = uniforms[offset + k] * INV_2_32 * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cw[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      const pick = lo;
      chosen[pick] = 1;
      spent += salaries[pick];
    }
    let o = 0;
    for (let i = 0; i < n; i++) if (chosen[i]) out[o++] = i;
    return spent;
  }
}
