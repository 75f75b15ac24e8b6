/**
 * Metrics on a real platform (issue 9 §1): the API's /metrics (GraphQL + HTTP RED, WebSocket,
 * JetStream queue depth, Neo4j, model quality read from Neo4j) and an actor process's /metrics
 * (job outcomes, durations, retries, ML throughput), scraped before and after real jobs.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsNames } from '../../engine/contract/index.js';
import { JobDocument, MyJobEventsDocument, SubmitPingDocument, type JobQuery } from '../../client/__generated__/operations.js';
import { gql, wsClient } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';
import { freePort, scrapeMetrics, valueOf, type Sample } from './observability-support.js';

type StoredJob = NonNullable<JobQuery['job']>;

let stack: Stack;
let actorUrl: string;
const apiMetrics = () => scrapeMetrics(`${stack.base}/metrics`);
const actorMetrics = () => scrapeMetrics(`${actorUrl}/metrics`);

async function submitPing(input: Record<string, unknown>): Promise<string> {
  const r = await gql(stack.url, SubmitPingDocument, { input });
  expect(r.errors).toBeUndefined();
  return r.data!.submitPing.id;
}
async function finished(id: string): Promise<StoredJob> {
  return waitFor(async () => {
    const j = (await gql(stack.url, JobDocument, { id })).data?.job;
    return j && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(j.status) ? j : null;
  }, `job ${id} to finish`);
}
const n = (s: Sample[], name: string, labels: Record<string, string> = {}) => valueOf(s, name, labels) ?? 0;

beforeAll(async () => {
  // TTL 0: every scrape reads JetStream and Neo4j afresh, so assertions need no sleeps.
  stack = await startStack({ actors: 0, env: { QUEUE_METRICS_TTL_MS: '0', MODEL_METRICS_TTL_MS: '0' } });
});
afterAll(async () => stack?.stop());

describe('API and actor /metrics', () => {
  it('queue depth per priority and kind follows JetStream; the actor exports job, retry and throughput series', async () => {
    const queued = [await submitPing({ samples: 200_000 }), await submitPing({ samples: 300_000 })];
    const before = await apiMetrics();
    expect(valueOf(before, 'dfs_job_queue_up')).toBe(1);
    expect(valueOf(before, 'dfs_engine_actors')).toBe(0);
    expect(valueOf(before, 'dfs_job_queue_depth', { priority: 'normal', state: 'pending' })).toBe(2);
    expect(valueOf(before, 'dfs_job_queue_depth', { priority: 'high', state: 'pending' })).toBe(0);
    expect(valueOf(before, 'dfs_job_queue_messages', { priority: 'normal', kind: 'ping' })).toBe(2);

    const port = await freePort();
    actorUrl = `http://127.0.0.1:${port}`;
    await stack.startActor({ METRICS_PORT: String(port) });
    for (const id of queued) expect((await finished(id)).status).toBe('SUCCEEDED');
    // One retryable failure then success, and one final non-retryable failure.
    const retried = await submitPing({ samples: 10_000, failAttempts: 1, failType: 'DEPENDENCY_UNAVAILABLE' });
    const broken = await submitPing({ samples: 10_000, failAttempts: 5, failType: 'INTERNAL' });
    expect((await finished(retried)).status).toBe('SUCCEEDED');
    expect((await finished(broken)).status).toBe('FAILED');

    const a = await waitFor(async () => {
      const s = await actorMetrics(); // the counters move right after the ack: poll briefly
      return n(s, 'dfs_jobs_finished_total', { kind: 'ping', outcome: 'failed' }) === 1 ? s : null;
    }, 'actor metrics to show the failure', 5_000);
    expect(n(a, 'dfs_jobs_started_total', { kind: 'ping', priority: 'normal' })).toBe(5); // 2 + retried twice + broken once
    expect(n(a, 'dfs_jobs_finished_total', { kind: 'ping', outcome: 'succeeded' })).toBe(3);
    expect(n(a, 'dfs_job_retries_total', { kind: 'ping', reason: 'DEPENDENCY_UNAVAILABLE' })).toBe(1);
    expect(n(a, 'dfs_job_failures_total', { kind: 'ping', type: 'INTERNAL' })).toBe(1);
    expect(n(a, 'dfs_job_duration_seconds_count', { kind: 'ping', outcome: 'succeeded' })).toBe(3);
    expect(n(a, 'dfs_job_duration_seconds_count', { kind: 'ping', outcome: 'retried' })).toBe(1);
    expect(n(a, 'dfs_job_duration_seconds_sum', { kind: 'ping', outcome: 'succeeded' })).toBeGreaterThan(0);
    // Queue wait is recorded on first attempts only (a retry's wait is its backoff).
    expect(n(a, 'dfs_job_queue_wait_seconds_count', { kind: 'ping' })).toBe(4);
    expect(valueOf(a, 'dfs_jobs_running', { kind: 'ping' })).toBe(0);
    // ML: engine throughput from the summaries (ping reports `samples`).
    expect(n(a, 'dfs_engine_work_units_total', { kind: 'ping', unit: 'samples' })).toBe(200_000 + 300_000 + 10_000);
    expect(n(a, 'dfs_engine_throughput_per_second', { kind: 'ping', unit: 'samples' })).toBeGreaterThan(0);
    // Neo4j: the actor's RUNNING / SUCCEEDED transitions are timed writes.
    expect(n(a, 'dfs_neo4j_query_duration_seconds_count', { api: 'execute_query', mode: 'write', outcome: 'ok' })).toBeGreaterThanOrEqual(10);
    expect(valueOf(a, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect((await fetch(`${actorUrl}/health`)).status).toBe(200);

    const after = await apiMetrics();
    expect(valueOf(after, 'dfs_engine_actors')).toBe(1);
    expect(valueOf(after, 'dfs_job_queue_depth', { priority: 'normal', state: 'pending' })).toBe(0);
    // Per-subject counts are JetStream's own (a term()ed message stays in a work-queue stream on
    // nats-server 2.9, so compare with the stream rather than assume zero).
    const jsm = await jetstreamManager(stack.api.nc);
    const subjects = (await jsm.streams.info(natsNames(stack.prefix).jobsStream, { subjects_filter: '>' })).state.subjects ?? {};
    expect(valueOf(after, 'dfs_job_queue_messages', { priority: 'normal', kind: 'ping' }) ?? 0).toBe(subjects[`${stack.prefix}.jobs.normal.ping`] ?? 0);
  });

  it('GraphQL RED by operation name with bounded labels and error codes, and HTTP RED by route', async () => {
    const before = await apiMetrics();
    const ok = { operation_name: 'SubmitPing', operation_type: 'mutation', outcome: 'success' };
    await submitPing({ samples: 10_000 });
    const bad = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-observability-1' }, body: JSON.stringify({ query: 'query Broken { job(' }) });
    expect(bad.headers.get('x-request-id')).toBe('req-observability-1');
    const after = await apiMetrics();
    expect(n(after, 'dfs_graphql_operation_duration_seconds_count', ok) - n(before, 'dfs_graphql_operation_duration_seconds_count', ok)).toBe(1);
    expect(n(after, 'dfs_graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' }) - n(before, 'dfs_graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    const post2xx = { method: 'POST', route: '/graphql', status_class: '2xx' };
    expect(n(after, 'dfs_http_request_duration_seconds_count', post2xx) - n(before, 'dfs_http_request_duration_seconds_count', post2xx)).toBeGreaterThanOrEqual(1);
    // The scrape itself is counted under its fixed route, never under a raw URL.
    expect(n(after, 'dfs_http_request_duration_seconds_count', { route: '/metrics' })).toBeGreaterThanOrEqual(1);
    expect(after.some((s) => s.labels.route && !['/graphql', '/health', '/ready', '/metrics', '/ide', 'other'].includes(s.labels.route))).toBe(false);
    // The API's Neo4j calls (submit → MERGE job) are timed too.
    expect(n(after, 'dfs_neo4j_query_duration_seconds_count', { api: 'execute_query' })).toBeGreaterThan(n(before, 'dfs_neo4j_query_duration_seconds_count', { api: 'execute_query' }));
    expect(valueOf(after, 'dfs_neo4j_pool_max')).toBeGreaterThan(0);
  });

  it('WebSocket connections and subscriptions go up while a client subscribes and back down when it leaves', async () => {
    const client = wsClient(stack.wsUrl);
    const stop = client.subscribe({ query: print(MyJobEventsDocument) }, { next: () => {}, error: () => {}, complete: () => {} });
    const up = await waitFor(async () => {
      const s = await apiMetrics();
      return (valueOf(s, 'dfs_ws_subscriptions') ?? 0) >= 1 ? s : null;
    }, 'the subscription to be counted', 10_000);
    expect(valueOf(up, 'dfs_ws_connections')).toBe(1);
    expect(n(up, 'dfs_ws_operations_total', { operation_name: 'MyJobEvents', operation_type: 'subscription' })).toBe(1);
    stop();
    await client.dispose();
    await waitFor(async () => valueOf(await apiMetrics(), 'dfs_ws_connections') === 0, 'the connection to close', 10_000);
    expect(valueOf(await apiMetrics(), 'dfs_ws_subscriptions')).toBe(0);
  });

  it('exports the diagnostics of the latest calibration stored in Neo4j (model quality, calibration age)', async () => {
    const id = `obs-test-calibration-${stack.prefix}`;
    const finishedAt = new Date(Date.now() + 365 * 24 * 3600_000).toISOString(); // newer than any real one
    const summary = { diagnostics: { rhatMax: 1.0123, essBulkMin: 456, essTailMin: 321, divergences: 2, acceptanceRate: 0.81 }, evaluation: { overall: { crps: 7.25, skillVsUniform: 0.19, skillVsStart: 0.04, coverage90: 0.88 } } };
    const driver = stack.api.driver;
    await driver.executeQuery(`CREATE (:Job {id: $id, kind: 'calibrate', status: 'SUCCEEDED', ownerId: 'observability-test', finishedAt: $finishedAt, resultSummary: $summary})`, { id, finishedAt, summary: JSON.stringify(summary) });
    try {
      const s = await apiMetrics();
      expect(valueOf(s, 'dfs_model_metrics_up')).toBe(1);
      expect(valueOf(s, 'dfs_model_calibration_timestamp_seconds')).toBeCloseTo(Date.parse(finishedAt) / 1000, 3);
      expect(valueOf(s, 'dfs_model_rhat_max')).toBe(1.0123);
      expect(valueOf(s, 'dfs_model_ess_bulk_min')).toBe(456);
      expect(valueOf(s, 'dfs_model_divergences')).toBe(2);
      expect(valueOf(s, 'dfs_model_rejection_rate')).toBeCloseTo(0.19, 10);
      expect(valueOf(s, 'dfs_model_crps_skill', { baseline: 'uniform' })).toBe(0.19);
      expect(valueOf(s, 'dfs_model_interval_coverage', { level: '0.9' })).toBe(0.88);
    } finally {
      await driver.executeQuery('MATCH (j:Job {id: $id}) DETACH DELETE j', { id });
    }
    expect(valueOf(await apiMetrics(), 'dfs_model_rhat_max')).not.toBe(1.0123);
  });
});
