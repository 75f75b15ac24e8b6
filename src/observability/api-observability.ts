/**
 * The API's observability, built once per running API (startApi) and handed to the server:
 * one registry with HTTP, GraphQL, WebSocket, Neo4j, queue-depth and model-quality metrics,
 * request ids for the logs, and GET /metrics.
 */
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Express } from 'express';
import type { ServerOptions } from 'graphql-ws';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { NatsNames } from '../../engine/contract/index.js';
import type { ApiConfig } from '../config.js';
import { LabelLimiter, knownOperationNames } from './bounded-label.js';
import { GraphqlMetrics } from './graphql-metrics-plugin.js';
import { HttpMetrics } from './http-metrics.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { ModelMetrics, readLatestCalibration } from './model-metrics.js';
import { Neo4jMetrics } from './neo4j-metrics.js';
import { QueueMetrics, readQueueSnapshot } from './queue-metrics.js';
import { requestContext } from './request-context.js';
import { WsMetrics } from './ws-metrics.js';

/** The client's persisted operations: their names are always kept as metric labels. */
export const OPERATIONS_DIR = fileURLToPath(new URL('../../client/operations/', import.meta.url));

export interface ApiObservabilityDeps {
  readonly config: Pick<ApiConfig, 'GRAPHQL_PATH' | 'NEO4J_DATABASE' | 'METRICS_ENABLED' | 'QUEUE_METRICS_TTL_MS' | 'MODEL_METRICS_TTL_MS'>;
  readonly driver: Driver;
  readonly nc: NatsConnection;
  readonly names: NatsNames;
  readonly log: Logger;
  /** @default OPERATIONS_DIR */
  readonly operationsDir?: string;
}

export interface ApiObservability {
  readonly registry: Registry;
  /** Request ids + HTTP metrics for every route, and GET /metrics. Call before any route. */
  mount(app: Express): void;
  /** Apollo plugin: GraphQL operation RED metrics. */
  apolloPlugin<TContext extends object>(): ApolloServerPlugin<TContext>;
  /** graphql-ws options with connection / subscription counting around the existing hooks. */
  instrumentWs<P extends Record<string, unknown> | undefined, E>(options: ServerOptions<P, E>): ServerOptions<P, E>;
}

export function createApiObservability(deps: ApiObservabilityDeps): ApiObservability {
  const { config, log } = deps;
  const registry = createMetricsRegistry();
  // One limiter for HTTP and WS operations: the same name is the same label everywhere.
  const names = new LabelLimiter(knownOperationNames(deps.operationsDir ?? OPERATIONS_DIR));
  const http = new HttpMetrics(registry, config.GRAPHQL_PATH);
  const graphql = new GraphqlMetrics(registry, names);
  const ws = new WsMetrics(registry, names);
  new Neo4jMetrics(registry).instrument(deps.driver, config.NEO4J_DATABASE);
  new QueueMetrics(registry, () => readQueueSnapshot(deps.nc, deps.names), config.QUEUE_METRICS_TTL_MS, log);
  new ModelMetrics(registry, () => readLatestCalibration(deps.driver, config.NEO4J_DATABASE), config.MODEL_METRICS_TTL_MS, log);
  return {
    registry,
    mount(app) {
      app.use(requestContext(), http.middleware());
      if (!config.METRICS_ENABLED) return;
      app.get('/metrics', (_req, res) => {
        registry.metrics().then(
          (body) => void res.type(registry.contentType).send(body),
          (err: unknown) => {
            log.error({ err }, 'metrics collection failed');
            res.status(500).type('text/plain').send('metrics collection failed\n');
          },
        );
      });
    },
    apolloPlugin: () => graphql.plugin(),
    instrumentWs: (options) => ws.instrument(options),
  };
}

/** `options` with WebSocket metrics when `obs` is given (servers built without observability stay as they are). */
export function observeWs<P extends Record<string, unknown> | undefined, E>(obs: ApiObservability | undefined, options: ServerOptions<P, E>): ServerOptions<P, E> {
  return obs ? obs.instrumentWs(options) : options;
}
