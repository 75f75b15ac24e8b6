/**
 * Starts tracing for the API process when configured. src/main.ts imports this module FIRST, so
 * the SDK (loaded synchronously, see tracing.ts) patches http and graphql before anything else
 * loads them. Tracing off (the default): nothing but the config is loaded here.
 * An invalid config is left for main.ts to report (it exits with the message).
 */
import { createRequire } from 'node:module';
import { loadConfig, type ApiConfig } from '../config.js';
import { tracingOptionsFrom } from './telemetry-env.js';
import { startTracing } from './tracing.js';

let config: ApiConfig | null = null;
try {
  config = loadConfig();
} catch {
  config = null;
}
const options = config && tracingOptionsFrom(config, { serviceName: 'nascar-dfs-api', serviceVersion: (createRequire(import.meta.url)('../../package.json') as { version: string }).version });
if (options) startTracing({ ...options, instrument: ['http', 'graphql'] });
