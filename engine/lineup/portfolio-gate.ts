/**
 * Which pool candidates may join the portfolio now: progressive exposure caps, drivers that
 * must appear (their min exposure needs every remaining lineup), soft progressive minimums,
 * and min unique drivers against every chosen lineup. See exposure-plan.ts for the schedule.
 */
import type { CandidatePool } from './candidate-pool.js';
import { capAt, type ExposurePlan, floorAt } from './exposure-plan.js';
import type { CandidateStatus } from './lazy-greedy.js';

export class PortfolioGate {
  readonly count: Int32Array;
  readonly chosen: number[][] = [];
  /** Drivers every candidate must contain at this step / should contain (strict pass only). */
  readonly must: number[] = [];
  readonly soft: number[] = [];
  private readonly member: Uint8Array[] = [];
  /** Per candidate: chosen lineups already checked for min-unique (the pool grows, so a plain array). */
  private readonly checkedUpTo: number[] = [];
  private readonly R: number;

  constructor(
    private readonly pool: CandidatePool,
    private readonly plan: ExposurePlan,
    private readonly n: number,
    private readonly minUnique: number,
  ) {
    this.count = new Int32Array(n);
    this.R = pool.rosterSize;
  }

  /** Step k (1-based) is about to pick: recompute must / soft drivers. */
  beginStep(k: number): void {
    const { plan, count } = this;
    const N = plan.lineups;
    this.must.length = 0;
    this.soft.length = 0;
    for (let i = 0; i < this.n; i++) {
      if (plan.minCount[i] - count[i] >= N - k + 1) this.must.push(i);
      else if (count[i] < floorAt(plan, i, k)) this.soft.push(i);
    }
  }

  /** Drivers that cannot join the k-th lineup (capped now or exhausted). */
  blocked(k: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.count[i] + 1 > capAt(this.plan, i, k)) out.push(i);
    return out;
  }

  status(cand: number, strict: boolean): CandidateStatus {
    const { R, plan, count, chosen } = this;
    const lineups = this.pool.lineups;
    const o = cand * R;
    const k = chosen.length + 1;
    for (let d = 0; d < R; d++) {
      const i = lineups[o + d];
      if (count[i] + 1 > plan.maxCount[i]) return 'never';
      if (count[i] + 1 > capAt(plan, i, k)) return 'later';
    }
    for (const i of this.must) if (!this.contains(o, i)) return 'later';
    if (strict) for (const i of this.soft) if (!this.contains(o, i)) return 'later';
    for (let q = this.checkedUpTo[cand] ?? 0; q < chosen.length; q++) {
      let overlap = 0;
      for (let d = 0; d < R; d++) overlap += this.member[q][lineups[o + d]];
      if (overlap > R - this.minUnique) return 'never';
    }
    this.checkedUpTo[cand] = chosen.length;
    return 'ok';
  }

  /** Records candidate `cand` as the next lineup; returns its drivers (slate indices). */
  commit(cand: number): number[] {
    const lineup = Array.from(this.pool.lineups.subarray(cand * this.R, (cand + 1) * this.R));
    const mask = new Uint8Array(this.n);
    for (const i of lineup) {
      mask[i] = 1;
      this.count[i]++;
    }
    this.chosen.push(lineup);
    this.member.push(mask);
    return lineup;
  }

  private contains(o: number, i: number): boolean {
    for (let d = 0; d < this.R; d++) if (this.pool.lineups[o + d] === i) return true;
    return false;
  }
}
