/**
 * Calibration spec: defaults and validation, in the contract so the API can validate a
 * `submitCalibration` payload before queueing it (src/ may import only engine/contract).
 * `validateCalibrationSpec` accepts unknown JSON and returns the fully defaulted spec, or throws
 * INVALID_INPUT naming the field, e.g. `chains: must be an integer in [1, 64], got 0`.
 */
import type { CalibrationResult, CalibrationSpec, ModelFeatures } from './calibration-types.js';
import { invalidInput } from './engine-error.js';

export type NormalisedSpec = CalibrationResult['spec'];

export const DEFAULT_FEATURES: ModelFeatures = { trackType: true, team: false, manufacturer: false, startPosition: true, hierarchicalSkill: true, dnf: true };

export const DEFAULT_CALIBRATION_SPEC: NormalisedSpec = {
  trainThrough: null,
  chains: 4,
  warmup: 300,
  draws: 250,
  // 365 d scored the same held-out CRPS as 730 d (5.705 vs 5.699, train <= 2023, test 2024-25)
  // and lets races older than ~5.6 years drop out (minRaceWeight), halving the gradient cost.
  recencyHalfLifeDays: 365,
  // 8 (255 leapfrogs) rather than Stan's 10: a chain stuck at depth 10 costs minutes, and
  // saturation is reported in diagnostics.treeDepthSaturated anyway.
  maxTreeDepth: 8,
  targetAccept: 0.8,
  maxStoredDraws: 1000,
  evalSimsPerRace: 1000,
  features: DEFAULT_FEATURES,
};

const LIMITS: Record<'chains' | 'warmup' | 'draws' | 'maxTreeDepth' | 'maxStoredDraws' | 'evalSimsPerRace', [number, number]> = {
  chains: [1, 64],
  warmup: [0, 100_000],
  draws: [1, 100_000],
  maxTreeDepth: [1, 15],
  maxStoredDraws: [1, 100_000],
  evalSimsPerRace: [10, 1_000_000],
};

export function validateCalibrationSpec(spec: unknown): NormalisedSpec {
  if (spec === undefined || spec === null) return DEFAULT_CALIBRATION_SPEC;
  if (typeof spec !== 'object' || Array.isArray(spec)) throw invalidInput('spec', 'must be an object');
  const s = spec as Record<string, unknown>;
  const known = new Set([...Object.keys(DEFAULT_CALIBRATION_SPEC)]);
  for (const k of Object.keys(s)) if (!known.has(k)) throw invalidInput(k, 'is not a calibration spec field');
  const out: Record<string, unknown> = { ...DEFAULT_CALIBRATION_SPEC };
  for (const [k, [lo, hi]] of Object.entries(LIMITS)) {
    if (s[k] === undefined) continue;
    const v = s[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw invalidInput(k, `must be an integer in [${lo}, ${hi}], got ${String(v)}`);
    out[k] = v;
  }
  if (s.trainThrough !== undefined && s.trainThrough !== null) {
    if (typeof s.trainThrough !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(s.trainThrough) || Number.isNaN(Date.parse(s.trainThrough))) throw invalidInput('trainThrough', `must be an ISO date, got ${String(s.trainThrough)}`);
    out.trainThrough = s.trainThrough;
  }
  if (s.recencyHalfLifeDays !== undefined) {
    const v = s.recencyHalfLifeDays;
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) throw invalidInput('recencyHalfLifeDays', `must be a positive number of days or null, got ${String(v)}`);
    out.recencyHalfLifeDays = v;
  }
  if (s.targetAccept !== undefined) {
    const v = s.targetAccept;
    if (typeof v !== 'number' || !(v > 0 && v < 1)) throw invalidInput('targetAccept', `must be in (0, 1), got ${String(v)}`);
    out.targetAccept = v;
  }
  if (s.features !== undefined) {
    if (typeof s.features !== 'object' || s.features === null) throw invalidInput('features', 'must be an object');
    const f: Record<string, unknown> = { ...DEFAULT_FEATURES };
    for (const [k, v] of Object.entries(s.features)) {
      if (!(k in DEFAULT_FEATURES)) throw invalidInput(`features.${k}`, 'is not a model feature');
      if (typeof v !== 'boolean') throw invalidInput(`features.${k}`, `must be a boolean, got ${String(v)}`);
      f[k] = v;
    }
    out.features = f;
  }
  return out as NormalisedSpec;
}

/** Spec as accepted from typed callers (tests, bench). */
export function normaliseSpec(spec: CalibrationSpec | undefined): NormalisedSpec {
  return validateCalibrationSpec(spec ?? {});
}
