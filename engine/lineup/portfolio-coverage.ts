/**
 * Coverage objective: new scenarios cleared (weighted over the requested and tie-break bars),
 * by exact popcounts on per-candidate bitsets computed once when a candidate joins the pool.
 */
import type { CandidatePool } from './candidate-pool.js';
import { coverageBits, type CoverageLevel, popcount } from './coverage.js';
import { grow, type PortfolioState, scoreRange } from './portfolio-state.js';

export class CoverageState implements PortfolioState {
  initial: Float64Array = new Float64Array(0);
  means: Float64Array = new Float64Array(0);
  private readonly words: number;
  private bits: Uint32Array = new Uint32Array(0);
  private readonly covered: Uint32Array;
  private readonly weights: Float64Array;
  private primaryCovered = 0;

  constructor(
    private readonly pool: CandidatePool,
    private readonly cols: Float32Array,
    private readonly S: number,
    private readonly levels: readonly CoverageLevel[],
  ) {
    this.words = Math.ceil(S / 32);
    this.weights = Float64Array.from(levels, (l) => l.weight);
    this.covered = new Uint32Array(levels.length * this.words);
    this.extend(0);
  }

  extend(from: number): void {
    const L = this.levels.length;
    const W = this.words;
    this.bits = grow(this.bits, this.pool.size * L * W);
    this.initial = grow(this.initial, this.pool.size);
    this.means = scoreRange(this.pool, from, this.cols, this.S, this.means, (k, x) => {
      let g = 0;
      this.levels.forEach((lvl, l) => {
        const off = (k * L + l) * W;
        coverageBits(x, lvl, this.bits, off);
        let c = 0;
        for (let w = 0; w < W; w++) c += popcount(this.bits[off + w]);
        g += lvl.weight * c;
      });
      this.initial[k] = g;
    });
  }

  gain(c: number): number {
    const L = this.weights.length;
    const W = this.words;
    let g = 0;
    for (let l = 0; l < L; l++) {
      const off = (c * L + l) * W;
      const cov = l * W;
      let n = 0;
      for (let w = 0; w < W; w++) n += popcount(this.bits[off + w] & ~this.covered[cov + w]);
      g += this.weights[l] * n;
    }
    return g;
  }

  standalone(c: number): number {
    const off = c * this.levels.length * this.words;
    let n = 0;
    for (let w = 0; w < this.words; w++) n += popcount(this.bits[off + w]);
    return n / this.S;
  }

  commit(c: number): void {
    const L = this.weights.length;
    const W = this.words;
    for (let l = 0; l < L; l++) for (let w = 0; w < W; w++) this.covered[l * W + w] |= this.bits[(c * L + l) * W + w];
    this.primaryCovered = 0;
    for (let w = 0; w < W; w++) this.primaryCovered += popcount(this.covered[w]);
  }

  value(): number {
    return this.primaryCovered / this.S;
  }
}
