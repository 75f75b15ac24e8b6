/**
 * Engine actor entry point (composition root): config → Neo4j + NATS → Actor. SIGTERM/SIGINT
 * stop pulling, let running jobs finish within the grace period, hand the rest back, then close.
 */
// First: starts OpenTelemetry (when configured) before anything else is loaded.
import './observability/otel-bootstrap.js';
import { natsNames } from './contract/index.js';
import { DEFAULT_ACTOR_TTL_MS } from './contract/defaults.js';
import { loadEngineConfig } from './config.js';
import { Actor } from './actor/actor.js';
import { createKernelBackend } from './backend/index.js';
import { registerKindLoaders } from './actor/kind-loaders.js';
import { startActorObservability } from './actor/metrics.js';
import { StartupError, connectNatsOrExplain, connectNeo4jOrExplain } from '../src/app.js';
import { ConfigError } from '../src/config/env-schema.js';
import { createLogger } from '../src/logger.js';
import { ensureTopology } from '../src/nats/jetstream-setup.js';
import { shutdownTracing } from '../src/observability/tracing.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadEngineConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.LOG_LEVEL, name: 'engine' });
  let driver, nc;
  try {
    driver = await connectNeo4jOrExplain(config);
    nc = await connectNatsOrExplain(config.NATS_URL, `engine-${process.pid}`);
  } catch (err) {
    if (err instanceof StartupError) {
      console.error(`engine: cannot start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const names = natsNames(config.NATS_PREFIX);
  await ensureTopology(nc, names, { ackWaitMs: config.ACK_WAIT_MS, maxDeliver: config.MAX_DELIVER, actorTtlMs: DEFAULT_ACTOR_TTL_MS });
  // Resolve the kernel backend once here, so a forced one that cannot load stops the actor at
  // start-up with a clear message (each job thread then creates its own instance).
  let backendInfo;
  try {
    const kernels = await createKernelBackend(config.ENGINE_BACKEND);
    backendInfo = kernels.info;
    kernels.dispose();
  } catch (err) {
    console.error(`engine: cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
  log.info({ backend: backendInfo }, 'kernel backend');
  registerKindLoaders();
  const obs = await startActorObservability({ driver, database: config.NEO4J_DATABASE, log, port: config.METRICS_PORT, host: config.METRICS_HOST, healthy: () => !nc.isClosed() });
  const actor = new Actor({
    nc,
    driver,
    database: config.NEO4J_DATABASE,
    names,
    log,
    ...(config.ACTOR_ID ? { actorId: config.ACTOR_ID } : {}),
    concurrency: config.ACTOR_CONCURRENCY,
    backend: { choice: config.ENGINE_BACKEND, info: backendInfo },
    maxDeliver: config.MAX_DELIVER,
    ackWaitMs: config.ACK_WAIT_MS,
    heartbeatMs: config.HEARTBEAT_MS,
    progressIntervalMs: config.PROGRESS_INTERVAL_MS,
    progressMinFraction: config.PROGRESS_MIN_FRACTION,
    observer: obs.jobs,
  });
  await actor.start();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'actor draining');
    await actor.stop(SHUTDOWN_GRACE_MS);
    await nc.drain().catch(() => {});
    await driver.close();
    await obs.close();
    await shutdownTracing(); // export the last spans
    log.info('actor stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
