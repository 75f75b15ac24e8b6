/**
 * Tracing is off by default and then costs nothing (issue 9 §2): importing the bootstrap with no
 * OTEL_* variables loads no SDK module, and publishing sends only the correlation id.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('tracing off (no OTEL_* in the environment)', () => {
  it('the bootstrap loads no SDK, and a publish carries only the correlation id', async () => {
    for (const k of Object.keys(process.env)) if (k.startsWith('OTEL_')) delete process.env[k];
    await import('../../../src/observability/otel-bootstrap.js');
    const { tracingEnabled } = await import('../../../src/observability/tracing.js');
    expect(tracingEnabled()).toBe(false);
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /@opentelemetry[\\/](sdk-trace|exporter|instrumentation)/.test(f));
    expect(loaded).toEqual([]);

    const { tracedPublish } = await import('../../../src/observability/trace-context.js');
    const { withLogContext } = await import('../../../src/observability/log-context.js');
    const none = await tracedPublish('jobs.normal.ping', {}, async (h) => h);
    expect(none).toBeUndefined(); // nothing to propagate: no headers at all
    const some = await withLogContext({ correlationId: 'c-1' }, () => tracedPublish('jobs.normal.ping', {}, async (h) => h));
    expect(some!.keys()).toEqual(['X-Correlation-Id']);
  });
});
