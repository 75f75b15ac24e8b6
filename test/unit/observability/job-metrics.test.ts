import { Registry } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { JobMetrics, type JobRef } from '../../../src/observability/job-metrics.js';
import { valueOf } from './metric-values.js';

let registry: Registry;
let jobs: JobMetrics;
const job = (id: string, kind = 'simulate', submittedAt = new Date(Date.now() - 3_000).toISOString()): JobRef => ({ jobId: id, kind, priority: 'high', submittedAt });

beforeEach(() => {
  registry = new Registry();
  jobs = new JobMetrics(registry);
});

describe('JobMetrics', () => {
  it('counts starts and outcomes, times attempts and tracks running jobs', async () => {
    jobs.started(job('a'), 1);
    jobs.started(job('b'), 1);
    expect(await valueOf(registry, 'dfs_jobs_running', { kind: 'simulate' })).toBe(2);
    jobs.succeeded(job('a'), {});
    jobs.failed(job('b'), { type: 'TIMEOUT', message: 'too long' });
    expect(await valueOf(registry, 'dfs_jobs_started_total', { kind: 'simulate', priority: 'high' })).toBe(2);
    expect(await valueOf(registry, 'dfs_jobs_finished_total', { kind: 'simulate', outcome: 'succeeded' })).toBe(1);
    expect(await valueOf(registry, 'dfs_jobs_finished_total', { kind: 'simulate', outcome: 'timeout' })).toBe(1);
    expect(await valueOf(registry, 'dfs_job_failures_total', { kind: 'simulate', type: 'TIMEOUT' })).toBe(1);
    expect(await valueOf(registry, 'dfs_job_duration_seconds_count', { kind: 'simulate', outcome: 'succeeded' })).toBe(1);
    expect(await valueOf(registry, 'dfs_jobs_running', { kind: 'simulate' })).toBe(0);
    // Queued 3 s before the start: the wait histogram saw ~3 s twice.
    const wait = (await valueOf(registry, 'dfs_job_queue_wait_seconds_sum', { kind: 'simulate', priority: 'high' }))!;
    expect(wait).toBeGreaterThan(5.9);
    expect(wait).toBeLessThan(7);
  });

  it('a retry closes the attempt as retried; the queue wait is measured on the first attempt only', async () => {
    jobs.started(job('r'), 1);
    jobs.retrying(job('r'), { type: 'DEPENDENCY_UNAVAILABLE' });
    jobs.started(job('r'), 2);
    jobs.succeeded(job('r'), {});
    expect(await valueOf(registry, 'dfs_job_retries_total', { kind: 'simulate', reason: 'DEPENDENCY_UNAVAILABLE' })).toBe(1);
    expect(await valueOf(registry, 'dfs_job_duration_seconds_count', { outcome: 'retried' })).toBe(1);
    expect(await valueOf(registry, 'dfs_job_duration_seconds_count', { outcome: 'succeeded' })).toBe(1);
    expect(await valueOf(registry, 'dfs_job_queue_wait_seconds_count')).toBe(1);
    expect(await valueOf(registry, 'dfs_jobs_running', { kind: 'simulate' })).toBe(0);
  });

  it('a job cancelled before it started counts as cancelled without a duration or a running decrement', async () => {
    jobs.cancelled(job('c'));
    expect(await valueOf(registry, 'dfs_jobs_finished_total', { outcome: 'cancelled' })).toBe(1);
    expect(await valueOf(registry, 'dfs_job_duration_seconds_count', { outcome: 'cancelled' })).toBeUndefined();
    expect(await valueOf(registry, 'dfs_jobs_running', { kind: 'simulate' })).toBeUndefined();
  });

  it('records the ML series of a calibration summary, labelled by kind', async () => {
    jobs.started(job('cal', 'calibrate'), 1);
    jobs.succeeded(job('cal', 'calibrate'), { diagnostics: { rhatMax: 1.003, essBulkMin: 900, essTailMin: 700, divergences: 3, acceptanceRate: 0.85 }, evaluation: { overall: { skillVsUniform: 0.22, skillVsStart: 0.05, crps: 6.1, coverage90: 0.91 } } });
    const v = (name: string, extra: Record<string, string> = {}) => valueOf(registry, name, { kind: 'calibrate', ...extra });
    expect(await v('dfs_ml_rhat_max')).toBe(1.003);
    expect(await v('dfs_ml_ess_bulk_min')).toBe(900);
    expect(await v('dfs_ml_ess_tail_min')).toBe(700);
    expect(await v('dfs_ml_divergences')).toBe(3);
    expect(await v('dfs_ml_divergences_total')).toBe(3);
    expect(await v('dfs_ml_rejection_rate')).toBeCloseTo(0.15, 12);
    expect(await v('dfs_ml_crps_skill', { baseline: 'uniform' })).toBe(0.22);
    expect(await v('dfs_ml_crps_skill', { baseline: 'start_position' })).toBe(0.05);
    expect(await v('dfs_ml_interval_coverage', { level: '0.9' })).toBe(0.91);
    expect(Math.abs((await v('dfs_ml_last_result_timestamp_seconds'))! - Date.now() / 1000)).toBeLessThan(5);
    // A second run adds its divergences to the total and replaces the last-run gauges.
    jobs.started(job('cal2', 'calibrate'), 1);
    jobs.succeeded(job('cal2', 'calibrate'), { rhatMax: 1.2, divergences: 2 });
    expect(await v('dfs_ml_rhat_max')).toBe(1.2);
    expect(await v('dfs_ml_divergences_total')).toBe(5);
  });

  it('records simulation throughput from the summary, and nothing ML for a summary without known keys', async () => {
    jobs.started(job('s'), 1);
    jobs.succeeded(job('s'), { scenarios: 50_000, wallMs: 10_000 });
    expect(await valueOf(registry, 'dfs_engine_work_units_total', { kind: 'simulate', unit: 'scenarios' })).toBe(50_000);
    expect(await valueOf(registry, 'dfs_engine_throughput_per_second', { kind: 'simulate', unit: 'scenarios' })).toBe(5_000);
    const r = jobs.ml.recordJobSummary('ownership', { foo: 1, nested: { bar: 'x' } }, 2);
    expect(r).toEqual({ diagnostics: 0, throughput: false });
    expect(await valueOf(registry, 'dfs_ml_last_result_timestamp_seconds', { kind: 'ownership' })).toBeUndefined();
  });
});
