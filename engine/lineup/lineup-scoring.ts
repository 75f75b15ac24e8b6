/** Small helpers that turn slate-index lineups into scores and report shapes. */
import type { OptimizedLineup, LineupMetrics } from '../contract/lineup-types.js';
import type { SlateSpec } from '../contract/models.js';

/** Per-driver mean points over a row-major S x n matrix. */
export function driverMeans(points: Float32Array, n: number): Float64Array {
  const S = points.length / n;
  const m = new Float64Array(n);
  for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) m[i] += points[s * n + i];
  for (let i = 0; i < n; i++) m[i] /= S;
  return m;
}

/** Lineup score per scenario from a row-major S x n matrix. */
export function scoresOf(points: Float32Array, n: number, indices: readonly number[], out?: Float64Array): Float64Array {
  const S = points.length / n;
  const x = out ?? new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let v = 0;
    for (const i of indices) v += points[s * n + i];
    x[s] = v;
  }
  return x;
}

/** Most expensive first, ties by slate order: the order lineups are reported and exported in. */
export function sortBySalary(slate: SlateSpec, indices: readonly number[]): number[] {
  return [...indices].sort((a, b) => slate.players[b].salary - slate.players[a].salary || a - b);
}

export function describeLineup(slate: SlateSpec, indices: readonly number[], ownership: Float64Array | undefined, selectionObjective: number, heldOut: LineupMetrics): OptimizedLineup {
  const sorted = sortBySalary(slate, indices);
  return {
    indices: sorted,
    driverIds: sorted.map((i) => slate.players[i].driverId),
    salary: sorted.reduce((a, i) => a + slate.players[i].salary, 0),
    totalOwnership: ownership ? sorted.reduce((a, i) => a + ownership[i], 0) : 0,
    selectionObjective,
    heldOut,
  };
}
