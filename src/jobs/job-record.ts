/** The Job as stored on the (:Job) node, and its mapping from Neo4j records. */
import type { EngineFailure, JobKind, JobPriority, JobStatus, ProgressPayload } from '../../engine/contract/index.js';

export interface JobRecord {
  readonly id: string;
  readonly kind: JobKind;
  readonly status: JobStatus;
  readonly priority: JobPriority;
  readonly seed: number;
  readonly spec: Record<string, unknown>;
  readonly specHash: string;
  readonly ownerId: string;
  readonly idempotencyKey: string | null;
  readonly attempt: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: ProgressPayload | null;
  readonly error: EngineFailure | null;
  readonly resultId: string | null;
  readonly resultSummary: Record<string, unknown> | null;
  readonly actorId: string | null;
  readonly backend: string | null;
  readonly history: readonly JobTransition[];
  readonly cachedFrom: string | null;
  readonly replayOf: string | null;
}

export interface JobTransition {
  readonly status: JobStatus;
  readonly at: string;
  readonly attempt: number;
  readonly note: string | null;
}

const json = <T>(s: unknown): T | null => (typeof s === 'string' && s ? (JSON.parse(s) as T) : null);
const iso = (v: unknown): string | null => (v == null ? null : String(v));

/** Map the `j` map returned by `RETURN j {.*} AS j`. */
export function toJobRecord(j: Record<string, unknown>): JobRecord {
  return {
    id: String(j.id),
    kind: j.kind as JobKind,
    status: j.status as JobStatus,
    priority: j.priority as JobPriority,
    seed: Number(j.seed),
    spec: json<Record<string, unknown>>(j.spec) ?? {},
    specHash: String(j.specHash ?? ''),
    ownerId: String(j.ownerId ?? ''),
    idempotencyKey: (j.idempotencyKey as string | undefined) ?? null,
    attempt: Number(j.attempt ?? 0),
    createdAt: String(j.createdAt),
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
    progress: json<ProgressPayload>(j.progress),
    error: json<EngineFailure>(j.error),
    resultId: (j.resultId as string | undefined) ?? null,
    resultSummary: json<Record<string, unknown>>(j.resultSummary),
    actorId: (j.actorId as string | undefined) ?? null,
    backend: (j.backend as string | undefined) ?? null,
    history: Array.isArray(j.history) ? (j.history as string[]).map((h) => { const t = JSON.parse(h) as JobTransition; return { ...t, note: t.note || null }; }) : [],
    cachedFrom: (j.cachedFrom as string | undefined) ?? null,
    replayOf: (j.replayOf as string | undefined) ?? null,
  };
}
