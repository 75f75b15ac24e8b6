/** Read a series value from a prom-client registry in unit tests (collect functions run). */
import type { Registry } from 'prom-client';

export async function valueOf(registry: Registry, name: string, labels: Record<string, string | number> = {}): Promise<number | undefined> {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const metric = registry.getSingleMetric(base);
  if (!metric) throw new Error(`no metric ${base} in the registry`);
  const { values } = await metric.get();
  const hits = values.filter((v) => (v as { metricName?: string }).metricName === undefined ? base === name : (v as { metricName?: string }).metricName === name).filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return hits.length ? hits.reduce((n, v) => n + v.value, 0) : undefined;
}
