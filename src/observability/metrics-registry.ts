/**
 * One prom-client Registry per running API or actor (not prom-client's global one: tests run
 * several APIs in one process, and a global registry would mix or refuse their metrics).
 * Metric names are prefixed `dfs_`; process_* and nodejs_* come from prom-client's defaults.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRIC_PREFIX = 'dfs_';

export function createMetricsRegistry(opts: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Every series name the registry can expose (histograms expand to _bucket/_sum/_count, summaries
 * to _sum/_count). Read without collecting, so no dependency is queried. Used by the dashboard
 * contract test: a panel may only query names listed here.
 */
export function exportedSeriesNames(registry: Registry): string[] {
  const out = new Set<string>();
  for (const m of registry.getMetricsAsArray()) {
    const { name, type } = m as unknown as { name: string; type: string };
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) out.add(name + s);
    else if (type === 'summary') for (const s of ['', '_sum', '_count']) out.add(name + s);
    else out.add(name);
  }
  return [...out].sort();
}

/** Exposition text for a scrape. The collectors of this folder catch their own failures, so one
 * unreachable dependency never fails the whole scrape. */
export async function scrape(registry: Registry): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
