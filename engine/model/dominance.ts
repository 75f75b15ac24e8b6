/**
 * Laps-led and fastest-lap concentration for the simulator, whose allocation weight of driver i
 * is exp(dominance * strength_i) (RaceModel.lapsLedDominance / fastestLapDominance).
 *
 * Choice: maximum likelihood of a multinomial over drivers for each lap's leader (and each green
 * lap's fastest car), using the same per-draw strengths the simulator will use (so the fitted
 * concentration already accounts for posterior noise in the strengths), pooled over a subset
 * of draws. The log likelihood is concave in the single parameter, so Newton converges in a
 * few steps. Laps are not independent (a leader keeps leading), so the standard error is the
 * race-clustered sandwich estimate, not the naive multinomial one.
 */
import type { CalibrationRace, DominanceFit } from '../contract/calibration-types.js';
import type { TrackType } from '../contract/models.js';
import type { PosteriorSource } from './posterior-view.js';
import { fastExp } from './fast-exp.js';
import { raceModelFor } from './race-model.js';

/** Posterior draws used for the fit. */
export const DOMINANCE_DRAWS = 40;
const NEWTON_STEPS = 30;

interface Obs {
  readonly n: number;
  readonly D: number;
  readonly strength: Float64Array;
  readonly counts: Float64Array;
  readonly total: number;
}

/** Returns [lambda, clustered se]. */
function fitOne(obs: readonly Obs[]): [number, number] {
  let lambda = 1;
  let hess = 0;
  const scoreAndHess = (lam: number, perRace?: number[]) => {
    let g = 0;
    let h = 0;
    for (const o of obs) {
      let gr = 0;
      const { n, strength } = o;
      for (let k = 0; k < o.D; k++) {
        const off = k * n;
        let m = -Infinity;
        for (let i = 0; i < n; i++) m = Math.max(m, lam * strength[off + i]);
        let z = 0;
        let e1 = 0;
        let e2 = 0;
        let dot = 0;
        for (let i = 0; i < n; i++) {
          const s = strength[off + i];
          const w = fastExp(lam * s - m);
          z += w;
          e1 += w * s;
          e2 += w * s * s;
          dot += o.counts[i] * s;
        }
        const mean = e1 / z;
        gr += (dot - o.total * mean) / o.D;
        h -= (o.total * (e2 / z - mean * mean)) / o.D;
      }
      g += gr;
      perRace?.push(gr);
    }
    return [g, h];
  };
  for (let it = 0; it < NEWTON_STEPS; it++) {
    const [g, h] = scoreAndHess(lambda);
    hess = h;
    if (!(h < 0)) break;
    const step = Math.max(-2, Math.min(2, -g / h));
    lambda += step;
    if (Math.abs(step) < 1e-8) break;
  }
  const per: number[] = [];
  scoreAndHess(lambda, per);
  const meat = per.reduce((a, b) => a + b * b, 0);
  return [lambda, hess < 0 ? Math.sqrt(meat) / -hess : Number.NaN];
}

export function fitDominance(result: PosteriorSource, races: readonly CalibrationRace[]): DominanceFit {
  const led: Obs[] = [];
  const fast: Obs[] = [];
  const share: Partial<Record<TrackType, number[]>> = {};
  for (const race of races) {
    const rm = raceModelFor(result, { drivers: race.results.map((r) => r.driverId), trackType: race.trackType, laps: race.laps, startPositions: Int32Array.from(race.results.map((r) => r.start)) }, { maxDraws: DOMINANCE_DRAWS });
    const n = race.results.length;
    const ledCounts = Float64Array.from(race.results.map((r) => r.lapsLed));
    const ledTotal = ledCounts.reduce((a, b) => a + b, 0);
    if (ledTotal > 0) led.push({ n, D: rm.draws, strength: rm.strength, counts: ledCounts, total: ledTotal });
    if (race.results.every((r) => r.fastestLaps !== null)) {
      const fl = Float64Array.from(race.results.map((r) => r.fastestLaps ?? 0));
      const flTotal = fl.reduce((a, b) => a + b, 0);
      if (flTotal > 0) {
        fast.push({ n, D: rm.draws, strength: rm.strength, counts: fl, total: flTotal });
        (share[race.trackType] ??= []).push(Math.min(1, flTotal / race.laps));
      }
    }
  }
  const [lapsLed, lapsLedSe] = led.length ? fitOne(led) : [0, Number.NaN];
  const [fastestLap, fastestLapSe] = fast.length ? fitOne(fast) : [0, Number.NaN];
  const greenLapShare: Partial<Record<TrackType, number>> = {};
  for (const [t, v] of Object.entries(share) as [TrackType, number[]][]) greenLapShare[t] = v.reduce((a, b) => a + b, 0) / v.length;
  return { lapsLed, lapsLedSe, fastestLap, fastestLapSe, greenLapShare, races: led.length };
}
