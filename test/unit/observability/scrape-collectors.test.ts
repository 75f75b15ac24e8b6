import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ModelMetrics, type LatestCalibration } from '../../../src/observability/model-metrics.js';
import { QueueMetrics, parseJobSubject, type QueueSnapshot } from '../../../src/observability/queue-metrics.js';
import { valueOf } from './metric-values.js';

const snapshot: QueueSnapshot = {
  consumers: [
    { priority: 'high', pending: 1, ackPending: 0, redelivered: 0 },
    { priority: 'normal', pending: 7, ackPending: 2, redelivered: 1 },
  ],
  subjects: [
    { priority: 'normal', kind: 'simulate', messages: 6 },
    { priority: 'normal', kind: 'ping', messages: 3 },
  ],
  actors: 3,
};

describe('parseJobSubject', () => {
  it('reads priority and kind with or without a prefix', () => {
    expect(parseJobSubject('jobs.high.ping')).toEqual({ priority: 'high', kind: 'ping' });
    expect(parseJobSubject('t123.jobs.low.contestSim')).toEqual({ priority: 'low', kind: 'contestSim' });
    expect(parseJobSubject('events.job.o1.abc')).toBeNull();
    expect(parseJobSubject('jobs_dead')).toBeNull();
  });
});

describe('QueueMetrics (JetStream read on scrape)', () => {
  it('exports the snapshot and reads JetStream once per TTL however many gauges and scrapes', async () => {
    const registry = new Registry();
    let reads = 0;
    new QueueMetrics(registry, async () => (reads++, snapshot), 60_000);
    await registry.metrics();
    await registry.metrics();
    expect(reads).toBe(1);
    expect(await valueOf(registry, 'dfs_job_queue_depth', { priority: 'normal', state: 'pending' })).toBe(7);
    expect(await valueOf(registry, 'dfs_job_queue_depth', { priority: 'normal', state: 'ack_pending' })).toBe(2);
    expect(await valueOf(registry, 'dfs_job_queue_messages', { priority: 'normal', kind: 'simulate' })).toBe(6);
    expect(await valueOf(registry, 'dfs_job_queue_redelivered', { priority: 'normal' })).toBe(1);
    expect(await valueOf(registry, 'dfs_engine_actors')).toBe(3);
    expect(await valueOf(registry, 'dfs_job_queue_up')).toBe(1);
  });

  it('a failed read reports up = 0 and drops the numbers instead of repeating stale ones, then recovers', async () => {
    const registry = new Registry();
    let fail = false;
    new QueueMetrics(registry, async () => {
      if (fail) throw new Error('nats down');
      return snapshot;
    }, 0);
    await registry.metrics();
    fail = true;
    const text = await registry.metrics(); // must not throw: one dependency never fails the scrape
    expect(text).toContain('dfs_job_queue_up 0');
    expect(await valueOf(registry, 'dfs_job_queue_depth')).toBeUndefined();
    expect(await valueOf(registry, 'dfs_engine_actors')).toBeNaN();
    fail = false;
    expect(await valueOf(registry, 'dfs_engine_actors')).toBe(3);
  });
});

describe('ModelMetrics (latest calibration read on scrape)', () => {
  const latest: LatestCalibration = { id: 'job-cal-1', finishedAt: '2026-11-01T10:00:00.000Z', summary: { rhatMax: 1.002, essBulkMin: 812, divergences: 0, acceptanceRate: 0.9, evaluation: { overall: { skillVsUniform: 0.3 } } } };

  it('sets every gauge in the same scrape as the read (no one-scrape lag) and caches for the TTL', async () => {
    const registry = new Registry();
    let reads = 0;
    new ModelMetrics(registry, async () => (reads++, latest), 60_000);
    const text = await registry.metrics();
    expect(reads).toBe(1);
    expect(text).toMatch(/^dfs_model_rhat_max\{calibration_id="job-cal-1"\} 1\.002$/m);
    expect(text).toMatch(/^dfs_model_calibration_timestamp_seconds\{calibration_id="job-cal-1"\} 1793527200$/m);
    expect(text).toMatch(/^dfs_model_crps_skill\{calibration_id="job-cal-1",baseline="uniform"\} 0\.3$/m);
    expect(text).not.toMatch(/^dfs_model_ess_tail_min/m); // not in the summary: absent, not 0
    expect(text).toMatch(/^dfs_model_metrics_up 1$/m);
    await registry.metrics();
    expect(reads).toBe(1);
  });

  it('no calibration yet: up = 1 and no model series; a failed read: up = 0', async () => {
    const registry = new Registry();
    let result: LatestCalibration | null | Error = null;
    new ModelMetrics(registry, async () => {
      if (result instanceof Error) throw result;
      return result;
    }, 0);
    let text = await registry.metrics();
    expect(text).toMatch(/^dfs_model_metrics_up 1$/m);
    expect(text).not.toMatch(/^dfs_model_(rhat_max|calibration_timestamp_seconds)/m); // absent() alerts need absence
    result = latest;
    expect(await registry.metrics()).toMatch(/^dfs_model_rhat_max\{calibration_id="job-cal-1"\} 1\.002$/m);
    result = new Error('neo4j down');
    text = await registry.metrics();
    expect(text).toMatch(/^dfs_model_metrics_up 0$/m);
    expect(text).not.toMatch(/^dfs_model_rhat_max/m);
  });
});
