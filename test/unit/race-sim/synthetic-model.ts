/**
 * Synthetic RaceModels for tests and the bench: the simulator must not depend on the MCMC
 * engineer's `raceModelFor`, so we build posterior-shaped inputs here — a spread of driver
 * log-worths, per-draw parameter noise (so draws differ, as posterior draws do), and track-type
 * flavoured DNF/incident/green-flag settings. Deterministic from `seed`.
 */
import type { RaceModel, TrackType } from '../../../engine/contract/models.js';
import { createRng } from '../../../engine/rng/index.js';

export interface SyntheticModelOptions {
  readonly drivers: number;
  readonly draws: number;
  readonly laps: number;
  /** sd of driver log-worths across the field. */
  readonly strengthSpread: number;
  /** sd of per-draw noise on each log-worth (posterior uncertainty). */
  readonly drawNoise: number;
  readonly dnfProb: number;
  readonly incidentProb: number;
  readonly incidentMeanCars: number;
  readonly lapsLedDominance: number;
  readonly fastestLapDominance: number;
  readonly greenLapShare: number;
  readonly seed: number;
}

export const INTERMEDIATE_MODEL: SyntheticModelOptions = {
  drivers: 40,
  draws: 200,
  laps: 267,
  strengthSpread: 0.9,
  drawNoise: 0.15,
  dnfProb: 0.08,
  incidentProb: 0.15,
  incidentMeanCars: 3,
  lapsLedDominance: 1.6,
  fastestLapDominance: 1.2,
  greenLapShare: 0.82,
  seed: 11,
};

/** Track-type flavoured variants of INTERMEDIATE_MODEL (rough 2019–2025 Cup shapes). */
export const SYNTHETIC_BY_TRACK: Readonly<Record<TrackType, Partial<SyntheticModelOptions>>> = {
  superspeedway: { laps: 188, strengthSpread: 0.35, dnfProb: 0.09, incidentProb: 0.85, incidentMeanCars: 7, lapsLedDominance: 1.5, fastestLapDominance: 0.3, greenLapShare: 0.79 },
  intermediate: {},
  short: { laps: 400, dnfProb: 0.06, incidentProb: 0.1, lapsLedDominance: 1.7, greenLapShare: 0.85 },
  road: { laps: 90, dnfProb: 0.06, incidentProb: 0.1, lapsLedDominance: 1.6, fastestLapDominance: 1.4, greenLapShare: 0.78 },
  dirt: { laps: 250, dnfProb: 0.1, incidentProb: 0.3, greenLapShare: 0.68 },
};

export function syntheticRaceModel(partial: Partial<SyntheticModelOptions> = {}): RaceModel {
  const o = { ...INTERMEDIATE_MODEL, ...partial };
  const rng = createRng(o.seed);
  const n = o.drivers;
  const base = Array.from({ length: n }, () => rng.nextNormal() * o.strengthSpread).sort((a, b) => b - a);
  const strength = new Float64Array(o.draws * n);
  const dnfProb = new Float64Array(o.draws * n);
  const incidentProb = new Float64Array(o.draws);
  for (let d = 0; d < o.draws; d++) {
    incidentProb[d] = Math.min(1, Math.max(0, o.incidentProb + 0.03 * rng.nextNormal()));
    for (let i = 0; i < n; i++) {
      strength[d * n + i] = base[i] + o.drawNoise * rng.nextNormal();
      dnfProb[d * n + i] = Math.min(0.9, Math.max(0, o.dnfProb * Math.exp(0.3 * rng.nextNormal())));
    }
  }
  // Start order: a noisy version of strength (qualifying correlates with race pace).
  const startOrder = base.map((b, i) => ({ i, q: b + 0.6 * rng.nextNormal() })).sort((a, b) => b.q - a.q);
  const startPositions = new Int32Array(n);
  startOrder.forEach((x, p) => (startPositions[x.i] = p + 1));
  return {
    drivers: Array.from({ length: n }, (_, i) => `driver-${String(i + 1).padStart(2, '0')}`),
    draws: o.draws,
    strength,
    dnfProb,
    incidentProb,
    incidentMeanCars: o.incidentMeanCars,
    lapsLedDominance: o.lapsLedDominance,
    fastestLapDominance: o.fastestLapDominance,
    laps: o.laps,
    greenLapShare: o.greenLapShare,
    startPositions,
  };
}
