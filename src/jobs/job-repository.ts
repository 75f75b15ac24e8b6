/**
 * Cypher for the Job lifecycle. Every transition is CONDITIONAL on the current status (and the
 * attempt number for actor writes), so a crashed-and-redelivered job or a zombie worker can
 * never run twice or write twice: the losing writer's MATCH finds nothing and it backs off.
 * Shared by the API (create/cancel/read) and the actor (start/progress/finish).
 */
import type { Driver } from 'neo4j-driver';
import type { EngineFailure, JobKind, JobPriority, ProgressPayload } from '../../engine/contract/index.js';
import { toJobRecord, type JobRecord } from './job-record.js';

export interface NewJob {
  readonly id: string;
  readonly kind: JobKind;
  readonly priority: JobPriority;
  readonly seed: number;
  readonly spec: Record<string, unknown>;
  readonly specHash: string;
  readonly ownerId: string;
  readonly idempotencyKey: string | null;
}

export interface JobResultWrite {
  readonly resultId: string;
  readonly summary: Record<string, unknown>;
  /** gzip-compressed JSON of the full result (large numeric payloads). */
  readonly payload: Uint8Array;
}

export class JobRepository {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  private async one(cypher: string, params: Record<string, unknown>, mode: 'READ' | 'WRITE' = 'WRITE'): Promise<JobRecord | null> {
    const { records } = await this.driver.executeQuery(cypher, params, { database: this.database, routing: mode });
    const j = records[0]?.get('j') as Record<string, unknown> | undefined;
    return j ? toJobRecord(j) : null;
  }

  /**
   * Create a QUEUED job, or return the existing one for the same owner + idempotency key.
   * MERGE on (ownerId, idempotencyKey) makes concurrent retries converge on one node.
   */
  async create(job: NewJob): Promise<{ job: JobRecord; created: boolean }> {
    const scope = job.idempotencyKey ? `${job.ownerId}\u0000${job.idempotencyKey}` : null;
    const props = { ...job, spec: JSON.stringify(job.spec), idempotencyScope: scope };
    // The unique constraint on idempotencyScope makes MERGE safe under concurrent retries.
    const cypher = scope
      ? `MERGE (j:Job {idempotencyScope: $scope})
         ON CREATE SET j += $props, j.status = 'QUEUED', j.attempt = 0, j.createdAt = toString(datetime()), j.created = true
         WITH j, coalesce(j.created, false) AS created REMOVE j.created
         RETURN j {.*} AS j, created`
      : `CREATE (j:Job) SET j += $props, j.status = 'QUEUED', j.attempt = 0, j.createdAt = toString(datetime())
         RETURN j {.*} AS j, true AS created`;
    const { records } = await this.driver.executeQuery(cypher, { props, scope }, { database: this.database });
    const r = records[0]!;
    return { job: toJobRecord(r.get('j') as Record<string, unknown>), created: Boolean(r.get('created')) };
  }

  get(id: string): Promise<JobRecord | null> {
    return this.one('MATCH (j:Job {id: $id}) RETURN j {.*} AS j', { id }, 'READ');
  }

  /** QUEUED → RUNNING, or RUNNING (older attempt, crashed) → RUNNING. Null: not ours to run. */
  markRunning(id: string, attempt: number, actorId: string, backend: string): Promise<JobRecord | null> {
    return this.one(
      `MATCH (j:Job {id: $id})
       WHERE j.status = 'QUEUED' OR (j.status = 'RUNNING' AND j.attempt < $attempt)
       SET j.status = 'RUNNING', j.attempt = $attempt, j.actorId = $actorId, j.backend = $backend,
           j.startedAt = toString(datetime()), j.progress = null
       RETURN j {.*} AS j`,
      { id, attempt, actorId, backend },
    );
  }

  /** Latest progress (best effort; only while this attempt is running). */
  async saveProgress(id: string, attempt: number, progress: ProgressPayload): Promise<void> {
    await this.driver.executeQuery(
      `MATCH (j:Job {id: $id}) WHERE j.status = 'RUNNING' AND j.attempt = $attempt SET j.progress = $progress`,
      { id, attempt, progress: JSON.stringify(progress) },
      { database: this.database },
    );
  }

  /** RUNNING(attempt) → SUCCEEDED with the result node, in one transaction. Null: lost the race. */
  complete(id: string, attempt: number, result: JobResultWrite): Promise<JobRecord | null> {
    return this.one(
      `MATCH (j:Job {id: $id}) WHERE j.status = 'RUNNING' AND j.attempt = $attempt
       CREATE (j)-[:PRODUCED]->(r:JobResult {id: $resultId, kind: j.kind, summary: $summary, payload: $payload, createdAt: toString(datetime())})
       SET j.status = 'SUCCEEDED', j.finishedAt = toString(datetime()), j.resultId = $resultId, j.resultSummary = $summary
       RETURN j {.*} AS j`,
      { id, attempt, resultId: result.resultId, summary: JSON.stringify(result.summary), payload: result.payload },
    );
  }

  /** → FAILED from QUEUED or from RUNNING(attempt). */
  fail(id: string, attempt: number | null, error: EngineFailure): Promise<JobRecord | null> {
    return this.one(
      `MATCH (j:Job {id: $id})
       WHERE j.status = 'QUEUED' OR (j.status = 'RUNNING' AND ($attempt IS NULL OR j.attempt = $attempt))
       SET j.status = 'FAILED', j.finishedAt = toString(datetime()), j.error = $error
       RETURN j {.*} AS j`,
      { id, attempt, error: JSON.stringify(error) },
    );
  }

  /** → CANCELLED from QUEUED (API, at once) or RUNNING (actor, cooperatively). */
  cancel(id: string, fromStatuses: readonly ('QUEUED' | 'RUNNING')[], reason: string): Promise<JobRecord | null> {
    return this.one(
      `MATCH (j:Job {id: $id}) WHERE j.status IN $from
       SET j.status = 'CANCELLED', j.finishedAt = toString(datetime()), j.error = $error
       RETURN j {.*} AS j`,
      { id, from: fromStatuses, error: JSON.stringify({ type: 'CANCELLED', message: reason, retryable: false }) },
    );
  }

  /** RUNNING(attempt) → QUEUED when an actor releases work on shutdown. */
  async requeue(id: string, attempt: number): Promise<void> {
    await this.driver.executeQuery(
      `MATCH (j:Job {id: $id}) WHERE j.status = 'RUNNING' AND j.attempt = $attempt SET j.status = 'QUEUED', j.progress = null`,
      { id, attempt },
      { database: this.database },
    );
  }

  async resultPayload(resultId: string): Promise<Uint8Array | null> {
    const { records } = await this.driver.executeQuery('MATCH (r:JobResult {id: $resultId}) RETURN r.payload AS p', { resultId }, { database: this.database, routing: 'READ' });
    return (records[0]?.get('p') as Uint8Array | undefined) ?? null;
  }
}
