/**
 * Submitting, reading and cancelling jobs (API side). The Neo4j node is written first (QUEUED,
 * with its seed), then the request is published with Nats-Msg-Id = jobId, so a retry of a
 * failed publish is de-duplicated by JetStream and a job never exists only on the wire.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { Logger } from 'pino';
import { EngineError, isTerminal, validateJobSpec, type JobKind, type JobPriority, type JobRequest, type NatsNames } from '../../engine/contract/index.js';
import { NotFoundError, UnavailableError, UserInputError } from '../errors.js';
import { withNeo4j } from '../neo4j/translate-error.js';
import type { JobRecord } from './job-record.js';
import type { JobRepository } from './job-repository.js';
import { specHash } from './spec-hash.js';

export interface SubmitOptions {
  readonly ownerId: string;
  readonly priority?: JobPriority;
  readonly seed?: number | null;
  readonly idempotencyKey?: string | null;
}

export class JobService {
  constructor(
    private readonly repo: JobRepository,
    private readonly js: JetStreamClient,
    private readonly cancelKv: KV,
    private readonly names: NatsNames,
    private readonly log: Logger,
  ) {}

  async submit(kind: JobKind, rawSpec: unknown, opts: SubmitOptions): Promise<JobRecord> {
    let spec: Record<string, unknown>;
    try {
      spec = { ...validateJobSpec(kind, rawSpec) };
    } catch (err) {
      if (err instanceof EngineError || (err as { type?: string }).type === 'INVALID_INPUT') {
        const field = String((err as EngineError).details?.field ?? 'spec');
        throw new UserInputError((err as Error).message, `input.${field}`);
      }
      throw err;
    }
    if (opts.seed != null && (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff)) {
      throw new UserInputError('input.seed: must be an integer in [0, 4294967295]', 'input.seed');
    }
    const seed = opts.seed ?? randomInt(0, 2 ** 31 - 1); // chosen BEFORE the run and stored
    const priority = opts.priority ?? 'normal';
    const { job, created } = await withNeo4j(() =>
      this.repo.create({ id: randomUUID(), kind, priority, seed, spec, specHash: specHash(kind, spec), ownerId: opts.ownerId, idempotencyKey: opts.idempotencyKey ?? null }),
    );
    if (!created && job.kind !== kind) throw new UserInputError(`idempotencyKey already used for a '${job.kind}' job`, 'input.idempotencyKey');
    // Re-publish even when the job already existed and is still QUEUED: if the first attempt's
    // publish was lost, the retry repairs it; if not, JetStream de-duplicates by msgID.
    if (job.status === 'QUEUED') await this.publish(job);
    return job;
  }

  private async publish(job: JobRecord): Promise<void> {
    const req: JobRequest = { v: 1, jobId: job.id, kind: job.kind, priority: job.priority, seed: job.seed, spec: job.spec, submittedAt: job.createdAt };
    try {
      await this.js.publish(this.names.jobSubject(job.priority, job.kind), JSON.stringify(req), { msgID: job.id, timeout: 5_000 });
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

  /** QUEUED → CANCELLED at once; RUNNING → flag the actor, which stops at its next step. */
  async cancel(id: string, ownerId: string): Promise<JobRecord> {
    const job = await this.get(id, ownerId);
    if (isTerminal(job.status)) return job;
    await this.cancelKv.put(id, JSON.stringify({ at: new Date().toISOString(), by: ownerId }));
    if (job.status === 'QUEUED') {
      const cancelled = await withNeo4j(() => this.repo.cancel(id, ['QUEUED'], 'cancelled by user while queued'));
      if (cancelled) {
        await this.js.publish(this.names.eventSubject(id), JSON.stringify({ v: 1, jobId: id, seq: 0, at: new Date().toISOString(), attempt: 0, type: 'cancelled', reason: 'cancelled by user while queued' }));
        return cancelled;
      }
    }
    return (await withNeo4j(() => this.repo.get(id))) ?? job;
  }
}
