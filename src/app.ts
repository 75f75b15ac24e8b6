/**
 * Builds the API from config: connects Neo4j and NATS (with clear, actionable errors when they
 * are down), declares the JetStream topology, runs migrations and starts the server.
 * `main.ts` adds process signals; tests call `startApi` directly with their own config.
 */
import { readFileSync } from 'node:fs';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Driver } from 'neo4j-driver';
import { natsNames } from '../engine/contract/index.js';
import type { ApiConfig } from './config.js';
import { buildSchema } from './graphql/schema.js';
import { JobRepository } from './jobs/job-repository.js';
import { JobService } from './jobs/job-service.js';
import { ProgressHub } from './jobs/progress-hub.js';
import { createLogger, type Logger } from './logger.js';
import { connectNats } from './nats/connect.js';
import { ensureTopology } from './nats/jetstream-setup.js';
import { createApiObservability } from './observability/api-observability.js';
import { createDriver, probeNeo4j } from './neo4j/driver.js';
import { runMigrations } from './neo4j/migrations.js';
import { registerRacingMigrations } from './racing/migrations.js';
import { RacingService } from './racing/service/racing-service.js';
import { createSecurity } from './security/index.js';
import { startApiServer, type ApiServer } from './server.js';
import { ResultReader } from './jobs/result-reader.js';
import { PipelineCoordinator } from './jobs/pipeline-coordinator.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { WebhookRepository } from './webhooks/webhook-repository.js';
import { DEV_WEBHOOK_SECRET_KEY, SecretBox } from './webhooks/secret-box.js';
import { secretSetting } from './config/secret-setting.js';
import { DEFAULT_ACTOR_TTL_MS } from '../engine/contract/defaults.js';

export class StartupError extends Error {
  override readonly name = 'StartupError';
  constructor(
    readonly dependency: 'neo4j' | 'nats' | 'http',
    message: string,
  ) {
    super(message);
  }
}

export interface RunningApi {
  readonly server: ApiServer;
  readonly driver: Driver;
  readonly nc: NatsConnection;
  readonly log: Logger;
  /** The subscriptions' event fan-out (tests check that listeners are released). */
  readonly hub: ProgressHub;
  stop(): Promise<void>;
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function connectNeo4jOrExplain(config: Pick<ApiConfig, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE'>): Promise<Driver> {
  const driver = createDriver({ uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE });
  try {
    await probeNeo4j(driver, config.NEO4J_DATABASE, 10_000);
    return driver;
  } catch (err) {
    await driver.close();
    throw new StartupError('neo4j', `Neo4j is not reachable at ${config.NEO4J_URI} (${(err as Error).message}). Start it with \`npm start\` (which launches a local Neo4j when NEO4J_URI is unset) or \`npm run services:neo4j\`, or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD.`);
  }
}

export async function connectNatsOrExplain(url: string, name: string): Promise<NatsConnection> {
  try {
    return await connectNats(url, name);
  } catch (err) {
    throw new StartupError('nats', `NATS is not reachable at ${url} (${(err as Error).message}). Start it with \`nats-server -js\` (or \`npm start\`, which starts the local one when NATS_URL is unset), or set NATS_URL.`);
  }
}

export async function startApi(config: ApiConfig, log: Logger = createLogger({ level: config.LOG_LEVEL, name: 'api' })): Promise<RunningApi> {
  const startedAt = Date.now();
  const driver = await connectNeo4jOrExplain(config);
  let nc: NatsConnection;
  try {
    nc = await connectNatsOrExplain(config.NATS_URL, `api-${process.pid}`);
  } catch (err) {
    await driver.close();
    throw err;
  }
  const names = natsNames(config.NATS_PREFIX);
  const observability = createApiObservability({ config, driver, nc, names, log }); // metrics (issue 9)
  await ensureTopology(nc, names, { ackWaitMs: config.ACK_WAIT_MS, maxDeliver: config.MAX_DELIVER, actorTtlMs: DEFAULT_ACTOR_TTL_MS });
  registerRacingMigrations();
  const applied = await runMigrations(driver, config.NEO4J_DATABASE);
  if (applied.length) log.info({ applied }, 'neo4j migrations applied');

  const js = jetstream(nc);
  const kvm = new Kvm(nc);
  const cancelKv = await kvm.open(names.cancelBucket);
  const actorsKv = await kvm.open(names.actorsBucket);
  const repo = new JobRepository(driver, config.NEO4J_DATABASE);
  const hub = new ProgressHub(js, nc, names, log);
  const webhookRepo = new WebhookRepository(driver, config.NEO4J_DATABASE, webhookSecretBox(config));
  const resealed = await webhookRepo.resealSecrets();
  if (resealed) log.info({ resealed }, 'webhook signing secrets (plaintext or under the previous key) sealed under the current key');
  const selfHosts: string[] = []; // filled once the server listens (port 0 in tests)
  const security = await createSecurity({ config, driver, nc, log });
  const jobs = new JobService(repo, js, cancelKv, names, log, { driver, database: config.NEO4J_DATABASE });
  const services = {
    apiKeys: security.apiKeys,
    jobs,
    results: new ResultReader(jobs, repo),
    hub,
    racing: new RacingService(driver, config.NEO4J_DATABASE),
    webhooks: { repo: webhookRepo, policy: { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE ?? config.NODE_ENV !== 'production', selfHosts } },
  };
  const pipelines = new PipelineCoordinator(nc, js, names, repo, jobs, log);
  jobs.onPipelineCreated((job) => pipelines.begin(job));
  await pipelines.start();
  const dispatcher = new WebhookDispatcher(nc, js, names, webhookRepo, log, { backoffMs: config.WEBHOOK_BACKOFF_MS, allowPrivate: services.webhooks.policy.allowPrivate });
  await dispatcher.start();
  const schema = security.protect(await buildSchema({ version: VERSION, startedAt, driver, database: config.NEO4J_DATABASE }));
  if (await services.racing.isEmpty()) log.info('the racing graph is empty: load recent Cup seasons and a real slate with `npm run seed` (needs ../shared/data)');

  const checks = [
    { name: 'neo4j', check: async () => void (await probeNeo4j(driver, config.NEO4J_DATABASE, config.READY_TIMEOUT_MS)) },
    {
      name: 'nats',
      check: async () => {
        if (nc.isClosed()) throw new Error('connection closed');
        await nc.flush();
      },
    },
    {
      name: 'engine',
      check: async () => {
        const actors: Record<string, unknown>[] = [];
        for await (const k of await actorsKv.keys()) {
          const e = await actorsKv.get(k);
          if (e && e.operation === 'PUT') actors.push(e.json<Record<string, unknown>>());
        }
        if (actors.length === 0) throw new Error('no engine actor has sent a heartbeat recently; start one with `npm run start:engine`');
        return { actors };
      },
    },
  ];

  const server = await startApiServer({ config, schema, services, checks, log, security, observability });
  const port = new URL(server.url).port;
  selfHosts.push(...['127.0.0.1', 'localhost', '::1', '0.0.0.0', config.HOST].map((h) => `${h}:${port}`));
  log.info({ url: server.url, ide: server.url.replace(config.GRAPHQL_PATH, '/ide/') }, 'api started');
  return {
    server,
    driver,
    nc,
    log,
    hub,
    async stop() {
      await server.stop();
      dispatcher.stop();
      pipelines.stop();
      await hub.close();
      await nc.drain().catch(() => {});
      await driver.close();
    },
  };
}

/** The configured webhook-secret key; outside production a fixed development key (config refuses production without one). */
function webhookSecretBox(config: ApiConfig): SecretBox {
  const previous = secretSetting('WEBHOOK_SECRET_KEY_PREVIOUS', config.WEBHOOK_SECRET_KEY_PREVIOUS, config.WEBHOOK_SECRET_KEY_PREVIOUS_FILE, 32);
  return SecretBox.fromKeyMaterial(secretSetting('WEBHOOK_SECRET_KEY', config.WEBHOOK_SECRET_KEY, config.WEBHOOK_SECRET_KEY_FILE, 32) ?? DEV_WEBHOOK_SECRET_KEY, previous ? [previous] : []);
}
