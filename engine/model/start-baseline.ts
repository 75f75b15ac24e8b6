/**
 * The start-position baseline: P(finish = k | start = s) estimated from training races of the
 * same track type — the finishes of every car that started within START_WINDOW places of s,
 * rescaled to the target field size, with add-half smoothing. A calibrated probabilistic
 * baseline is the fair comparison for CRPS (the point forecast "finish = start" would be
 * scored as an absolute error and flatter any model). Falls back to all track types when a
 * type has fewer than MIN_SAMPLES matches (dirt has a dozen races).
 */
import type { CalibrationRace } from '../contract/calibration-types.js';
import type { TrackType } from '../contract/models.js';

export const START_WINDOW = 2;
export const MIN_SAMPLES = 60;
const SMOOTHING = 0.5;

interface Pair {
  readonly start: number;
  readonly finish: number;
  readonly n: number;
}

export class StartBaseline {
  private readonly byType = new Map<TrackType, Pair[]>();
  private readonly all: Pair[] = [];
  private readonly cache = new Map<string, Float64Array>();

  constructor(races: readonly CalibrationRace[]) {
    for (const r of races) {
      const list = this.byType.get(r.trackType) ?? [];
      for (const x of r.results) {
        const p = { start: x.start, finish: x.finish, n: r.results.length };
        list.push(p);
        this.all.push(p);
      }
      this.byType.set(r.trackType, list);
    }
  }

  /** pmf over finishing positions 1..n for a car starting at `start` in a field of n. */
  pmf(trackType: TrackType, start: number, n: number): Float64Array {
    const key = `${trackType}|${start}|${n}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const near = (pairs: readonly Pair[]) => pairs.filter((p) => Math.abs(p.start - start) <= START_WINDOW);
    let pairs = near(this.byType.get(trackType) ?? []);
    if (pairs.length < MIN_SAMPLES) pairs = near(this.all);
    const pmf = new Float64Array(n).fill(SMOOTHING);
    for (const p of pairs) {
      const k = Math.min(n, Math.max(1, Math.round((p.finish * n) / p.n)));
      pmf[k - 1] += 1;
    }
    const z = pmf.reduce((a, b) => a + b, 0);
    for (let k = 0; k < n; k++) pmf[k] /= z;
    this.cache.set(key, pmf);
    return pmf;
  }
}
