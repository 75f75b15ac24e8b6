/**
 * The Grafana dashboards and Prometheus alert rules against the code (issue 9 tests): every
 * panel query and alert expression names only metrics the API or an actor really exports, every
 * panel uses a provisioned datasource, and the two dashboards cover what the issue asks for.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../../../scripts/local-services.js';
import { exportedMetricNames } from './metric-catalog.js';
import { metricNamesIn } from './promql-names.js';

interface Target {
  refId: string;
  expr: string;
  datasource?: { uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

const GRAFANA = resolve(REPO_ROOT, 'grafana');
const dashboards = readdirSync(resolve(GRAFANA, 'dashboards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, doc: JSON.parse(readFileSync(resolve(GRAFANA, 'dashboards', f), 'utf8')) as Dashboard }));
const flat = (ps: Panel[]): Panel[] => ps.flatMap((p) => [p, ...flat(p.panels ?? [])]);
const exprsOf = (d: Dashboard) => flat(d.panels).flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
const datasources = (parseYaml(readFileSync(resolve(GRAFANA, 'provisioning/datasources/datasources.yml'), 'utf8')) as { datasources: { uid: string; type: string }[] }).datasources;
const alertGroups = (parseYaml(readFileSync(resolve(GRAFANA, 'prometheus/alerts.yml'), 'utf8')) as { groups: { name: string; rules: { alert: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[] }).groups;

let exported: Set<string>;
beforeAll(async () => {
  exported = (await exportedMetricNames()).all;
});

describe('promql name extraction (the checker itself)', () => {
  it('finds metric names and skips functions, keywords, labels, durations and variables', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, kind) (rate(dfs_job_duration_seconds_bucket{outcome="succeeded"}[$__rate_interval])))')).toEqual(['dfs_job_duration_seconds_bucket']);
    expect(metricNamesIn('time() - max(dfs_model_calibration_timestamp_seconds) > 8 * 86400')).toEqual(['dfs_model_calibration_timestamp_seconds']);
    expect(metricNamesIn('absent(a_metric) and on() max(b_metric) == 1 or c_metric offset 5m')).toEqual(['a_metric', 'b_metric', 'c_metric']);
    expect(metricNamesIn('max by (job, instance) (x_in_use / x_max) > 0.9')).toEqual(['x_in_use', 'x_max']);
  });
});

describe('dashboards', () => {
  it('there are an operations and an ML-quality dashboard, with unique uids', () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(['ml-quality.json', 'operations.json']);
    expect(new Set(dashboards.map((d) => d.doc.uid)).size).toBe(dashboards.length);
  });

  it.each(dashboards)('$file: every panel query names only metrics the code exports', ({ doc }) => {
    const unknown = exprsOf(doc).flatMap(({ panel, expr }) => metricNamesIn(expr).filter((n) => !exported.has(n)).map((n) => `${panel}: ${n}`));
    expect(unknown).toEqual([]);
    expect(exprsOf(doc).length).toBeGreaterThan(10);
  });

  it.each(dashboards)('$file: panels have unique ids and use a provisioned Prometheus datasource', ({ doc }) => {
    const panels = flat(doc.panels);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const prometheus = datasources.find((d) => d.type === 'prometheus')!.uid;
    for (const p of panels.filter((x) => x.type !== 'row')) {
      expect(p.datasource?.uid, p.title).toBe(prometheus);
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets!) expect(t.expr.trim(), p.title).not.toBe('');
    }
  });

  it('the operations dashboard shows RED, queue depth, job outcomes and WebSockets; the ML one R-hat, ESS, rejection, CRPS and calibration age', () => {
    const uses = (file: string) => new Set(exprsOf(dashboards.find((d) => d.file === file)!.doc).flatMap((e) => metricNamesIn(e.expr)));
    const ops = uses('operations.json');
    for (const m of ['dfs_http_request_duration_seconds_count', 'dfs_graphql_operation_duration_seconds_bucket', 'dfs_graphql_errors_total', 'dfs_job_queue_depth', 'dfs_jobs_finished_total', 'dfs_job_retries_total', 'dfs_ws_connections', 'dfs_ws_subscriptions', 'dfs_neo4j_query_duration_seconds_bucket', 'dfs_neo4j_pool_in_use']) expect(ops.has(m), m).toBe(true);
    const ml = uses('ml-quality.json');
    for (const m of ['dfs_model_rhat_max', 'dfs_model_ess_bulk_min', 'dfs_model_rejection_rate', 'dfs_model_crps_skill', 'dfs_model_calibration_timestamp_seconds', 'dfs_ml_rhat_max', 'dfs_engine_throughput_per_second']) expect(ml.has(m), m).toBe(true);
  });
});

describe('alert rules', () => {
  const rules = alertGroups.flatMap((g) => g.rules);

  it('every alert expression names only exported metrics (or Prometheus up)', () => {
    const unknown = rules.flatMap((r) => metricNamesIn(r.expr).filter((n) => n !== 'up' && !exported.has(n)).map((n) => `${r.alert}: ${n}`));
    expect(unknown).toEqual([]);
  });

  it('every alert has a severity, a summary, a hold time and a runbook section in docs/operations.md', () => {
    const doc = readFileSync(resolve(REPO_ROOT, 'docs/operations.md'), 'utf8').toLowerCase();
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const r of rules) {
      expect(['critical', 'warning'], r.alert).toContain(r.labels?.severity);
      expect(r.annotations?.summary, r.alert).toBeTruthy();
      expect(r.for, r.alert).toMatch(/^\d+[smh]$/);
      expect(r.annotations?.runbook, r.alert).toBe(`docs/operations.md#${r.alert.toLowerCase()}`);
      expect(doc, `docs/operations.md has a heading for ${r.alert}`).toContain(`### ${r.alert.toLowerCase()}`);
    }
  });
});
