/**
 * Runs pipelines (engine/contract/pipeline.ts): submits the first stage when a pipeline is
 * created and, from a durable JetStream consumer on JOB_EVENTS shared by all API replicas, the
 * next stage when one SUCCEEDS. Stage submits use the idempotency key `<pipelineId>:<stage>`, so
 * a redelivered event never starts a stage twice. A stage that fails or is cancelled fails the
 * pipeline with that cause. Stage progress is re-published as the pipeline's own progress
 * (fraction over all stages), so `jobProgress(pipelineId)` streams the whole pipeline.
 */
import { AckPolicy, DeliverPolicy, jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { activeStages, ownerKeyOf, parseJobEvent, stageSpec, type JobEvent, type NatsNames } from '../../engine/contract/index.js';
import type { JobRecord } from './job-record.js';
import type { JobRepository } from './job-repository.js';
import type { JobService } from './job-service.js';

const NS = 1_000_000;

export class PipelineCoordinator {
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly names: NatsNames,
    private readonly repo: JobRepository,
    private readonly jobs: JobService,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const name = `${this.names.eventsStream}_pipelines`;
    try {
      await jsm.consumers.info(this.names.eventsStream, name);
    } catch {
      await jsm.consumers.add(this.names.eventsStream, { durable_name: name, filter_subject: this.names.eventsWildcard(), ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, ack_wait: 60_000 * NS, max_deliver: 10 });
    }
    const consumer = await this.js.consumers.get(this.names.eventsStream, name);
    void (async () => {
      while (!this.stopped) {
        const msg = await consumer.next({ expires: 5_000 }).catch(() => null);
        if (msg) await this.handle(msg).catch((err: unknown) => (this.log.error({ err }, 'pipeline step failed; will retry'), msg.nak(1_000)));
      }
    })();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Called by JobService right after a pipeline job is created. */
  async begin(pipeline: JobRecord): Promise<void> {
    await this.advance(pipeline, {});
  }

  private async handle(msg: JsMsg): Promise<void> {
    let ev: JobEvent;
    try {
      ev = parseJobEvent(msg.json());
    } catch {
      return void msg.term();
    }
    if (ev.type === 'started') return void msg.ack();
    const link = await this.repo.pipelineOf(ev.jobId);
    if (!link || ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(link.pipeline.status)) return void msg.ack();
    const { pipeline, stage, stages } = link;
    const order = activeStages(pipeline.spec);
    const index = order.findIndex((s) => s.name === stage);
    if (ev.type === 'progress') {
      const fraction = (index + ev.progress.fraction) / order.length;
      await this.publish(pipeline, { type: 'progress', progress: { phase: `${stage}: ${ev.progress.phase}`, done: index, total: order.length, fraction, metrics: { stage: index, ...(ev.progress.metrics ?? {}) } } });
      await this.repo.setPipelineProgress(pipeline.id, { phase: `${stage}: ${ev.progress.phase}`, done: index, total: order.length, fraction });
    } else if (ev.type === 'completed') {
      await this.advance(pipeline, stages);
    } else {
      const cause = ev.type === 'failed' ? ev.error.message : `cancelled: ${ev.reason}`;
      const error = { type: ev.type === 'failed' ? ev.error.type : 'CANCELLED', message: `stage '${stage}' (job ${ev.jobId}) ${ev.type}: ${cause}`, retryable: false, details: { stage, stageJobId: ev.jobId } } as const;
      const failed = ev.type === 'cancelled' ? await this.repo.cancel(pipeline.id, ['QUEUED', 'RUNNING'], error.message) : await this.repo.fail(pipeline.id, null, error);
      if (failed) await this.publish(pipeline, ev.type === 'cancelled' ? { type: 'cancelled', reason: error.message } : { type: 'failed', error });
    }
    msg.ack();
  }

  /** Submit the first stage not yet started, or finish the pipeline when all SUCCEEDED. */
  private async advance(pipeline: JobRecord, stages: Record<string, string>): Promise<void> {
    const order = activeStages(pipeline.spec);
    for (const [i, stage] of order.entries()) {
      const existing = stages[stage.name];
      if (existing) {
        const j = await this.repo.get(existing);
        if (j?.status === 'SUCCEEDED') continue;
        return; // still running (or being handled by its own terminal event)
      }
      const job = await this.jobs.submit(stage.kind, stageSpec(stage, pipeline.spec, stages), { ownerId: pipeline.ownerId, priority: pipeline.priority, seed: (pipeline.seed + i) >>> 0, idempotencyKey: `${pipeline.id}:${stage.name}`, noCache: true });
      await this.repo.linkStage(pipeline.id, job.id, stage.name);
      await this.repo.setPipelineProgress(pipeline.id, { phase: `${stage.name}: queued`, done: i, total: order.length, fraction: i / order.length });
      return;
    }
    const done = await this.repo.completePipeline(pipeline.id, { stages });
    if (done) await this.publish(pipeline, { type: 'completed', resultId: pipeline.id, summary: { stages } });
  }

  private async publish(pipeline: JobRecord, body: Record<string, unknown>): Promise<void> {
    const ev = { v: 1, jobId: pipeline.id, seq: 0, at: new Date().toISOString(), attempt: 1, ...body };
    await this.js.publish(this.names.eventSubject(ownerKeyOf(pipeline.ownerId), pipeline.id), JSON.stringify(ev));
  }
}
