/**
 * NATS names. One place, so the API, actors, tests and docs agree.
 * A `prefix` (default '') namespaces everything so parallel test runs never collide.
 */
import type { JobKind, JobPriority } from './job-protocol.js';

export interface NatsNames {
  /** Work-queue stream (file storage) holding job requests: subjects `<p>jobs.<priority>.<kind>`. */
  readonly jobsStream: string;
  /** Limits stream of job events: subjects `<p>events.job.<ownerKey>.<jobId>`; last-per-subject = current state. */
  readonly eventsStream: string;
  /** KV bucket of live actors (key = actorId, value = heartbeat JSON, bucket TTL expires the dead). */
  readonly actorsBucket: string;
  /** KV bucket of cancellation flags (key = jobId). */
  readonly cancelBucket: string;
  /** Dead-letter subject for jobs that exhausted their deliveries. */
  readonly deadLetterSubject: string;
  jobSubject(priority: JobPriority, kind: JobKind): string;
  jobFilter(priority: JobPriority): string;
  /** Subject of one job's events. `ownerKey` = ownerKeyOf(ownerId) (subject-safe). */
  eventSubject(ownerKey: string, jobId: string): string;
  /** Filter matching one job's events whoever owns it. */
  jobEventsFilter(jobId: string): string;
  /** Filter matching every job event of one owner (the `myJobs` subscription). */
  ownerEventsFilter(ownerKey: string): string;
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
    eventSubject: (ownerKey, jobId) => `${p}events.job.${ownerKey}.${jobId}`,
    jobEventsFilter: (jobId) => `${p}events.job.*.${jobId}`,
    ownerEventsFilter: (ownerKey) => `${p}events.job.${ownerKey}.*`,
    eventsWildcard: () => `${p}events.job.>`,
    consumerName: (priority) => `${up}actors-${priority}`,
  };
}

/**
 * Subject-safe, fixed-length key for an owner id (user ids may contain '.', '*', '>' or spaces).
 * FNV-1a 64-bit as hex: collisions only merge two owners' *event streams*; authorisation never
 * relies on it (every read checks ownerId in Neo4j).
 */
export function ownerKeyOf(ownerId: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < ownerId.length; i++) {
    const c = ownerId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return `o${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
