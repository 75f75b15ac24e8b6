/**
 * Spec validation per job kind, shared by the API (reject bad input before a job exists) and the
 * actor (never trust the wire). Errors are EngineError('INVALID_INPUT') naming the field, e.g.
 * `spec.samples: must be an integer in [1000, 1000000000]`.
 */
import { invalidInput } from './engine-error.js';
import type { JobKind } from './job-protocol.js';

export type Spec = Readonly<Record<string, unknown>>;

/** Read helpers that name the field in their errors. */
export const field = {
  int(spec: Spec, name: string, def: number | undefined, min: number, max: number): number {
    const v = spec[name] ?? def;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalidInput(`spec.${name}`, `must be an integer in [${min}, ${max}]`, { got: v ?? null });
    return v;
  },
  num(spec: Spec, name: string, def: number | undefined, min: number, max: number): number {
    const v = spec[name] ?? def;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw invalidInput(`spec.${name}`, `must be a number in [${min}, ${max}]`, { got: v ?? null });
    return v;
  },
  str(spec: Spec, name: string, def?: string): string {
    const v = spec[name] ?? def;
    if (typeof v !== 'string' || v.length === 0) throw invalidInput(`spec.${name}`, 'must be a non-empty string', { got: v ?? null });
    return v;
  },
  optStr(spec: Spec, name: string): string | undefined {
    const v = spec[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.length === 0) throw invalidInput(`spec.${name}`, 'must be a non-empty string when given', { got: v });
    return v;
  },
};

export const PING_FAULT_TYPES = ['DEPENDENCY_UNAVAILABLE', 'INTERNAL'] as const;

export interface PingSpec {
  /** Monte-Carlo samples to draw. */
  readonly samples: number;
  /** Progress steps (chunks); cancellation is checked between chunks. */
  readonly chunks: number;
  /**
   * Fault injection for operating the platform (retry/dead-letter drills): fail the first
   * `failAttempts` delivery attempts with `failType` (DEPENDENCY_UNAVAILABLE is retryable).
   */
  readonly failAttempts: number;
  readonly failType: (typeof PING_FAULT_TYPES)[number];
}

export const PING_DEFAULTS: PingSpec = { samples: 2_000_000, chunks: 40, failAttempts: 0, failType: 'DEPENDENCY_UNAVAILABLE' };

export function validatePingSpec(spec: Spec): PingSpec {
  const failType = spec.failType ?? PING_DEFAULTS.failType;
  if (!(PING_FAULT_TYPES as readonly unknown[]).includes(failType)) throw invalidInput('spec.failType', `must be one of ${PING_FAULT_TYPES.join(', ')}`);
  return {
    samples: field.int(spec, 'samples', PING_DEFAULTS.samples, 1_000, 1_000_000_000),
    chunks: field.int(spec, 'chunks', PING_DEFAULTS.chunks, 1, 10_000),
    failAttempts: field.int(spec, 'failAttempts', 0, 0, 100),
    failType: failType as PingSpec['failType'],
  };
}

type Validator = (spec: Spec) => Spec;
const validators: Partial<Record<JobKind, Validator>> = {
  ping: (s) => ({ ...validatePingSpec(s) }),
};

/** Register a kind's validator (called by contract modules for each kind). */
export function registerSpecValidator(kind: JobKind, v: Validator): void {
  validators[kind] = v;
}

/** Validate and normalise (defaults filled in) a spec for `kind`. */
export function validateJobSpec(kind: JobKind, spec: unknown): Spec {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw invalidInput('spec', 'must be an object');
  const v = validators[kind];
  if (!v) throw invalidInput('kind', `job kind '${kind}' is not available yet`);
  return v(spec as Spec);
}
