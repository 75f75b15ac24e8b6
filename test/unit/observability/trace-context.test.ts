/**
 * Trace + correlation propagation through NATS headers, with the real SDK (spans to memory).
 * The SDK is global to this test process; tracing-off.test.ts covers the default (no SDK).
 */
import type { JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { JobMetrics } from '../../../src/observability/job-metrics.js';
import { currentLogContext, logMixin, withLogContext } from '../../../src/observability/log-context.js';
import { CORRELATION_HEADER, inJobContext, tracedPublish } from '../../../src/observability/trace-context.js';
import { startTracing, tracingEnabled } from '../../../src/observability/tracing.js';

const spans = new InMemorySpanExporter();
beforeAll(() => {
  startTracing({ serviceName: 'unit', exporter: spans, exportImmediately: true, instrument: [] });
});

/** What JetStream hands the actor: the published headers on a job subject. */
function delivered(subject: string, headers: MsgHdrs | undefined, deliveryCount = 1): JsMsg {
  return { subject, headers, info: { deliveryCount } } as unknown as JsMsg;
}

describe('tracedPublish → inJobContext', () => {
  it('makes the actor job span a child of the publish span, with ids in the log context', async () => {
    expect(tracingEnabled()).toBe(true);
    spans.reset();
    let sent: MsgHdrs | undefined;
    await withLogContext({ requestId: 'r1', correlationId: 'corr-1' }, () =>
      tracedPublish('t1.jobs.high.simulate', { 'job.id': 'job-1' }, async (h) => {
        h!.set('Nats-Msg-Id', 'job-1'); // what js.publish adds for msgID
        sent = h;
      }),
    );
    expect(sent!.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(sent!.get(CORRELATION_HEADER)).toBe('corr-1');

    const metrics = new JobMetrics(new Registry());
    let ids: unknown;
    let mixin: Record<string, string> = {};
    await inJobContext(delivered('t1.jobs.high.simulate', sent, 2), async () => {
      ids = currentLogContext();
      mixin = logMixin({}, 30);
      metrics.started({ jobId: 'job-1', kind: 'simulate', priority: 'high' }, 2);
      metrics.failed({ jobId: 'job-1', kind: 'simulate', priority: 'high' }, { type: 'INTERNAL', message: 'bug' });
    });
    const publish = spans.getFinishedSpans().find((s) => s.kind === SpanKind.PRODUCER)!;
    const job = spans.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(publish.name).toBe('publish t1.jobs.high.simulate');
    expect(job.name).toBe('job simulate');
    expect(job.spanContext().traceId).toBe(publish.spanContext().traceId);
    expect(job.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    expect(job.attributes).toMatchObject({ 'job.id': 'job-1', 'job.kind': 'simulate', 'job.attempt': 2, 'job.outcome': 'failed' });
    expect(job.status.code).toBe(SpanStatusCode.ERROR);
    expect(ids).toEqual({ jobId: 'job-1', correlationId: 'corr-1' });
    expect(mixin).toMatchObject({ jobId: 'job-1', correlationId: 'corr-1', traceId: job.spanContext().traceId, spanId: job.spanContext().spanId });
  });

  it('a message without headers still runs, as a new trace', async () => {
    spans.reset();
    const out = await inJobContext(delivered('jobs.low.ping', undefined), async () => 42);
    expect(out).toBe(42);
    const [job] = spans.getFinishedSpans();
    expect(job!.parentSpanContext).toBeUndefined();
  });

  it('records an exception thrown by the job handler on its span and rethrows it', async () => {
    spans.reset();
    await expect(inJobContext(delivered('jobs.low.ping', undefined), async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    const [job] = spans.getFinishedSpans();
    expect(job!.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'nope' });
    expect(job!.events.some((e) => e.name === 'exception')).toBe(true);
  });
});
