/**
 * Every series name the code exports, taken from the real registries the API and an actor build
 * (createApiObservability, startActorObservability) — not from a hand-written list. Building them
 * only registers metrics; the stand-in driver and connection are never called, because collectors
 * run on scrape and nothing is scraped here.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { startActorObservability } from '../../../engine/actor/metrics.js';
import { natsNames } from '../../../engine/contract/index.js';
import { createApiObservability } from '../../../src/observability/api-observability.js';
import { exportedSeriesNames } from '../../../src/observability/metrics-registry.js';

const standInDriver = () => ({ executeQuery: async () => ({ records: [] }), session: () => ({}) }) as unknown as Driver;

export async function exportedMetricNames(): Promise<{ api: string[]; actor: string[]; all: Set<string> }> {
  const log = pino({ level: 'silent' });
  const api = createApiObservability({
    config: { GRAPHQL_PATH: '/graphql', NEO4J_DATABASE: 'neo4j', METRICS_ENABLED: true, QUEUE_METRICS_TTL_MS: 2_000, MODEL_METRICS_TTL_MS: 30_000 },
    driver: standInDriver(),
    nc: {} as NatsConnection,
    names: natsNames(''),
    log,
  });
  const actor = await startActorObservability({ driver: standInDriver(), database: 'neo4j', log });
  const apiNames = exportedSeriesNames(api.registry);
  const actorNames = exportedSeriesNames(actor.registry);
  await actor.close();
  return { api: apiNames, actor: actorNames, all: new Set([...apiNames, ...actorNames]) };
}
