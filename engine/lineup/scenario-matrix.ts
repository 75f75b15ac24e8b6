/**
 * Driver-major copies of the points matrix for the search: the inner loops walk one driver's
 * scenarios contiguously (cache-friendly), and the optimistic completion table holds, per
 * scenario, the best r points any remaining drivers could add.
 */
import type { PreparedSlate } from './prepared-slate.js';

export interface DriverColumns {
  readonly scenarios: number;
  /** nFree x S: cols[p*S + s] = points of the free driver at position p in scenario s. */
  readonly cols: Float32Array;
  /** Σ locked drivers' points per scenario (zeros without locks). */
  readonly base: Float64Array;
}

export function driverColumns(prep: PreparedSlate, points: Float32Array, scenarios: number): DriverColumns {
  const n = prep.n;
  const S = scenarios;
  const cols = new Float32Array(prep.nFree * S);
  const base = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    const row = s * n;
    for (let p = 0; p < prep.nFree; p++) cols[p * S + s] = points[row + prep.free[p]];
    let b = 0;
    for (let k = 0; k < prep.locked.length; k++) b += points[row + prep.locked[k]];
    base[s] = b;
  }
  return { scenarios: S, cols, base };
}

export function column(dc: DriverColumns, p: number): Float32Array {
  return dc.cols.subarray(p * dc.scenarios, (p + 1) * dc.scenarios);
}

/** Lineup score per scenario for free positions `pos` (plus locked drivers). */
export function lineupScores(dc: DriverColumns, pos: ArrayLike<number>, r: number, out = new Float64Array(dc.scenarios)): Float64Array {
  const S = dc.scenarios;
  out.set(dc.base);
  for (let d = 0; d < r; d++) {
    const o = pos[d] * S;
    for (let s = 0; s < S; s++) out[s] += dc.cols[o + s];
  }
  return out;
}

/**
 * comp(q, r)[s] = sum of the r largest points among free positions >= q in scenario s: an
 * upper bound on what ANY r of those drivers add, scenario by scenario. Float64 so the bound is
 * never rounded below a true lineup sum. Memory: (nFree+1) · rMax · S doubles.
 */
export class CompletionTable {
  private readonly data: Float64Array;
  private readonly S: number;
  private readonly rMax: number;
  /** Pre-made views: no allocation per search node. */
  private readonly views: Float64Array[] = [];

  constructor(dc: DriverColumns, nFree: number, rMax: number) {
    const S = (this.S = dc.scenarios);
    this.rMax = rMax;
    this.data = new Float64Array((nFree + 1) * Math.max(rMax, 1) * S);
    for (let q = 0; q <= nFree; q++) for (let r = 1; r <= Math.max(rMax, 1); r++) this.views.push(this.slot(q, r));
    if (rMax <= 0) return;
    const top = new Float64Array(S * rMax).fill(-Infinity);
    for (let q = nFree - 1; q >= 0; q--) {
      const c = q * S;
      for (let s = 0; s < S; s++) {
        // Insert into the scenario's descending top-rMax list.
        let v = dc.cols[c + s];
        const o = s * rMax;
        for (let k = 0; k < rMax; k++) {
          if (v > top[o + k]) {
            const t = top[o + k];
            top[o + k] = v;
            v = t;
          }
        }
      }
      for (let r = 1; r <= rMax; r++) {
        const out = this.slot(q, r);
        for (let s = 0; s < S; s++) {
          let acc = 0;
          for (let k = 0; k < r; k++) acc += top[s * rMax + k];
          out[s] = acc;
        }
      }
    }
  }

  get(q: number, r: number): Float64Array {
    return this.views[q * Math.max(this.rMax, 1) + r - 1];
  }

  private slot(q: number, r: number): Float64Array {
    const o = (q * this.rMax + (r - 1)) * this.S;
    return this.data.subarray(o, o + this.S);
  }
}
