/**
 * The generic engine actor: binds the JetStream job consumers to the pure computations.
 *
 * Per message: parse → conditional QUEUED→RUNNING in Neo4j (a job never runs twice) → load inputs
 * → run the maths in a worker thread, streaming throttled progress and calling msg.working() →
 * write result + SUCCEEDED in one transaction → publish the terminal event → ack.
 * Retryable failures nak with backoff until MAX_DELIVER, then FAILED + dead letter; anything
 * else is FAILED at once and term()ed. Cancellation is a KV flag polled while running.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { jetstream, type Consumer, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { JobRepository } from '../../src/jobs/job-repository.js';
import type { JobObserver } from '../../src/observability/job-metrics.js';
import { inJobContext } from '../../src/observability/trace-context.js';
import type { KernelBackendChoice, KernelBackendInfo } from '../backend/index.js';
import { toEngineFailure, type EngineFailure } from '../contract/engine-error.js';
import { JOB_PRIORITIES, JOB_TIMEOUTS_MS, isTerminal, parseJobRequest, type JobPriority, type JobRequest } from '../contract/job-protocol.js';
import type { NatsNames } from '../contract/subjects.js';
import { EventPublisher } from './event-publisher.js';
import { loadInputs } from './input-loader.js';
import { progressThrottle } from './progress-throttle.js';
import { encodeResult } from '../../src/jobs/result-codec.js';
import { JobWorkerPool, type WorkerRun } from './worker-pool.js';
import { Slots } from './slots.js';

export interface ActorOptions {
  readonly nc: NatsConnection;
  readonly driver: Driver;
  readonly database: string;
  readonly names: NatsNames;
  readonly log: Logger;
  readonly actorId?: string;
  readonly concurrency: number;
  /** The kernel backend as configured (each job thread creates it) and what it resolved to at start-up. */
  readonly backend: { readonly choice: KernelBackendChoice; readonly info: KernelBackendInfo };
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
  readonly heartbeatMs: number;
  readonly progressIntervalMs: number;
  readonly progressMinFraction: number;
  /** Overrides every kind's deadline (JOB_TIMEOUTS_MS); a job running longer fails with TIMEOUT. */
  readonly jobTimeoutMs?: number;
  /** Job metrics hooks (engine/actor/metrics.ts); absent = none. */
  readonly observer?: JobObserver;
}

export type ActorPhase = 'starting' | 'started' | 'draining' | 'stopped';

interface Running {
  readonly jobId: string;
  readonly msg: JsMsg;
  readonly attempt: number;
  run: WorkerRun | null;
  releasing: boolean;
}

/** Backoff before a retryable failure is redelivered: 1 s, 4 s, 9 s, ... capped at 60 s. */
export const retryDelayMs = (attempt: number) => Math.min(60_000, 1000 * attempt * attempt);

export class Actor {
  readonly id: string;
  private phase: ActorPhase = 'starting';
  private readonly js: JetStreamClient;
  private readonly repo: JobRepository;
  private readonly slots: Slots;
  private readonly workers: JobWorkerPool;
  private readonly running = new Map<string, Running>();
  private actorsKv!: KV;
  private cancelKv!: KV;
  private heartbeat?: NodeJS.Timeout;
  private loops: Promise<void>[] = [];
  private completed = 0;

  constructor(private readonly o: ActorOptions) {
    this.id = o.actorId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.js = jetstream(o.nc);
    this.repo = new JobRepository(o.driver, o.database);
    this.slots = new Slots(o.concurrency);
    this.workers = new JobWorkerPool({ size: o.concurrency });
  }

  /** e.g. 'cpu/js-typed-arrays', 'tfjs/tfjs-node-gpu': stored on each Job it runs (Job.backend). */
  get backendLabel(): string {
    return `${this.o.backend.info.name}/${this.o.backend.info.device}`;
  }

  get jobsCompleted(): number {
    return this.completed;
  }

  async start(): Promise<void> {
    const kvm = new Kvm(this.o.nc);
    this.actorsKv = await kvm.open(this.o.names.actorsBucket);
    this.cancelKv = await kvm.open(this.o.names.cancelBucket);
    this.workers.warm();
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat().catch((err: unknown) => this.o.log.warn({ err }, 'heartbeat failed')), this.o.heartbeatMs);
    this.phase = 'started';
    for (const p of JOB_PRIORITIES) {
      const consumer = await this.js.consumers.get(this.o.names.jobsStream, this.o.names.consumerName(p));
      this.loops.push(this.pullLoop(p, consumer));
    }
    this.o.log.info({ actorId: this.id, concurrency: this.o.concurrency, backend: this.o.backend.info }, 'actor started');
  }

  private async beat(): Promise<void> {
    await this.actorsKv.put(this.id, JSON.stringify({ actorId: this.id, backend: this.backendLabel, backendInfo: this.o.backend.info, concurrency: this.o.concurrency, busy: this.slots.busy, host: os.hostname(), pid: process.pid, at: new Date().toISOString() }));
  }

  private async pullLoop(priority: JobPriority, consumer: Consumer): Promise<void> {
    while (this.phase === 'started') {
      await this.slots.waitForFree();
      if (this.phase !== 'started') break;
      let msg: JsMsg | null;
      try {
        msg = await consumer.next({ expires: 5_000 });
      } catch (err) {
        if (this.phase !== 'started') break;
        this.o.log.warn({ err, priority }, 'pull failed; retrying in 1 s');
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      if (!msg) continue;
      if (this.phase !== 'started') {
        msg.nak(); // fetched while stopping: hand it straight back
        break;
      }
      const held = msg;
      const keepAlive = setInterval(() => held.working(), Math.max(1_000, this.o.ackWaitMs / 3));
      await this.slots.acquire(priority);
      clearInterval(keepAlive);
      // Trace + log context (job id, correlation id) from the message headers (issue 9).
      void inJobContext(held, () => this.handle(held))
        .catch((err: unknown) => this.o.log.error({ err }, 'unhandled actor error'))
        .finally(() => this.slots.release());
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    let req: JobRequest;
    try {
      req = parseJobRequest(msg.json());
    } catch (err) {
      this.o.log.error({ err, subject: msg.subject }, 'malformed job request; terminating message');
      msg.term('malformed job request');
      return;
    }
    const attempt = msg.info.deliveryCount;
    const log = this.o.log.child({ jobId: req.jobId, kind: req.kind, attempt });
    const events = new EventPublisher(this.js, this.o.names, req.ownerKey, req.jobId, attempt);

    const job = await this.repo.markRunning(req.jobId, attempt, this.id, this.backendLabel);
    if (!job) return this.notOurs(req, msg, events, log);
    if ((await this.cancelKv.get(req.jobId))?.operation === 'PUT') {
      await this.finishCancelled(req, msg, events, 'cancelled before start');
      return;
    }
    await events.publish({ type: 'started', actorId: this.id, backend: this.backendLabel });
    this.o.observer?.started(req, attempt);
    const entry: Running = { jobId: req.jobId, msg, attempt, run: null, releasing: false };
    this.running.set(req.jobId, entry);
    const keepAlive = setInterval(() => msg.working(), Math.max(1_000, this.o.ackWaitMs / 3));
    const cancelPoll = setInterval(() => {
      this.cancelKv.get(req.jobId).then(
        (e) => e?.operation === 'PUT' && entry.run?.cancel(),
        () => {},
      );
    }, 250);
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      entry.run?.cancel();
    }, this.o.jobTimeoutMs ?? JOB_TIMEOUTS_MS[req.kind]);
    try {
      const inputs = await loadInputs(req.kind, { ...req.spec }, { driver: this.o.driver, database: this.o.database });
      const emit = progressThrottle({ intervalMs: this.o.progressIntervalMs, minFraction: this.o.progressMinFraction }, (u) => {
        msg.working();
        const progress = { phase: u.phase, done: u.done, total: u.total, fraction: u.fraction, ...(u.metrics ? { metrics: { ...u.metrics } } : {}) };
        void events.publish({ type: 'progress', progress }).catch((err: unknown) => log.warn({ err }, 'progress publish failed'));
        void this.repo.saveProgress(req.jobId, attempt, progress).catch((err: unknown) => log.warn({ err }, 'progress save failed'));
      });
      entry.run = this.workers.run({ kind: req.kind, spec: { ...req.spec }, inputs, seed: req.seed, attempt, backend: this.o.backend.choice }, emit);
      const out = await entry.run.done;
      const resultId = randomUUID();
      const done = await this.repo.complete(req.jobId, attempt, { resultId, summary: out.summary, payload: encodeResult(out.result) });
      if (!done) return this.notOurs(req, msg, events, log);
      await events.publish({ type: 'completed', resultId, summary: out.summary });
      msg.ack();
      this.completed++;
      this.o.observer?.succeeded(req, out.summary);
      log.info('job succeeded');
    } catch (err) {
      if (entry.releasing) return; // shutdown handed the job back (nak) already
      const failure = toEngineFailure(err);
      if (failure.type === 'CANCELLED' && !timedOut) return this.finishCancelled(req, msg, events, 'cancelled by user');
      const f: EngineFailure = failure.type === 'CANCELLED' ? { type: 'TIMEOUT', message: 'job exceeded its time limit', retryable: false } : failure;
      await this.finishFailed(req, attempt, msg, events, f, log);
    } finally {
      clearInterval(keepAlive);
      clearInterval(cancelPoll);
      clearTimeout(timeout);
      this.running.delete(req.jobId);
    }
  }

  /** The conditional transition found the job not runnable by us: repair or drop the message. */
  private async notOurs(req: JobRequest, msg: JsMsg, events: EventPublisher, log: Logger): Promise<void> {
    const job = await this.repo.get(req.jobId);
    if (!job) {
      log.error('job request for a job that does not exist; terminating message');
      msg.term('unknown job');
      return;
    }
    if (isTerminal(job.status)) {
      // Re-publish the terminal event in case the previous attempt died between commit and publish.
      if (job.status === 'SUCCEEDED' && job.resultId) await events.publish({ type: 'completed', resultId: job.resultId, summary: job.resultSummary ?? {} });
      else if (job.status === 'FAILED' && job.error) await events.publish({ type: 'failed', error: job.error });
      else if (job.status === 'CANCELLED') await events.publish({ type: 'cancelled', reason: job.error?.message ?? 'cancelled' });
    }
    log.info({ status: job.status }, 'job already handled; acking duplicate delivery');
    msg.ack();
  }

  private async finishCancelled(req: JobRequest, msg: JsMsg, events: EventPublisher, reason: string): Promise<void> {
    await this.repo.cancel(req.jobId, ['RUNNING', 'QUEUED'], reason);
    await events.publish({ type: 'cancelled', reason });
    this.o.observer?.cancelled(req);
    msg.ack();
  }

  private async finishFailed(req: JobRequest, attempt: number, msg: JsMsg, events: EventPublisher, failure: EngineFailure, log: Logger): Promise<void> {
    if (failure.retryable && attempt < this.o.maxDeliver) {
      log.warn({ failure }, 'retryable failure; nak with backoff');
      await this.repo.requeue(req.jobId, attempt, `retrying after: ${failure.message}`);
      this.o.observer?.retrying(req, failure);
      msg.nak(retryDelayMs(attempt));
      return;
    }
    const final = failure.retryable ? { ...failure, message: `${failure.message} (gave up after ${attempt} attempts)` } : failure;
    await this.repo.fail(req.jobId, attempt, final);
    this.o.observer?.failed(req, final);
    await events.publish({ type: 'failed', error: final });
    if (failure.retryable) await this.js.publish(this.o.names.deadLetterSubject, JSON.stringify({ request: req, failure: final })).catch(() => {});
    // ack, not term: nats-server 2.9 keeps term()ed messages in a work-queue stream. FAILED is
    // recorded in Neo4j (and the dead letter), so the message has nothing left to do.
    msg.ack();
    log.warn({ failure: final }, 'job failed');
  }

  /**
   * Stop pulling; give running jobs until `deadlineMs` to finish, then cancel their threads and
   * hand the messages back (nak) so another actor resumes them. Nothing is lost.
   */
  async stop(deadlineMs = 10_000): Promise<void> {
    if (this.phase !== 'started') return;
    this.phase = 'draining';
    const deadline = Date.now() + deadlineMs;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const r of this.running.values()) {
      r.releasing = true;
      await r.run?.terminate();
      await this.repo.requeue(r.jobId, r.attempt, `released by actor ${this.id} on shutdown`).catch(() => {});
      r.msg.nak();
    }
    clearInterval(this.heartbeat);
    await this.workers.close();
    await this.actorsKv.delete(this.id).catch(() => {});
    this.phase = 'stopped';
    void Promise.allSettled(this.loops);
  }
}

