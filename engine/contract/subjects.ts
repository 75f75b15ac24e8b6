/**
 * NATS names. One place, so the API, actors, tests and docs agree.
 * A `prefix` (default '') namespaces everything so parallel test runs never collide.
 */
import type { JobKind, JobPriority } from './job-protocol.js';

export interface NatsNames {
  /** Work-queue stream (file storage) holding job requests: subjects `<p>jobs.<priority>.<kind>`. */
  readonly jobsStream: string;
  /** Limits stream of job events: subjects `<p>events.job.<jobId>`; last-per-subject = current state. */
  readonly eventsStream: string;
  /** KV bucket of live actors (key = actorId, value = heartbeat JSON, bucket TTL expires the dead). */
  readonly actorsBucket: string;
  /** KV bucket of cancellation flags (key = jobId). */
  readonly cancelBucket: string;
  /** Dead-letter subject for jobs that exhausted their deliveries. */
  readonly deadLetterSubject: string;
  jobSubject(priority: JobPriority, kind: JobKind): string;
  jobFilter(priority: JobPriority): string;
  eventSubject(jobId: string): string;
  eventsWildcard(): string;
  consumerName(priority: JobPriority): string;
}

export function natsNames(prefix = ''): NatsNames {
  const p = prefix ? `${prefix}.` : '';
  const up = prefix ? `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_` : '';
  return {
    jobsStream: `${up}JOBS`,
    eventsStream: `${up}JOB_EVENTS`,
    actorsBucket: `${up}ACTORS`,
    cancelBucket: `${up}JOB_CANCEL`,
    deadLetterSubject: `${p}jobs_dead`,
    jobSubject: (priority, kind) => `${p}jobs.${priority}.${kind}`,
    jobFilter: (priority) => `${p}jobs.${priority}.>`,
    eventSubject: (jobId) => `${p}events.job.${jobId}`,
    eventsWildcard: () => `${p}events.job.>`,
    consumerName: (priority) => `${up}actors-${priority}`,
  };
}
