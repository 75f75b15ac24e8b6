/**
 * Observability variables, as zod fields spread into the two config loaders (src/config.ts and
 * engine/config.ts stay the only env readers; this file reads nothing). Standard OTel names are
 * used where one exists, so operators can keep their usual settings.
 *
 * Tracing is OFF unless OTEL_ENABLED=true or an OTLP endpoint is set; when off, the SDK is never
 * loaded (see tracing.ts), so the default costs nothing.
 */
import { z } from 'zod';
import { bool, ms } from '../config/env-schema.js';
import type { TracingOptions } from './tracing.js';

export const DEFAULT_OTLP_HTTP_ENDPOINT = 'http://127.0.0.1:4318'; // the OTLP/HTTP default port
export const DEFAULT_SAMPLE_RATIO = 1; // every root trace; lower it under heavy load
export const DEFAULT_BSP_SCHEDULE_DELAY_MS = 5_000; // batch export every 5 s
export const DEFAULT_QUEUE_METRICS_TTL_MS = 2_000; // JetStream consumer info at most every 2 s
export const DEFAULT_MODEL_METRICS_TTL_MS = 30_000; // latest calibration read from Neo4j every 30 s
export const DEFAULT_METRICS_HOST = '127.0.0.1';

const optionalBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
  .optional();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Tracing: shared by the API and the actors. */
export const tracingEnv = {
  /** Force tracing on/off. @default on when an OTLP endpoint is set, else off */
  OTEL_ENABLED: optionalBool,
  /** OTLP/HTTP base URL (traces go to `<url>/v1/traces`). @default http://127.0.0.1:4318 when enabled */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  /** Full OTLP/HTTP traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  /** @default nascar-dfs-api / nascar-dfs-engine */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** Ratio of root traces kept (ParentBased(TraceIdRatio)). @default 1 */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(DEFAULT_SAMPLE_RATIO),
  /** Batch span export interval in ms. @default 5000 */
  OTEL_BSP_SCHEDULE_DELAY: ms(DEFAULT_BSP_SCHEDULE_DELAY_MS),
};

/** API metrics (served on the API port at /metrics). */
export const apiMetricsEnv = {
  /** Serve Prometheus metrics at GET /metrics. @default true */
  METRICS_ENABLED: bool(true),
  /** Cache of the JetStream queue-depth read done on scrape. @default 2000 */
  QUEUE_METRICS_TTL_MS: ms(DEFAULT_QUEUE_METRICS_TTL_MS),
  /** Cache of the latest-calibration read from Neo4j done on scrape. @default 30000 */
  MODEL_METRICS_TTL_MS: ms(DEFAULT_MODEL_METRICS_TTL_MS),
};

/** Actor metrics: a small HTTP listener per actor process (/metrics, /health). */
export const actorMetricsEnv = {
  /** Port of the actor's metrics listener; unset = no listener, 0 = any free port. @default unset */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address of that listener (0.0.0.0 in containers so Prometheus can reach it). @default 127.0.0.1 */
  METRICS_HOST: z.string().min(1).default(DEFAULT_METRICS_HOST),
};

type TracingEnv = z.infer<ReturnType<typeof z.object<typeof tracingEnv>>>;

/** Tracing options from a loaded config, or null when tracing is off. */
export function tracingOptionsFrom(cfg: Readonly<TracingEnv>, defaults: { serviceName: string; serviceVersion?: string }): TracingOptions | null {
  const endpoint = cfg.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? cfg.OTEL_EXPORTER_OTLP_ENDPOINT;
  const enabled = cfg.OTEL_ENABLED ?? endpoint !== undefined;
  if (!enabled) return null;
  const url = cfg.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${(cfg.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_OTLP_HTTP_ENDPOINT).replace(/\/+$/, '')}/v1/traces`;
  return {
    serviceName: cfg.OTEL_SERVICE_NAME ?? defaults.serviceName,
    ...(defaults.serviceVersion ? { serviceVersion: defaults.serviceVersion } : {}),
    otlpUrl: url,
    sampleRatio: cfg.OTEL_TRACES_SAMPLER_ARG,
    scheduleDelayMs: cfg.OTEL_BSP_SCHEDULE_DELAY,
  };
}
