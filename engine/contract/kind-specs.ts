/**
 * Boundary validation of the engine job kinds' specs (what the API checks before a job exists).
 * Structure, ranges and references only; the engine domain re-validates everything in depth in
 * the actor (a deeper problem then FAILS the job with INVALID_INPUT naming the field, and nothing
 * is stored). Ids of other jobs (calibrationJobId …) are resolved and owner-checked by the API.
 */
import { invalidInput } from './engine-error.js';
import { field, registerSpecValidator, type Spec } from './job-specs.js';
import type { JobKind } from './job-protocol.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function optDate(spec: Spec, name: string): string | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) throw invalidInput(`spec.${name}`, 'must be a date YYYY-MM-DD', { got: v });
  return v;
}
function optInt(spec: Spec, name: string, min: number, max: number): number | undefined {
  return spec[name] === undefined || spec[name] === null ? undefined : field.int(spec, name, undefined, min, max);
}
function optNum(spec: Spec, name: string, min: number, max: number): number | undefined {
  return spec[name] === undefined || spec[name] === null ? undefined : field.num(spec, name, undefined, min, max);
}
function optObj(spec: Spec, name: string): Record<string, unknown> | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidInput(`spec.${name}`, 'must be an object');
  return v as Record<string, unknown>;
}
function optArray(spec: Spec, name: string, max: number): unknown[] | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.length > max) throw invalidInput(`spec.${name}`, `must be a list of at most ${max} items`);
  return v;
}
const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const OPTIMIZE_OBJECTIVES = ['mean', 'cvar', 'probTarget', 'leverage', 'payout'] as const;
export type OptimizeObjective = (typeof OPTIMIZE_OBJECTIVES)[number];

export function validateCalibrateSpec(spec: Spec): Spec {
  const from = optDate(spec, 'from');
  const through = optDate(spec, 'through');
  const trainThrough = optDate(spec, 'trainThrough');
  if (from && through && from > through) throw invalidInput('spec.from', `must be on or before spec.through (${through})`);
  return drop({
    from,
    through,
    trainThrough,
    chains: optInt(spec, 'chains', 1, 16),
    warmup: optInt(spec, 'warmup', 50, 20_000),
    draws: optInt(spec, 'draws', 50, 20_000),
    recencyHalfLifeDays: spec.recencyHalfLifeDays === null ? null : optNum(spec, 'recencyHalfLifeDays', 7, 36_500),
    maxTreeDepth: optInt(spec, 'maxTreeDepth', 3, 15),
    targetAccept: optNum(spec, 'targetAccept', 0.5, 0.99),
    maxStoredDraws: optInt(spec, 'maxStoredDraws', 50, 10_000),
    evalSimsPerRace: optInt(spec, 'evalSimsPerRace', 100, 20_000),
    features: optObj(spec, 'features'),
  });
}

export function validateSimulateSpec(spec: Spec): Spec {
  return drop({
    calibrationJobId: field.str(spec, 'calibrationJobId'),
    slateId: field.str(spec, 'slateId'),
    scenarios: field.int(spec, 'scenarios', 10_000, 100, 1_000_000),
    startPositions: optObj(spec, 'startPositions'),
  });
}

export function validateOwnershipSpec(spec: Spec): Spec {
  const overrides = optArray(spec, 'overrides', 100);
  overrides?.forEach((o, i) => {
    const r = o as Record<string, unknown>;
    if (!r || typeof r.driverId !== 'string' || typeof r.ownershipPct !== 'number' || r.ownershipPct < 0 || r.ownershipPct > 100) {
      throw invalidInput(`spec.overrides[${i}]`, 'must be {driverId: string, ownershipPct: number in [0, 100]}');
    }
  });
  return drop({ slateId: field.str(spec, 'slateId'), simulationJobId: field.str(spec, 'simulationJobId'), overrides });
}

export function validateOptimizeSpec(spec: Spec): Spec {
  const objective = spec.objective ?? 'mean';
  if (!(OPTIMIZE_OBJECTIVES as readonly unknown[]).includes(objective)) throw invalidInput('spec.objective', `must be one of ${OPTIMIZE_OBJECTIVES.join(', ')}`);
  if (objective === 'payout' && !spec.contestId) throw invalidInput('spec.contestId', 'is required for the payout objective');
  return drop({
    slateId: field.str(spec, 'slateId'),
    simulationJobId: field.str(spec, 'simulationJobId'),
    ownershipJobId: field.optStr(spec, 'ownershipJobId'),
    contestId: field.optStr(spec, 'contestId'),
    objective,
    lineups: field.int(spec, 'lineups', 1, 1, 150),
    alpha: optNum(spec, 'alpha', 0.001, 0.5),
    target: optNum(spec, 'target', 0, 1_000),
    leverageWeight: optNum(spec, 'leverageWeight', 0, 1_000),
    holdoutShare: optNum(spec, 'holdoutShare', 0.1, 0.9),
    constraints: optObj(spec, 'constraints'),
  });
}

export function validateContestSimSpec(spec: Spec): Spec {
  return drop({
    slateId: field.str(spec, 'slateId'),
    simulationJobId: field.str(spec, 'simulationJobId'),
    ownershipJobId: field.str(spec, 'ownershipJobId'),
    optimizeJobId: field.str(spec, 'optimizeJobId'),
    contestId: field.str(spec, 'contestId'),
    fieldSize: optInt(spec, 'fieldSize', 1, 1_000_000),
  });
}

registerSpecValidator('calibrate', validateCalibrateSpec);
registerSpecValidator('simulate', validateSimulateSpec);
registerSpecValidator('ownership', validateOwnershipSpec);
registerSpecValidator('optimize', validateOptimizeSpec);
registerSpecValidator('contestSim', validateContestSimSpec);

/** Spec fields that name another job whose result this job consumes, and that job's kind. */
export const JOB_REFERENCE_KINDS: Readonly<Record<string, JobKind>> = {
  calibrationJobId: 'calibrate',
  simulationJobId: 'simulate',
  ownershipJobId: 'ownership',
  optimizeJobId: 'optimize',
};
