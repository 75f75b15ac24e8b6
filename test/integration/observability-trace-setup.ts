/**
 * Imported FIRST by observability-trace.int.test.ts (like src/observability/otel-bootstrap.ts in
 * src/main.ts): starts the real tracing SDK in this test process, exporting the in-process API's
 * spans to memory, before the test's other imports load http, express and graphql.
 */
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../src/observability/tracing.js';

export const apiSpans = new InMemorySpanExporter();
startTracing({ serviceName: 'nascar-dfs-api', exporter: apiSpans, exportImmediately: true, instrument: ['http', 'graphql'] });
