/**
 * The OpenTelemetry tracing SDK, started once per process (issue 9 §2).
 *
 * Why `require` and not `import`: the SDK must patch `http` and `graphql` BEFORE they are loaded.
 * A static import would load the SDK even when tracing is off (it must cost nothing then), and a
 * dynamic `await import()` in a bootstrap module does not hold back the modules imported after it
 * (top-level await only delays the importer, not its siblings). A synchronous CommonJS require
 * inside the bootstrap finishes before the next import of main.ts is evaluated. graphql 16 and
 * express are CommonJS, so require-in-the-middle sees their internal requires and patches them.
 *
 * Only traces: metrics are prom-client (scraped), logs are pino (stdout). That is why this wires
 * sdk-trace-node + the OTLP/HTTP exporter directly rather than sdk-node (which also pulls the gRPC,
 * logs and metrics exporters into the image).
 */
import { createRequire } from 'node:module';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Instrumentation from '@opentelemetry/instrumentation';
import type * as GraphqlInstr from '@opentelemetry/instrumentation-graphql';
import type * as HttpInstr from '@opentelemetry/instrumentation-http';
import type * as Resources from '@opentelemetry/resources';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  /** `service.name` of every span. */
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** OTLP/HTTP (JSON) traces URL, e.g. http://jaeger:4318/v1/traces. Ignored when `exporter` is set. */
  readonly otlpUrl?: string;
  /** Use this exporter instead of OTLP (tests: an InMemorySpanExporter). */
  readonly exporter?: SpanExporter;
  /** Share of root traces kept; children follow their parent's decision. @default 1 */
  readonly sampleRatio?: number;
  /** Batch export interval. @default 5000 ms */
  readonly scheduleDelayMs?: number;
  /** Export every span as it ends instead of batching (tests). @default false */
  readonly exportImmediately?: boolean;
  /** Library auto-instrumentation: the API wants http + graphql; actors trace by hand. @default ['http', 'graphql'] */
  readonly instrument?: readonly ('http' | 'graphql')[];
}

export interface TracingHandle {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Paths never traced: scrapes and probes would drown real traffic. */
const UNTRACED_PATHS = /^\/(metrics|health|ready)(\?|$)/;

let active: TracingHandle | null = null;

/** True once startTracing ran: callers skip span work entirely otherwise. */
export function tracingEnabled(): boolean {
  return active !== null;
}

/** Start the SDK (idempotent: a second call returns the first handle). */
export function startTracing(o: TracingOptions): TracingHandle {
  if (active) return active;
  const require = createRequire(import.meta.url);
  const node = require('@opentelemetry/sdk-trace-node') as typeof SdkTraceNode;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
  const exporter: SpanExporter =
    o.exporter ?? new (require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp).OTLPTraceExporter({ url: o.otlpUrl ?? 'http://127.0.0.1:4318/v1/traces' });
  const processor = o.exportImmediately ? new node.SimpleSpanProcessor(exporter) : new node.BatchSpanProcessor(exporter, { scheduledDelayMillis: o.scheduleDelayMs ?? 5_000 });
  const provider = new node.NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': o.serviceName,
      ...(o.serviceVersion ? { 'service.version': o.serviceVersion } : {}),
      'service.instance.id': `${process.pid}`,
    }),
    sampler: new node.ParentBasedSampler({ root: withoutStartupNoise(node, new node.TraceIdRatioBasedSampler(o.sampleRatio ?? 1)) }),
    spanProcessors: [processor],
  });
  // Global provider, AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();

  const wanted = new Set(o.instrument ?? ['http', 'graphql']);
  const instrumentations = [];
  if (wanted.has('http')) {
    const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpInstr;
    instrumentations.push(new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''), ignoreOutgoingRequestHook: () => true }));
  }
  if (wanted.has('graphql')) {
    const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof GraphqlInstr;
    // parse/validate/execute spans only: a span per resolver would cost more than the query.
    instrumentations.push(new GraphQLInstrumentation({ ignoreResolveSpans: true, mergeItems: true }));
  }
  if (instrumentations.length) {
    const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof Instrumentation;
    registerInstrumentations({ tracerProvider: provider, instrumentations });
  }
  active = {
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      active = null;
    },
  };
  return active;
}

/**
 * Root spans named graphql.parse / graphql.validate are schema building at start-up (dozens of
 * them) or WebSocket operations' bookkeeping; request-level ones always have a parent (the HTTP
 * span), so dropping parentless ones loses nothing useful.
 */
function withoutStartupNoise(node: typeof SdkTraceNode, ratio: SdkTraceNode.Sampler): SdkTraceNode.Sampler {
  return {
    shouldSample: (ctx, traceId, name, kind, attributes, links) =>
      /^graphql\.(parse|validate)$/.test(name) ? { decision: node.SamplingDecision.NOT_RECORD } : ratio.shouldSample(ctx, traceId, name, kind, attributes, links),
    toString: () => `WithoutStartupNoise{${ratio.toString()}}`,
  };
}

/** Flush and stop the SDK (end of process); a no-op when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  await active?.shutdown().catch(() => {});
}

/** Export buffered spans now (tests, and before a process hands work back). */
export async function flushTracing(): Promise<void> {
  await active?.forceFlush().catch(() => {});
}
