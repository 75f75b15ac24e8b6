/**
 * Starts tracing for an engine actor process when configured. engine/main.ts imports this module
 * FIRST. Actors use no auto-instrumentation: their spans are the job span (from the trace
 * context in the NATS headers) and the Neo4j calls (src/observability/neo4j-metrics.ts).
 * An invalid config is left for main.ts to report.
 */
import { loadEngineConfig, type EngineConfig } from '../config.js';
import { tracingOptionsFrom } from '../../src/observability/telemetry-env.js';
import { startTracing } from '../../src/observability/tracing.js';

let config: EngineConfig | null = null;
try {
  config = loadEngineConfig();
} catch {
  config = null;
}
const options = config && tracingOptionsFrom(config, { serviceName: 'nascar-dfs-engine' });
if (options) startTracing({ ...options, instrument: [] });
