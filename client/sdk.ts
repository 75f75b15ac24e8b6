/**
 * DfsClient: the typed SDK of the platform's GraphQL API (what the `dfs` CLI is built on).
 *
 *   const dfs = new DfsClient({ url: 'http://127.0.0.1:4000/graphql', apiKey: process.env.DFS_API_KEY });
 *   const job = await dfs.submitPing({ chunks: 20 });
 *   const last = await dfs.watchJob(job.id, (e) => console.log(e.type, e.progress?.fraction));
 *
 * Every method uses a generated TypedDocumentNode (client/operations/*.graphql → `npm run codegen`),
 * so inputs and results are checked against the served schema. Failures are DfsApiError (with the
 * GraphQL `extensions.code`) or DfsUnreachableError.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { importOverGraphql, type ImportCall, type ImportReport } from '../scripts/import-client.js';
import {
  CancelJobDocument,
  JobDocument,
  MyJobsDocument,
  PortfolioDocument,
  SubmitCalibrationDocument,
  SubmitContestSimDocument,
  SubmitOptimizationDocument,
  SubmitOwnershipDocument,
  SubmitPingDocument,
  SubmitPipelineDocument,
  SubmitSimulationDocument,
  type CalibrationJobInput,
  type ContestSimJobInput,
  type JobFieldsFragment,
  type JobFilter,
  type JobOptions,
  type OptimizeJobInput,
  type OwnershipJobInput,
  type PingJobInput,
  type PipelineJobInput,
  type PortfolioQuery,
  type SimulationJobInput,
} from './__generated__/operations.js';
import { postGraphql, type Credentials } from './http.js';
import { watchJob, type JobEvent, type WatchOptions } from './watch-job.js';

export type Job = JobFieldsFragment;
export type Portfolio = NonNullable<PortfolioQuery['portfolio']>;
export type { ImportCall, ImportReport, JobEvent, WatchOptions };

export const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

export interface DfsClientOptions extends Credentials {
  /** GraphQL endpoint (HTTP); subscriptions use the same path over ws(s). @default DEFAULT_URL */
  readonly url?: string;
  /** Per-request timeout. @default 60_000 ms */
  readonly timeoutMs?: number;
}

export interface JobPage {
  readonly nodes: Job[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export class DfsClient {
  readonly url: string;
  readonly wsUrl: string;
  private readonly creds: Credentials;
  private readonly timeoutMs: number;

  constructor(opts: DfsClientOptions = {}) {
    this.url = opts.url ?? DEFAULT_URL;
    this.wsUrl = this.url.replace(/^http/, 'ws');
    this.creds = { apiKey: opts.apiKey, token: opts.token };
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** Any generated operation (for the ones without a dedicated method). */
  request<T, V>(doc: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    return postGraphql(this.url, this.creds, doc, variables, this.timeoutMs);
  }

  async submitPing(input: PingJobInput = {}, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitPingDocument, { input, options })).submitPing;
  }
  async submitCalibration(input: CalibrationJobInput = {}, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitCalibrationDocument, { input, options })).submitCalibration;
  }
  async submitSimulation(input: SimulationJobInput, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitSimulationDocument, { input, options })).submitSimulation;
  }
  async submitOwnership(input: OwnershipJobInput, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitOwnershipDocument, { input, options })).submitOwnership;
  }
  async submitOptimization(input: OptimizeJobInput, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitOptimizationDocument, { input, options })).submitOptimization;
  }
  async submitContestSim(input: ContestSimJobInput, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitContestSimDocument, { input, options })).submitContestSim;
  }
  async submitPipeline(input: PipelineJobInput, options?: JobOptions): Promise<Job> {
    return (await this.request(SubmitPipelineDocument, { input, options })).submitPipeline;
  }
  async cancelJob(id: string): Promise<Job> {
    return (await this.request(CancelJobDocument, { id })).cancelJob;
  }
  /** null when there is no such job (or it is not yours). */
  async job(id: string): Promise<Job | null> {
    return (await this.request(JobDocument, { id })).job ?? null;
  }
  async myJobs(filter?: JobFilter, first = 20, after?: string): Promise<JobPage> {
    const page = (await this.request(MyJobsDocument, { filter, first, after })).myJobs;
    return { nodes: page.nodes, endCursor: page.endCursor ?? null, hasNextPage: page.hasNextPage };
  }
  /** The optimised lineups of a finished optimize job (null until it has succeeded). */
  async portfolio(jobId: string): Promise<Portfolio | null> {
    return (await this.request(PortfolioDocument, { jobId })).portfolio ?? null;
  }
  /**
   * Import a results / salary / payout file through the API's import mutations (admin).
   * Rejected files throw ImportRejectedError with every bad line (scripts/import-client.ts).
   */
  imports(call: ImportCall): Promise<ImportReport> {
    return importOverGraphql(call, { url: this.url, ...this.creds });
  }

  /**
   * Stream a job's events to `onEvent` until its terminal event (returned). Reconnects and
   * re-subscribes when the API restarts; the server's first event is the current state, so the
   * watch resumes from there and `onEvent` sees exactly one terminal event.
   */
  watchJob(jobId: string, onEvent: (e: JobEvent) => void = () => {}, opts?: WatchOptions): Promise<JobEvent> {
    return watchJob(this.wsUrl, this.creds, jobId, onEvent, opts);
  }
}
