/**
 * Reads the full (decoded) result of a job the viewer owns, with a small LRU so a client paging
 * through a large result does not decompress it on every request.
 */
import type { JobKind } from '../../engine/contract/index.js';
import { NotFoundError, UserInputError } from '../errors.js';
import { withNeo4j } from '../neo4j/translate-error.js';
import type { JobRecord } from './job-record.js';
import type { JobRepository } from './job-repository.js';
import type { JobService } from './job-service.js';
import { decodeResult } from './result-codec.js';

export const RESULT_CACHE_ENTRIES = 16;

export class ResultReader {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly jobs: JobService,
    private readonly repo: JobRepository,
  ) {}

  /** Null while the job has not SUCCEEDED; NOT_FOUND for unknown/foreign jobs; BAD_USER_INPUT for the wrong kind. */
  async read<T>(jobId: string, ownerId: string, kind: JobKind): Promise<{ job: JobRecord; result: T } | null> {
    const job = await this.jobs.get(jobId, ownerId);
    if (job.kind !== kind) throw new UserInputError(`jobId: job '${jobId}' is a ${job.kind} job, not ${kind}`, 'jobId');
    if (job.status !== 'SUCCEEDED' || !job.resultId) return null;
    const key = job.resultId;
    let result = this.cache.get(key);
    if (result === undefined) {
      const payload = await withNeo4j(() => this.repo.resultPayload(key));
      if (!payload) throw new NotFoundError('Result', key);
      result = decodeResult(payload);
      this.cache.set(key, result);
      if (this.cache.size > RESULT_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    } else {
      this.cache.delete(key); // refresh LRU position
      this.cache.set(key, result);
    }
    return { job, result: result as T };
  }
}
