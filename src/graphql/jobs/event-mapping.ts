/** Maps stored jobs and wire events to the GraphQL JobEvent shape. */
import { isTerminal, unreachable, type JobEvent } from '../../../engine/contract/index.js';
import type { JobRecord } from '../../jobs/job-record.js';
import type { JobEvent as GqlJobEvent, JobEventType, JobStatus } from '../../__generated__/resolvers-types.js';

/** The first message of every subscription: the job as stored now. */
export function stateEvent(job: JobRecord): GqlJobEvent {
  const terminal = isTerminal(job.status);
  const type: JobEventType = !terminal ? 'STATE' : job.status === 'SUCCEEDED' ? 'COMPLETED' : job.status === 'FAILED' ? 'FAILED' : 'CANCELLED';
  return {
    jobId: job.id,
    type,
    status: job.status,
    terminal,
    progress: job.progress,
    error: job.error,
    result: job.resultSummary,
    at: job.finishedAt ?? job.startedAt ?? job.createdAt,
  };
}

export function wireEvent(ev: JobEvent): GqlJobEvent {
  const base = { jobId: ev.jobId, at: ev.at, progress: null, error: null, result: null };
  const t = ev.type;
  switch (t) {
    case 'started':
      return { ...base, type: 'STARTED', status: 'RUNNING' as JobStatus, terminal: false };
    case 'progress':
      return { ...base, type: 'PROGRESS', status: 'RUNNING', terminal: false, progress: ev.progress };
    case 'completed':
      return { ...base, type: 'COMPLETED', status: 'SUCCEEDED', terminal: true, result: ev.summary };
    case 'failed':
      return { ...base, type: 'FAILED', status: 'FAILED', terminal: true, error: ev.error };
    case 'cancelled':
      return { ...base, type: 'CANCELLED', status: 'CANCELLED', terminal: true, error: { type: 'CANCELLED', message: ev.reason, retryable: false } };
    default:
      return unreachable(t);
  }
}
