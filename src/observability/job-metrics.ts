/**
 * Job metrics of an actor (issue 9 §1): started, finished by outcome, duration, retries, running,
 * time spent queued; plus the ML series of each successful job's summary (ml-metrics.ts).
 *
 * `JobObserver` is what the actor calls, one line at each point of its loop (start, success,
 * cancel, retry, final failure). Labels are closed sets: kind and priority come from the parsed
 * job request, failure types from ENGINE_ERROR_TYPES.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { MlMetrics } from './ml-metrics.js';
import { annotateActiveSpan } from './trace-context.js';

export interface JobRef {
  readonly jobId: string;
  readonly kind: string;
  readonly priority: string;
  /** ISO time the API queued the job (JobRequest.submittedAt). */
  readonly submittedAt?: string;
}

export interface JobFailureRef {
  readonly type: string;
  readonly message?: string;
}

export interface JobObserver {
  started(job: JobRef, attempt: number): void;
  succeeded(job: JobRef, summary: unknown): void;
  cancelled(job: JobRef): void;
  /** A retryable failure handed back with nak(backoff); the job will run again. */
  retrying(job: JobRef, failure: JobFailureRef): void;
  /** Final failure (non-retryable, timeout, or retries exhausted). */
  failed(job: JobRef, failure: JobFailureRef): void;
}

/** Seconds: 100 ms .. 1 h (the longest job deadline is 30 min). */
export const JOB_DURATION_BUCKETS_S = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];
/** Jobs remembered between start and finish; a job handed back on shutdown never finishes here. */
const MAX_TRACKED = 1_000;

export class JobMetrics implements JobObserver {
  readonly ml: MlMetrics;
  private readonly startedAt = new Map<string, number>();
  private readonly startedTotal: Counter<'kind' | 'priority'>;
  private readonly finishedTotal: Counter<'kind' | 'outcome'>;
  private readonly failuresTotal: Counter<'kind' | 'type'>;
  private readonly retriesTotal: Counter<'kind' | 'reason'>;
  private readonly duration: Histogram<'kind' | 'outcome'>;
  private readonly queueWait: Histogram<'kind' | 'priority'>;
  private readonly running: Gauge<'kind'>;

  constructor(registry: Registry) {
    this.ml = new MlMetrics(registry);
    const r = [registry];
    this.startedTotal = new Counter({ name: 'dfs_jobs_started_total', help: 'Job attempts started by this actor.', labelNames: ['kind', 'priority'], registers: r });
    this.finishedTotal = new Counter({ name: 'dfs_jobs_finished_total', help: 'Jobs finished by this actor, by outcome (succeeded, failed, timeout, cancelled).', labelNames: ['kind', 'outcome'], registers: r });
    this.failuresTotal = new Counter({ name: 'dfs_job_failures_total', help: 'Final job failures by engine error type.', labelNames: ['kind', 'type'], registers: r });
    this.retriesTotal = new Counter({ name: 'dfs_job_retries_total', help: 'Retryable failures handed back to JetStream (nak with backoff).', labelNames: ['kind', 'reason'], registers: r });
    this.duration = new Histogram({ name: 'dfs_job_duration_seconds', help: 'Job attempt run time, start to outcome (outcome also: retried).', labelNames: ['kind', 'outcome'], buckets: JOB_DURATION_BUCKETS_S, registers: r });
    this.queueWait = new Histogram({ name: 'dfs_job_queue_wait_seconds', help: 'Time from submit to first start of a job.', labelNames: ['kind', 'priority'], buckets: JOB_DURATION_BUCKETS_S, registers: r });
    this.running = new Gauge({ name: 'dfs_jobs_running', help: 'Jobs running on this actor now.', labelNames: ['kind'], registers: r });
  }

  started(job: JobRef, attempt: number): void {
    if (this.startedAt.size >= MAX_TRACKED) this.startedAt.delete(this.startedAt.keys().next().value!);
    this.startedAt.set(job.jobId, performance.now());
    this.startedTotal.inc({ kind: job.kind, priority: job.priority });
    this.running.inc({ kind: job.kind });
    const queuedAt = job.submittedAt ? Date.parse(job.submittedAt) : NaN;
    if (attempt === 1 && Number.isFinite(queuedAt)) this.queueWait.observe({ kind: job.kind, priority: job.priority }, Math.max(0, (Date.now() - queuedAt) / 1000));
  }

  succeeded(job: JobRef, summary: unknown): void {
    const seconds = this.end(job, 'succeeded');
    this.finishedTotal.inc({ kind: job.kind, outcome: 'succeeded' });
    this.ml.recordJobSummary(job.kind, summary, seconds);
  }

  cancelled(job: JobRef): void {
    this.end(job, 'cancelled');
    this.finishedTotal.inc({ kind: job.kind, outcome: 'cancelled' });
  }

  retrying(job: JobRef, failure: JobFailureRef): void {
    this.end(job, 'retried');
    this.retriesTotal.inc({ kind: job.kind, reason: failure.type });
  }

  failed(job: JobRef, failure: JobFailureRef): void {
    const outcome = failure.type === 'TIMEOUT' ? 'timeout' : 'failed';
    this.end(job, outcome, failure);
    this.finishedTotal.inc({ kind: job.kind, outcome });
    this.failuresTotal.inc({ kind: job.kind, type: failure.type });
  }

  /** Close the attempt: duration, running gauge, span outcome. Undefined if it never started here. */
  private end(job: JobRef, outcome: string, failure?: JobFailureRef): number | undefined {
    annotateActiveSpan({ 'job.outcome': outcome }, failure ? `${failure.type}: ${failure.message ?? ''}` : undefined);
    const t0 = this.startedAt.get(job.jobId);
    if (t0 === undefined) return undefined; // e.g. cancelled before it started
    this.startedAt.delete(job.jobId);
    this.running.dec({ kind: job.kind });
    const seconds = (performance.now() - t0) / 1000;
    this.duration.observe({ kind: job.kind, outcome }, seconds);
    return seconds;
  }
}
