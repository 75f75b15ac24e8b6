/**
 * Submitting, reading, listing, replaying and cancelling jobs (API side).
 *
 * Order of effects on submit: (1) validate the spec (typed error naming the field, nothing
 * stored), (2) result cache — an explicit seed + identical spec + same data version re-uses a
 * finished result unless `noCache`, (3) MERGE the (:Job) QUEUED with its seed (idempotency key →
 * the same node, even under concurrent retries), (4) publish with Nats-Msg-Id = jobId, so a
 * retried publish is de-duplicated by JetStream and a job never exists only on the wire.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { JOB_REFERENCE_KINDS, isTerminal, ownerKeyOf, validateJobSpec, type JobKind, type JobPriority, type JobRequest, type NatsNames } from '../../engine/contract/index.js';
import { NotFoundError, UnavailableError, UserInputError } from '../errors.js';
import { withNeo4j } from '../neo4j/translate-error.js';
import { tracedPublish } from '../observability/trace-context.js';
import { dataVersion } from './data-version.js';
import type { JobRecord } from './job-record.js';
import type { JobRepository } from './job-repository.js';
import { specHash } from './spec-hash.js';

export interface SubmitOptions {
  readonly ownerId: string;
  readonly priority?: JobPriority;
  readonly seed?: number | null;
  readonly idempotencyKey?: string | null;
  /** Skip the result cache (always run). */
  readonly noCache?: boolean;
  readonly replayOf?: string | null;
}

export const MAX_SEED = 0xffffffff;

export class JobService {
  private pipelineStarter: ((job: JobRecord) => Promise<void>) | null = null;

  /** The pipeline coordinator registers itself here (it needs this service to submit stages). */
  onPipelineCreated(starter: (job: JobRecord) => Promise<void>): void {
    this.pipelineStarter = starter;
  }

  constructor(
    private readonly repo: JobRepository,
    private readonly js: JetStreamClient,
    private readonly cancelKv: KV,
    private readonly names: NatsNames,
    private readonly log: Logger,
    private readonly db: { driver: Driver; database: string },
  ) {}

  async submit(kind: JobKind, rawSpec: unknown, opts: SubmitOptions): Promise<JobRecord> {
    let spec: Record<string, unknown>;
    try {
      spec = { ...validateJobSpec(kind, rawSpec) };
    } catch (err) {
      if ((err as { type?: string }).type === 'INVALID_INPUT') {
        const details = ((err as { details?: Record<string, unknown> }).details ?? {}) as Record<string, unknown>;
        throw new UserInputError((err as Error).message, `input.${String(details.field ?? 'spec')}`);
      }
      throw err;
    }
    if (opts.seed != null && (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > MAX_SEED)) {
      throw new UserInputError(`options.seed: must be an integer in [0, ${MAX_SEED}]`, 'options.seed');
    }
    if (opts.idempotencyKey != null && (opts.idempotencyKey.length === 0 || opts.idempotencyKey.length > 200)) {
      throw new UserInputError('options.idempotencyKey: must be 1..200 characters', 'options.idempotencyKey');
    }
    await this.checkReferences(spec, opts.ownerId);
    const seed = opts.seed ?? randomInt(0, 2 ** 31 - 1); // chosen BEFORE the run and stored
    const priority = opts.priority ?? 'normal';
    const hash = specHash(kind, spec);
    // Only an explicit seed can make two runs identical, so only then is the cache consulted.
    const cacheKey = opts.seed != null ? specHash(kind, { spec, seed }, await withNeo4j(() => dataVersion(this.db.driver, this.db.database))) : null;
    const base = { id: randomUUID(), kind, priority, seed, spec, specHash: hash, cacheKey, ownerId: opts.ownerId, idempotencyKey: opts.idempotencyKey ?? null, replayOf: opts.replayOf ?? null };

    if (cacheKey && !opts.noCache && !opts.idempotencyKey && kind !== 'pipeline') {
      const cached = await withNeo4j(() => this.repo.findCached(cacheKey, opts.ownerId));
      if (cached) return withNeo4j(() => this.repo.createFromCache({ ...base, cacheKey }, cached));
    }
    const { job, created } = await withNeo4j(() => this.repo.create(base));
    if (!created && (job.kind !== kind || job.specHash !== hash)) {
      throw new UserInputError('options.idempotencyKey: already used for a different job', 'options.idempotencyKey', { existingJobId: job.id });
    }
    // Re-publish even when the job already existed and is still QUEUED: if the first attempt's
    // publish was lost, the retry repairs it; if not, JetStream de-duplicates by msgID.
    if (kind === 'pipeline') {
      if (created) await this.pipelineStarter?.(job);
      return (await withNeo4j(() => this.repo.get(job.id))) ?? job;
    }
    if (job.status === 'QUEUED') await this.publish(job);
    return job;
  }

  /** Referenced jobs (calibrationJobId, …) must be the caller's own SUCCEEDED jobs of the right kind. */
  private async checkReferences(spec: Record<string, unknown>, ownerId: string): Promise<void> {
    for (const [fieldName, kind] of Object.entries(JOB_REFERENCE_KINDS)) {
      const id = spec[fieldName];
      if (typeof id !== 'string') continue;
      const ref = await withNeo4j(() => this.repo.get(id));
      if (!ref || ref.ownerId !== ownerId) throw new UserInputError(`input.${fieldName}: job '${id}' not found`, `input.${fieldName}`);
      if (ref.kind !== kind) throw new UserInputError(`input.${fieldName}: job '${id}' is a ${ref.kind} job, expected ${kind}`, `input.${fieldName}`);
      if (ref.status !== 'SUCCEEDED') throw new UserInputError(`input.${fieldName}: job '${id}' is ${ref.status}, not SUCCEEDED`, `input.${fieldName}`);
    }
  }

  private async publish(job: JobRecord): Promise<void> {
    const req: JobRequest = { v: 1, jobId: job.id, kind: job.kind, priority: job.priority, seed: job.seed, spec: job.spec, submittedAt: job.createdAt, ownerKey: ownerKeyOf(job.ownerId) };
    try {
      const subject = this.names.jobSubject(job.priority, job.kind);
      // traceparent + correlation id in the headers: the actor continues this trace (issue 9).
      await tracedPublish(subject, { 'job.id': job.id, 'job.kind': job.kind }, (headers) => this.js.publish(subject, JSON.stringify(req), { msgID: job.id, timeout: 5_000, headers }));
    } catch (err) {
      this.log.error({ err, jobId: job.id }, 'publish to JetStream failed; job stays QUEUED and is re-published on retry with the same idempotency key');
      throw new UnavailableError('nats', 'The job queue is unavailable; retry with the same idempotencyKey.', err);
    }
  }

  async get(id: string, ownerId: string): Promise<JobRecord> {
    const job = await withNeo4j(() => this.repo.get(id));
    // Another owner's job is reported as NOT_FOUND (no enumeration).
    if (!job || job.ownerId !== ownerId) throw new NotFoundError('Job', id);
    return job;
  }

  list(ownerId: string, opts: Parameters<JobRepository['listByOwner']>[1]): Promise<JobRecord[]> {
    return withNeo4j(() => this.repo.listByOwner(ownerId, opts));
  }

  /** Re-run a job with its stored kind, spec and seed (bypasses the result cache). */
  async replay(id: string, ownerId: string, priority?: JobPriority): Promise<JobRecord> {
    const src = await this.get(id, ownerId);
    return this.submit(src.kind, src.spec, { ownerId, seed: src.seed, priority: priority ?? src.priority, noCache: true, replayOf: src.id });
  }

  /** QUEUED → CANCELLED at once; RUNNING → flag the actor, which stops at its next step. */
  async cancel(id: string, ownerId: string): Promise<JobRecord> {
    const job = await this.get(id, ownerId);
    if (isTerminal(job.status)) return job;
    if (job.kind === 'pipeline') {
      // Cancelling the running stage ends the pipeline through the coordinator (CANCELLED with cause).
      const active = await withNeo4j(() => this.repo.activeStages(id));
      for (const stageId of active) await this.cancel(stageId, ownerId);
      if (active.length === 0) await withNeo4j(() => this.repo.cancel(id, ['QUEUED', 'RUNNING'], 'cancelled by user'));
      return (await withNeo4j(() => this.repo.get(id))) ?? job;
    }
    await this.cancelKv.put(id, JSON.stringify({ at: new Date().toISOString(), by: ownerId }));
    if (job.status === 'QUEUED') {
      const reason = 'cancelled by user while queued';
      const cancelled = await withNeo4j(() => this.repo.cancel(id, ['QUEUED'], reason));
      if (cancelled) {
        const ev = { v: 1, jobId: id, seq: 0, at: new Date().toISOString(), attempt: 0, type: 'cancelled', reason };
        await this.js.publish(this.names.eventSubject(ownerKeyOf(ownerId), id), JSON.stringify(ev));
        return cancelled;
      }
    }
    return (await withNeo4j(() => this.repo.get(id))) ?? job;
  }
}

