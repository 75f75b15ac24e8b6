/**
 * Cypher for the Job lifecycle. Every transition is CONDITIONAL on the current status (and the
 * attempt number for actor writes), so a crashed-and-redelivered job or a zombie worker can
 * never run twice or write twice: the losing writer's MATCH finds nothing and it backs off.
 * Shared by the API (create/cancel/read) and the actor (start/progress/finish).
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { EngineFailure, JobKind, JobPriority, ProgressPayload } from '../../engine/contract/index.js';
import { toJobRecord, type JobRecord } from './job-record.js';

export interface NewJob {
  /** kind + spec + data version + seed, set when the seed was chosen by the caller (else null). */
  readonly cacheKey?: string | null;
  readonly replayOf?: string | null;
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

/** Cypher fragment appending one lifecycle transition to j.history (a list of JSON strings). */
const HISTORY = (status: string, extra = "''") =>
  `j.history = coalesce(j.history, []) + ('{"status":"${status}","at":"' + toString(datetime()) + '","attempt":' + toString(coalesce(j.attempt, 0)) + ',"note":' + apoc.convert.toJson(${extra}) + '}')`;

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
         ON CREATE SET j += $props, j.status = 'QUEUED', j.attempt = 0, j.createdAt = toString(datetime()), j.created = true, ${HISTORY('QUEUED')}
         WITH j, coalesce(j.created, false) AS created REMOVE j.created
         RETURN j {.*} AS j, created`
      : `CREATE (j:Job) SET j += $props, j.status = 'QUEUED', j.attempt = 0, j.createdAt = toString(datetime()), ${HISTORY('QUEUED')}
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
           j.startedAt = toString(datetime()), j.progress = null, ${HISTORY('RUNNING', '$actorId')}
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
       SET j.status = 'SUCCEEDED', j.finishedAt = toString(datetime()), j.resultId = $resultId, j.resultSummary = $summary, ${HISTORY('SUCCEEDED')}
       RETURN j {.*} AS j`,
      { id, attempt, resultId: result.resultId, summary: JSON.stringify(result.summary), payload: result.payload },
    );
  }

  /** → FAILED from QUEUED or from RUNNING(attempt). */
  fail(id: string, attempt: number | null, error: EngineFailure): Promise<JobRecord | null> {
    // (pipelines are FAILED with attempt null from QUEUED or RUNNING)
    return this.one(
      `MATCH (j:Job {id: $id})
       WHERE j.status = 'QUEUED' OR (j.status = 'RUNNING' AND ($attempt IS NULL OR j.attempt = $attempt))
       SET j.status = 'FAILED', j.finishedAt = toString(datetime()), j.error = $error, ${HISTORY('FAILED', '$message')}
       RETURN j {.*} AS j`,
      { id, attempt, error: JSON.stringify(error), message: error.message },
    );
  }

  /** → CANCELLED from QUEUED (API, at once) or RUNNING (actor, cooperatively). */
  cancel(id: string, fromStatuses: readonly ('QUEUED' | 'RUNNING')[], reason: string): Promise<JobRecord | null> {
    return this.one(
      `MATCH (j:Job {id: $id}) WHERE j.status IN $from
       SET j.status = 'CANCELLED', j.finishedAt = toString(datetime()), j.error = $error, ${HISTORY('CANCELLED', '$reason')}
       RETURN j {.*} AS j`,
      { id, from: fromStatuses, reason, error: JSON.stringify({ type: 'CANCELLED', message: reason, retryable: false }) },
    );
  }

  /** RUNNING(attempt) → QUEUED when an actor releases work on shutdown. */
  async requeue(id: string, attempt: number, reason: string): Promise<void> {
    await this.driver.executeQuery(
      `MATCH (j:Job {id: $id}) WHERE j.status = 'RUNNING' AND j.attempt = $attempt SET j.status = 'QUEUED', j.progress = null, ${HISTORY('QUEUED', '$reason')}`,
      { id, attempt, reason },
      { database: this.database },
    );
  }

  /** Link a stage job to its pipeline (idempotent). */
  async linkStage(pipelineId: string, stageJobId: string, stage: string): Promise<void> {
    await this.driver.executeQuery(
      `MATCH (p:Job {id: $pipelineId}), (c:Job {id: $stageJobId}) MERGE (c)-[:STAGE_OF {stage: $stage}]->(p) SET c.pipelineId = $pipelineId, c.stage = $stage`,
      { pipelineId, stageJobId, stage },
      { database: this.database },
    );
  }

  /** The pipeline a stage job belongs to, with the ids of its stages so far. */
  async pipelineOf(stageJobId: string): Promise<{ pipeline: JobRecord; stage: string; stages: Record<string, string> } | null> {
    const { records } = await this.driver.executeQuery(
      `MATCH (c:Job {id: $stageJobId})-[s:STAGE_OF]->(p:Job)
       CALL (p) { MATCH (x:Job)-[t:STAGE_OF]->(p) RETURN collect([t.stage, x.id]) AS stages }
       RETURN p {.*} AS p, s.stage AS stage, stages`,
      { stageJobId },
      { database: this.database, routing: 'READ' },
    );
    const r = records[0];
    if (!r) return null;
    return { pipeline: toJobRecord(r.get('p') as Record<string, unknown>), stage: r.get('stage') as string, stages: Object.fromEntries(r.get('stages') as [string, string][]) };
  }

  /** Pipeline bookkeeping (the coordinator owns its lifecycle; conditional on not yet terminal). */
  async setPipelineProgress(id: string, progress: ProgressPayload): Promise<void> {
    await this.driver.executeQuery(`MATCH (j:Job {id: $id, kind: 'pipeline'}) WHERE j.status IN ['QUEUED', 'RUNNING'] SET j.status = 'RUNNING', j.progress = $progress, j.startedAt = coalesce(j.startedAt, toString(datetime()))`, { id, progress: JSON.stringify(progress) }, { database: this.database });
  }

  completePipeline(id: string, summary: Record<string, unknown>): Promise<JobRecord | null> {
    return this.one(
      `MATCH (j:Job {id: $id, kind: 'pipeline'}) WHERE j.status IN ['QUEUED', 'RUNNING']
       SET j.status = 'SUCCEEDED', j.finishedAt = toString(datetime()), j.resultSummary = $summary, ${HISTORY('SUCCEEDED')}
       RETURN j {.*} AS j`,
      { id, summary: JSON.stringify(summary) },
    );
  }

  /** The stage jobs of a pipeline that are not finished (to cancel them with the pipeline). */
  async activeStages(pipelineId: string): Promise<string[]> {
    const { records } = await this.driver.executeQuery(`MATCH (c:Job)-[:STAGE_OF]->(:Job {id: $pipelineId}) WHERE c.status IN ['QUEUED', 'RUNNING'] RETURN c.id AS id`, { pipelineId }, { database: this.database, routing: 'READ' });
    return records.map((r) => r.get('id') as string);
  }

  /** The owner's finished job with the same cache key (kind + spec + data version + explicit seed). */
  findCached(cacheKey: string, ownerId: string): Promise<JobRecord | null> {
    // Per owner: re-using another user's result would leak that job's id through cachedFrom.
    return this.one(`MATCH (j:Job {cacheKey: $cacheKey, status: 'SUCCEEDED', ownerId: $ownerId}) WHERE j.resultId IS NOT NULL RETURN j {.*} AS j ORDER BY j.finishedAt DESC LIMIT 1`, { cacheKey, ownerId }, 'READ');
  }

  /** A new job for `job.ownerId` that re-uses a finished job's result (SUCCEEDED at once). */
  async createFromCache(job: NewJob & { cacheKey: string }, source: JobRecord): Promise<JobRecord> {
    const r = await this.one(
      `MATCH (src:Job {id: $sourceId})-[:PRODUCED]->(res:JobResult)
       CREATE (j:Job) SET j += $props, j.status = 'SUCCEEDED', j.attempt = 0, j.createdAt = toString(datetime()),
         j.finishedAt = toString(datetime()), j.resultId = src.resultId, j.resultSummary = src.resultSummary, j.cachedFrom = src.id,
         ${HISTORY('SUCCEEDED', '"result reused from job " + src.id')}
       CREATE (j)-[:PRODUCED]->(res)
       RETURN j {.*} AS j`,
      { sourceId: source.id, props: { ...job, spec: JSON.stringify(job.spec), idempotencyScope: job.idempotencyKey ? `${job.ownerId}\u0000${job.idempotencyKey}` : null } },
    );
    return r!;
  }

  /** The owner's jobs, newest first, keyset-paginated on (createdAt, id). */
  async listByOwner(ownerId: string, opts: { status?: string | null; kind?: string | null; first: number; after?: { createdAt: string; id: string } | null }): Promise<JobRecord[]> {
    const { records } = await this.driver.executeQuery(
      `MATCH (j:Job {ownerId: $ownerId})
       WHERE ($status IS NULL OR j.status = $status) AND ($kind IS NULL OR j.kind = $kind)
         AND ($afterAt IS NULL OR j.createdAt < $afterAt OR (j.createdAt = $afterAt AND j.id < $afterId))
       RETURN j {.*} AS j ORDER BY j.createdAt DESC, j.id DESC LIMIT $first`,
      { ownerId, status: opts.status ?? null, kind: opts.kind ?? null, afterAt: opts.after?.createdAt ?? null, afterId: opts.after?.id ?? null, first: neo4j.int(opts.first) },
      { database: this.database, routing: 'READ' },
    );
    return records.map((r) => toJobRecord(r.get('j') as Record<string, unknown>));
  }

  async resultPayload(resultId: string): Promise<Uint8Array | null> {
    const { records } = await this.driver.executeQuery('MATCH (r:JobResult {id: $resultId}) RETURN r.payload AS p', { resultId }, { database: this.database, routing: 'READ' });
    return (records[0]?.get('p') as Uint8Array | undefined) ?? null;
  }
}
