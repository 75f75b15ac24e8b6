import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../../../engine/config.js';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/config/env-schema.js';
import { tracingOptionsFrom } from '../../../src/observability/telemetry-env.js';

const api = (env: Record<string, string> = {}) => loadConfig(env);
const name = { serviceName: 'nascar-dfs-api' };

describe('observability config', () => {
  it('defaults: metrics on, tracing off, no actor listener', () => {
    const c = api();
    expect(c.METRICS_ENABLED).toBe(true);
    expect(c.QUEUE_METRICS_TTL_MS).toBe(2_000);
    expect(tracingOptionsFrom(c, name)).toBeNull();
    const e = loadEngineConfig({});
    expect(e.METRICS_PORT).toBeUndefined();
    expect(e.METRICS_HOST).toBe('127.0.0.1');
    expect(tracingOptionsFrom(e, { serviceName: 'nascar-dfs-engine' })).toBeNull();
  });

  it('an OTLP endpoint turns tracing on and points at its /v1/traces; the traces endpoint wins; OTEL_ENABLED=false wins over both', () => {
    expect(tracingOptionsFrom(api({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' }), name)).toMatchObject({ serviceName: 'nascar-dfs-api', otlpUrl: 'http://jaeger:4318/v1/traces', sampleRatio: 1, scheduleDelayMs: 5_000 });
    expect(tracingOptionsFrom(api({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/traces' }), name)?.otlpUrl).toBe('https://b/traces');
    expect(tracingOptionsFrom(api({ OTEL_ENABLED: 'true' }), name)?.otlpUrl).toBe('http://127.0.0.1:4318/v1/traces');
    expect(tracingOptionsFrom(api({ OTEL_ENABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318' }), name)).toBeNull();
    expect(tracingOptionsFrom(api({ OTEL_ENABLED: 'true', OTEL_SERVICE_NAME: 'edge', OTEL_TRACES_SAMPLER_ARG: '0.1' }), name)).toMatchObject({ serviceName: 'edge', sampleRatio: 0.1 });
  });

  it('rejects bad values, naming the variable', () => {
    expect(() => api({ OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => api({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() => loadEngineConfig({ METRICS_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadEngineConfig({ METRICS_PORT: 'abc' })).toThrow(/METRICS_PORT/);
  });
});
