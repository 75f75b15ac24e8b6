/**
 * The job protocol: the only bridge between the API (src/) and the engine actors.
 * Zero dependencies. Every inbound message is parsed with the functions below.
 * See README.md § "Job protocol" for subjects, ack/nak rules and ordering.
 */
import type { EngineFailure } from './engine-error.js';
import { ENGINE_ERROR_TYPES } from './engine-error.js';

/** 'pipeline' is a parent job run by the API's pipeline coordinator, never published to actors. */
export const JOB_KINDS = ['ping', 'calibrate', 'simulate', 'ownership', 'optimize', 'contestSim', 'pipeline'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Closed lifecycle union. RUNNING → QUEUED happens only on redelivery after a crash. */
export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_STATUSES: readonly JobStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const isTerminal = (s: JobStatus): boolean => TERMINAL_STATUSES.includes(s);

export const JOB_PRIORITIES = ['high', 'normal', 'low'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

/** Message on `jobs.<priority>.<kind>`; Nats-Msg-Id = jobId (JetStream de-duplication). */
export interface JobRequest {
  readonly v: 1;
  readonly jobId: string;
  readonly kind: JobKind;
  readonly priority: JobPriority;
  /** The seed stored on the Job node; every random stream of the run derives from it. */
  readonly seed: number;
  /** Kind-specific spec, already validated by the API (the actor validates again). */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly submittedAt: string;
  /** Subject-safe owner key (ownerKeyOf(ownerId)): events go to events.job.<ownerKey>.<jobId>. */
  readonly ownerKey: string;
}

/**
 * Per-kind deadline: a job running longer is cancelled and FAILED with TIMEOUT (not retried:
 * a deterministic computation that ran out of time will run out of time again).
 */
export const JOB_TIMEOUTS_MS: Readonly<Record<JobKind, number>> = {
  ping: 5 * 60_000,
  calibrate: 30 * 60_000,
  simulate: 20 * 60_000,
  ownership: 5 * 60_000,
  optimize: 30 * 60_000,
  contestSim: 30 * 60_000,
  pipeline: 3 * 60 * 60_000,
};

export interface ProgressPayload {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  readonly fraction: number;
  readonly metrics?: Readonly<Record<string, number>>;
}

interface EventBase {
  readonly v: 1;
  readonly jobId: string;
  /** Per-attempt monotonic counter assigned by the actor; consumers order by stream sequence. */
  readonly seq: number;
  readonly at: string;
  readonly attempt: number;
}

/** Events on `events.job.<jobId>` (stream JOB_EVENTS; last per subject = current state). */
export type JobEvent =
  | (EventBase & { readonly type: 'started'; readonly actorId: string; readonly backend: string })
  | (EventBase & { readonly type: 'progress'; readonly progress: ProgressPayload })
  | (EventBase & { readonly type: 'completed'; readonly resultId: string; readonly summary: Readonly<Record<string, unknown>> })
  | (EventBase & { readonly type: 'failed'; readonly error: EngineFailure })
  | (EventBase & { readonly type: 'cancelled'; readonly reason: string });
export type JobEventType = JobEvent['type'];

export const isTerminalEvent = (e: JobEvent): boolean => e.type === 'completed' || e.type === 'failed' || e.type === 'cancelled';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

function obj(x: unknown, what: string): Record<string, unknown> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new ProtocolError(`${what}: expected an object`);
  return x as Record<string, unknown>;
}
function str(o: Record<string, unknown>, k: string, what: string): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length === 0) throw new ProtocolError(`${what}.${k}: expected a non-empty string`);
  return v;
}
function int(o: Record<string, unknown>, k: string, what: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ProtocolError(`${what}.${k}: expected an integer`);
  return v;
}
function oneOf<T extends string>(o: Record<string, unknown>, k: string, allowed: readonly T[], what: string): T {
  const v = o[k];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new ProtocolError(`${what}.${k}: expected one of ${allowed.join('|')}`);
  return v as T;
}

/** Parse a JobRequest from decoded JSON. Throws ProtocolError naming the field. */
export function parseJobRequest(raw: unknown): JobRequest {
  const o = obj(raw, 'JobRequest');
  if (o.v !== 1) throw new ProtocolError('JobRequest.v: unsupported protocol version');
  return {
    v: 1,
    jobId: str(o, 'jobId', 'JobRequest'),
    kind: oneOf(o, 'kind', JOB_KINDS, 'JobRequest'),
    priority: oneOf(o, 'priority', JOB_PRIORITIES, 'JobRequest'),
    seed: int(o, 'seed', 'JobRequest'),
    spec: obj(o.spec, 'JobRequest.spec'),
    submittedAt: str(o, 'submittedAt', 'JobRequest'),
    ownerKey: str(o, 'ownerKey', 'JobRequest'),
  };
}

/** Parse a JobEvent from decoded JSON. Throws ProtocolError naming the field. */
export function parseJobEvent(raw: unknown): JobEvent {
  const o = obj(raw, 'JobEvent');
  if (o.v !== 1) throw new ProtocolError('JobEvent.v: unsupported protocol version');
  const base = { v: 1 as const, jobId: str(o, 'jobId', 'JobEvent'), seq: int(o, 'seq', 'JobEvent'), at: str(o, 'at', 'JobEvent'), attempt: int(o, 'attempt', 'JobEvent') };
  const type = oneOf(o, 'type', ['started', 'progress', 'completed', 'failed', 'cancelled'] as const, 'JobEvent');
  switch (type) {
    case 'started':
      return { ...base, type, actorId: str(o, 'actorId', 'JobEvent'), backend: str(o, 'backend', 'JobEvent') };
    case 'progress': {
      const p = obj(o.progress, 'JobEvent.progress');
      const num = (k: string) => {
        const v = p[k];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProtocolError(`JobEvent.progress.${k}: expected a number`);
        return v;
      };
      return { ...base, type, progress: { phase: str(p, 'phase', 'JobEvent.progress'), done: num('done'), total: num('total'), fraction: num('fraction'), ...(p.metrics ? { metrics: obj(p.metrics, 'JobEvent.progress.metrics') as Record<string, number> } : {}) } };
    }
    case 'completed':
      return { ...base, type, resultId: str(o, 'resultId', 'JobEvent'), summary: obj(o.summary, 'JobEvent.summary') };
    case 'failed': {
      const e = obj(o.error, 'JobEvent.error');
      return { ...base, type, error: { type: oneOf(e, 'type', ENGINE_ERROR_TYPES, 'JobEvent.error'), message: String(e.message ?? ''), retryable: Boolean(e.retryable), ...(e.details ? { details: obj(e.details, 'JobEvent.error.details') } : {}) } };
    }
    case 'cancelled':
      return { ...base, type, reason: String(o.reason ?? '') };
    default:
      return unreachable(type);
  }
}

/** Exhaustiveness guard for switches over closed unions. */
export function unreachable(x: never): never {
  throw new Error(`unreachable case: ${JSON.stringify(x)}`);
}
