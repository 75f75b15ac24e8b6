import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startMetricsServer, type MetricsServer } from '../../../src/observability/metrics-server.js';

let server: MetricsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('actor metrics listener', () => {
  it('serves /metrics in the Prometheus text format and /health from the given check', async () => {
    const registry = new Registry();
    new Counter({ name: 'dfs_test_total', help: 'test', registers: [registry] }).inc(3);
    let healthy = true;
    server = await startMetricsServer({ registry, port: 0, healthy: () => healthy });
    const m = await fetch(`${server.url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await m.text()).toMatch(/^dfs_test_total 3$/m);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    healthy = false;
    const h = await fetch(`${server.url}/health`);
    expect(h.status).toBe(503);
    expect(await h.json()).toEqual({ status: 'unhealthy' });
    expect((await fetch(`${server.url}/other`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
