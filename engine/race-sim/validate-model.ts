/**
 * RaceModel validation at the simulator's boundary: the model arrives over the wire (built by
 * the MCMC stage), so every array length and value is checked once, before the hot loop
 * trusts it. Errors are INVALID_INPUT naming the field, e.g. `model.dnfProb[83]: must be in [0, 1]`.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { RaceModel } from '../contract/models.js';
import { MAX_POSITION } from '../scoring/index.js';

/** Drivers per race: finishing positions are stored as Uint8 (Cup fields are <= 43). */
export const MAX_DRIVERS = MAX_POSITION;
/** Laps per race: laps led/completed are stored as Uint16. */
export const MAX_LAPS = 65_535;

function checkArray(name: string, arr: unknown, len: number, min: number, max: number): void {
  if (!(arr instanceof Float64Array)) throw invalidInput(`model.${name}`, 'must be a Float64Array');
  if (arr.length !== len) throw invalidInput(`model.${name}`, `length ${arr.length} != expected ${len}`);
  for (let k = 0; k < len; k++) {
    const v = arr[k];
    if (!(v >= min && v <= max)) throw invalidInput(`model.${name}[${k}]`, `must be in [${min}, ${max}]`, { got: v });
  }
}

function checkFinite(name: string, v: unknown, min = -Infinity): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw invalidInput(`model.${name}`, `must be a finite number >= ${min}`, { got: v ?? null });
}

/** @throws EngineError INVALID_INPUT naming the first bad field. */
export function validateRaceModel(model: RaceModel): void {
  if (!model || typeof model !== 'object') throw invalidInput('model', 'must be a RaceModel object');
  const { drivers } = model;
  if (!Array.isArray(drivers) || drivers.length === 0 || drivers.length > MAX_DRIVERS) throw invalidInput('model.drivers', `must be a non-empty array of at most ${MAX_DRIVERS} ids`);
  const seen = new Set<string>();
  drivers.forEach((d, i) => {
    if (typeof d !== 'string' || d.length === 0) throw invalidInput(`model.drivers[${i}]`, 'must be a non-empty string');
    if (seen.has(d)) throw invalidInput(`model.drivers[${i}]`, `duplicate driver id '${d}'`);
    seen.add(d);
  });
  const n = drivers.length;
  if (!Number.isInteger(model.draws) || model.draws < 1) throw invalidInput('model.draws', 'must be an integer >= 1', { got: model.draws });
  const D = model.draws;
  // Strengths are log-worths: any finite value is meaningful (the simulator centres them per draw).
  checkArray('strength', model.strength, D * n, -1e6, 1e6);
  checkArray('dnfProb', model.dnfProb, D * n, 0, 1);
  checkArray('incidentProb', model.incidentProb, D, 0, 1);
  checkFinite('incidentMeanCars', model.incidentMeanCars, 0);
  checkFinite('lapsLedDominance', model.lapsLedDominance);
  checkFinite('fastestLapDominance', model.fastestLapDominance);
  if (!Number.isInteger(model.laps) || model.laps < 1 || model.laps > MAX_LAPS) throw invalidInput('model.laps', `must be an integer in [1, ${MAX_LAPS}]`, { got: model.laps });
  if (!(model.greenLapShare > 0 && model.greenLapShare <= 1)) throw invalidInput('model.greenLapShare', 'must be in (0, 1]', { got: model.greenLapShare });
  if (!(model.startPositions instanceof Int32Array) || model.startPositions.length !== n) throw invalidInput('model.startPositions', `must be an Int32Array of length ${n}`);
}

/**
 * Start positions: the model's (slate order) with per-driver overrides (qualifying) merged in.
 * @throws EngineError INVALID_INPUT: unknown driver id (`options.startPositions.<id>`), a value
 * outside [1, 255], or two drivers on the same start position.
 */
export function resolveStartPositions(model: RaceModel, overrides: Readonly<Record<string, number>> | undefined): Int32Array {
  const start = Int32Array.from(model.startPositions);
  if (overrides) {
    const index = new Map(model.drivers.map((d, i) => [d, i] as const));
    for (const [id, pos] of Object.entries(overrides)) {
      const i = index.get(id);
      if (i === undefined) throw invalidInput(`options.startPositions.${id}`, `unknown driver '${id}' (not in model.drivers)`, { driver: id });
      if (!Number.isInteger(pos) || pos < 1 || pos > MAX_POSITION) throw invalidInput(`options.startPositions.${id}`, `must be an integer in [1, ${MAX_POSITION}]`, { got: pos });
      start[i] = pos;
    }
  }
  const owner = new Map<number, number>();
  for (let i = 0; i < start.length; i++) {
    const field = overrides && Object.hasOwn(overrides, model.drivers[i]) ? `options.startPositions.${model.drivers[i]}` : `model.startPositions[${i}]`;
    if (start[i] < 1 || start[i] > MAX_POSITION) throw invalidInput(field, `must be an integer in [1, ${MAX_POSITION}]`, { got: start[i] });
    const j = owner.get(start[i]);
    if (j !== undefined) throw invalidInput(field, `start position ${start[i]} is also held by '${model.drivers[j]}'`, { driver: model.drivers[i] });
    owner.set(start[i], i);
  }
  return start;
}
