/** Projection baseline: a candidate's mean points (modular), i.e. best projections under the rules. */
import type { CandidatePool } from './candidate-pool.js';
import { type PortfolioState, scoreRange } from './portfolio-state.js';

export class MeanState implements PortfolioState {
  initial: Float64Array = new Float64Array(0);
  means: Float64Array = new Float64Array(0);
  private total = 0;
  private count = 0;

  constructor(
    private readonly pool: CandidatePool,
    private readonly cols: Float32Array,
    private readonly S: number,
  ) {
    this.extend(0);
  }

  extend(from: number): void {
    this.means = scoreRange(this.pool, from, this.cols, this.S, this.means);
    this.initial = this.means;
  }

  gain(c: number): number {
    return this.means[c];
  }

  standalone(c: number): number {
    return this.means[c];
  }

  commit(c: number): void {
    this.total += this.means[c];
    this.count++;
  }

  /** Average lineup mean. */
  value(): number {
    return this.count ? this.total / this.count : 0;
  }
}
