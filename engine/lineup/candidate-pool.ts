/**
 * The candidate lineups a portfolio is chosen from. Portfolio selection is greedy (the
 * objectives are submodular), so it needs a pool that already holds the lineups worth having:
 *   - the exact top lineups by mean points (what projection optimizers return),
 *   - the exact top lineups by per-driver upside (ceiling lineups for top-heavy targets),
 *   - the best lineup of each of several individual scenarios ("what wins when X happens"),
 *   - for every driver with a min exposure, the top lineups containing that driver,
 * all legal under the lineup rules. During the build the pool is REFILLED whenever exposure
 * caps block a new combination of drivers: the best lineups without the blocked drivers (and
 * with the drivers that must appear) join, so caps never leave the greedy with leftovers only.
 * Lineups are slate indices, ascending, locked drivers included.
 */
import type { EngineRunContext } from '../contract/run-context.js';
import type { SlateSpec } from '../contract/models.js';
import { additiveTopK } from './additive-search.js';
import { PreparedSlate } from './prepared-slate.js';
import type { ResolvedConstraints } from './resolve-constraints.js';
import type { DriverColumns } from './scenario-matrix.js';
import { upsideValues } from './upside.js';

export interface PoolOptions {
  /** Lineups taken from each of the mean and upside rankings. @default 800 */
  readonly perRanking: number;
  /** Scenarios whose single best lineup joins the pool. @default 150 */
  readonly scenarioLineups: number;
  /** Lineups per driver that has a min exposure. @default 100 */
  readonly perMinExposureDriver: number;
  /** Lineups per ranking added when exposure caps block a new set of drivers. @default 40 */
  readonly perRefill: number;
  /** Upside tail share for the upside ranking. @default 0.05 */
  readonly upsideAlpha: number;
}

export const POOL_DEFAULTS: PoolOptions = { perRanking: 800, scenarioLineups: 150, perMinExposureDriver: 100, perRefill: 40, upsideAlpha: 0.05 };

/** Growable set of distinct lineups (size x rosterSize slate indices). */
export class CandidatePool {
  size = 0;
  lineups: Int32Array;
  private readonly seen = new Set<string>();

  constructor(readonly rosterSize: number) {
    this.lineups = new Int32Array(1024 * rosterSize);
  }

  /** Adds a lineup (any order); false when it was already in the pool. */
  add(lineup: readonly number[]): boolean {
    const sorted = [...lineup].sort((a, b) => a - b);
    const key = sorted.join(',');
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const R = this.rosterSize;
    if ((this.size + 1) * R > this.lineups.length) {
      const grown = new Int32Array(this.lineups.length * 2);
      grown.set(this.lineups);
      this.lineups = grown;
    }
    this.lineups.set(sorted, this.size * R);
    this.size++;
    return true;
  }

  /** Sorts lineups lexicographically (only before any candidate index is handed out). */
  sortLexicographic(): void {
    const R = this.rosterSize;
    const rows = Array.from({ length: this.size }, (_, k) => this.lineups.subarray(k * R, (k + 1) * R).slice());
    rows.sort((a, b) => {
      for (let d = 0; d < R; d++) if (a[d] !== b[d]) return a[d] - b[d];
      return 0;
    });
    rows.forEach((r, k) => this.lineups.set(r, k * R));
  }
}

/** What the pool builder needs to generate lineups under (modified) rules. */
export interface PoolSource {
  readonly slate: SlateSpec;
  readonly rc: ResolvedConstraints;
  readonly means: Float64Array;
  readonly ownership: Float64Array | undefined;
  /** Upside per slate driver (see upside.ts). */
  readonly upside: Float64Array;
}

export function poolSource(slate: SlateSpec, rc: ResolvedConstraints, prep: PreparedSlate, dc: DriverColumns, means: Float64Array, ownership: Float64Array | undefined, alpha: number): PoolSource {
  const upside = new Float64Array(slate.players.length);
  upsideValues(dc, prep.nFree, alpha).forEach((v, p) => (upside[prep.free[p]] = v));
  // Locked drivers are in every lineup; their upside does not change rankings.
  return { slate, rc, means, ownership, upside };
}

/** Top lineups by mean and by upside under the base rules plus extra locks / excludes. */
export function addRanked(pool: CandidatePool, src: PoolSource, k: number, extra: { locks?: readonly number[]; excludes?: readonly number[] } = {}, ctx?: EngineRunContext): number {
  const excluded = Uint8Array.from(src.rc.excluded);
  for (const i of extra.excludes ?? []) excluded[i] = 1;
  const locks = [...new Set([...src.rc.locks, ...(extra.locks ?? [])])];
  if (locks.some((i) => excluded[i]) || locks.length > src.slate.rosterSize) return 0;
  const prep = new PreparedSlate(src.slate, { ...src.rc, locks, excluded }, src.means, src.ownership);
  let added = 0;
  for (const per of [src.means, src.upside]) {
    const values = Float64Array.from(prep.free, (i) => per[i]);
    for (const l of additiveTopK(prep, values, k, { ctx }).lineups) if (prep.isLegal(l) && pool.add(prep.toSlateIndices(l))) added++;
  }
  return added;
}

export function initialPool(src: PoolSource, prep: PreparedSlate, dc: DriverColumns, minCount: Int32Array, opts: PoolOptions, ctx?: EngineRunContext): CandidatePool {
  const pool = new CandidatePool(src.slate.rosterSize);
  addRanked(pool, src, opts.perRanking, {}, ctx);
  const S = dc.scenarios;
  const perScenario = new Float64Array(prep.nFree);
  const step = Math.max(1, Math.floor(S / Math.max(1, opts.scenarioLineups)));
  for (let k = 0, s = 0; k < opts.scenarioLineups && s < S; k++, s += step) {
    for (let p = 0; p < prep.nFree; p++) perScenario[p] = dc.cols[p * S + s];
    const best = additiveTopK(prep, perScenario, 1).lineups[0];
    if (best && prep.isLegal(best)) pool.add(prep.toSlateIndices(best));
    if (ctx?.isCancelled()) break;
  }
  // Drivers that must reach a min exposure need lineups that contain them.
  for (let i = 0; i < src.slate.players.length; i++) {
    if (minCount[i] > 0 && !src.rc.locks.includes(i)) addRanked(pool, src, opts.perMinExposureDriver, { locks: [i] }, ctx);
  }
  pool.sortLexicographic();
  return pool;
}
