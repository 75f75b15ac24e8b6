/**
 * An actor process's observability (issue 9 §1): its own registry with job, ML and Neo4j
 * metrics, and — when METRICS_PORT is set — a small listener serving /metrics and /health, so
 * Prometheus scrapes every replica where it runs (no pushgateway).
 *
 * The Actor gets `jobs` as its `observer` and calls it at start / success / cancel / retry /
 * failure; the maths never sees any of this.
 */
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { JobMetrics } from '../../src/observability/job-metrics.js';
import { createMetricsRegistry } from '../../src/observability/metrics-registry.js';
import { startMetricsServer, type MetricsServer } from '../../src/observability/metrics-server.js';
import { Neo4jMetrics } from '../../src/observability/neo4j-metrics.js';

export interface ActorObservabilityOptions {
  readonly driver: Driver;
  readonly database: string;
  readonly log: Logger;
  /** Listener port; undefined = no listener (metrics still recorded), 0 = any free port. */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** /health is 200 while this holds (e.g. the NATS connection is open). */
  readonly healthy?: () => boolean;
}

export interface ActorObservability {
  readonly registry: Registry;
  readonly jobs: JobMetrics;
  /** Base URL of the listener, when there is one. */
  readonly url: string | null;
  close(): Promise<void>;
}

export async function startActorObservability(o: ActorObservabilityOptions): Promise<ActorObservability> {
  const registry = createMetricsRegistry();
  const jobs = new JobMetrics(registry);
  new Neo4jMetrics(registry).instrument(o.driver, o.database);
  let server: MetricsServer | null = null;
  if (o.port !== undefined) {
    server = await startMetricsServer({ registry, port: o.port, host: o.host, ...(o.healthy ? { healthy: o.healthy } : {}) });
    o.log.info({ url: `${server.url}/metrics` }, 'actor metrics listening');
  }
  return {
    registry,
    jobs,
    url: server?.url ?? null,
    close: async () => {
      await server?.close();
    },
  };
}
