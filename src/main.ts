/**
 * API entry point (composition root): config → services → server, plus signal handling.
 * A dependency that is down at start gives a one-line explanation and exit code 1.
 */
// First: starts OpenTelemetry (when configured) before http/graphql are loaded by the imports below.
import './observability/otel-bootstrap.js';
import { StartupError, startApi } from './app.js';
import { loadConfig } from './config.js';
import { ConfigError } from './config/env-schema.js';
import { createLogger } from './logger.js';
import { shutdownTracing } from './observability/tracing.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.LOG_LEVEL, name: 'api' });
  let api;
  try {
    api = await startApi(config, log);
  } catch (err) {
    if (err instanceof StartupError) {
      console.error(`api: cannot start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'api draining');
    const force = setTimeout(() => {
      log.error('drain deadline passed; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS).unref();
    api.stop().then(
      async () => {
        clearTimeout(force);
        await shutdownTracing(); // export the last spans
        log.info('api stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
