/**
 * Trace and correlation context across NATS (issue 9 §2): the API publishes a job inside a
 * PRODUCER span and writes W3C `traceparent` (+ `X-Correlation-Id`) into the JetStream message
 * headers; the actor extracts them and runs the job in a CONSUMER span that is that span's
 * child, so one trace goes mutation → publish → actor → Neo4j writes.
 *
 * With tracing off (the default) no span is created and only the correlation id travels.
 */
import type { JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { currentLogContext, withLogContext } from './log-context.js';
import { parseJobSubject } from './queue-metrics.js';
import { tracingEnabled } from './tracing.js';

export const CORRELATION_HEADER = 'X-Correlation-Id';
const TRACER = 'nascar-dfs';

const setter: TextMapSetter<MsgHdrs> = { set: (h, k, v) => h.set(k, v) };
const getter: TextMapGetter<MsgHdrs> = {
  get: (h, k) => h.get(k) || undefined,
  keys: (h) => h.keys(),
};

/** Mark the active span (the actor's job span) with an outcome; ERROR status when `error` is given. */
export function annotateActiveSpan(attrs: Attributes, error?: string): void {
  if (!tracingEnabled()) return;
  const span = trace.getActiveSpan();
  if (!span) return;
  span.setAttributes(attrs);
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error.slice(0, 200) });
}

/** Run `fn` in a new active span (ended when the promise settles; errors recorded). */
export async function withSpan<T>(name: string, opts: { kind?: SpanKind; attributes?: Attributes }, fn: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, ...(opts.attributes ? { attributes: opts.attributes } : {}) }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String((err as Error)?.message ?? err).slice(0, 200) });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * Publish with trace + correlation headers. `publish` receives the headers to send (undefined
 * when there is nothing to propagate).
 */
export async function tracedPublish<T>(subject: string, attributes: Attributes, publish: (headers: MsgHdrs | undefined) => Promise<T>): Promise<T> {
  const correlationId = currentLogContext()?.correlationId;
  const withCorrelation = () => {
    if (!correlationId) return undefined;
    const h = natsHeaders();
    h.set(CORRELATION_HEADER, correlationId);
    return h;
  };
  if (!tracingEnabled()) return publish(withCorrelation());
  return withSpan(`publish ${subject}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'nats', 'messaging.operation.type': 'send', 'messaging.destination.name': subject, ...attributes } }, async () => {
    const h = withCorrelation() ?? natsHeaders();
    propagation.inject(context.active(), h, setter);
    return publish(h);
  });
}

/**
 * Run an actor's handling of one job message inside the caller's trace (from the headers) and
 * with the job id + correlation id in the log context.
 */
export function inJobContext<T>(msg: JsMsg, fn: () => Promise<T>): Promise<T> {
  const h = msg.headers;
  const jobId = h?.get('Nats-Msg-Id') || undefined;
  const correlationId = h?.get(CORRELATION_HEADER) || undefined;
  const ids = { ...(jobId ? { jobId } : {}), ...(correlationId ? { correlationId } : {}) };
  if (!tracingEnabled()) return withLogContext(ids, fn);
  const parent = h ? propagation.extract(ROOT_CONTEXT, h, getter) : ROOT_CONTEXT;
  const kind = parseJobSubject(msg.subject)?.kind ?? 'unknown';
  const attributes: Attributes = { 'messaging.system': 'nats', 'messaging.operation.type': 'process', 'messaging.destination.name': msg.subject, 'job.kind': kind, 'job.attempt': msg.info.deliveryCount, ...(jobId ? { 'job.id': jobId } : {}) };
  return context.with(parent, () => withLogContext(ids, () => withSpan(`job ${kind}`, { kind: SpanKind.CONSUMER, attributes }, fn)));
}
