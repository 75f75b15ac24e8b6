/**
 * Ids that every log line carries (issue 9 §3): request id and correlation id on the API, job id
 * and correlation id in the actor, trace/span id whenever a span is active.
 *
 * The ids live in an AsyncLocalStorage set at the edge (HTTP middleware, actor message handler),
 * so services that log through their constructor-time logger (JobService, ProgressHub, the
 * actor's repository calls) still get them. pino merges `logMixin()` into every line.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { context, trace } from '@opentelemetry/api';

export interface LogContext {
  readonly requestId?: string;
  /** Follows one user action across processes (HTTP header → NATS header → actor). */
  readonly correlationId?: string;
  readonly jobId?: string;
}

const store = new AsyncLocalStorage<LogContext>();

/** Run `fn` with `ids` added to the current log context. */
export function withLogContext<T>(ids: LogContext, fn: () => T): T {
  const parent = store.getStore();
  return store.run(parent ? { ...parent, ...ids } : ids, fn);
}

export function currentLogContext(): LogContext | undefined {
  return store.getStore();
}

interface HasBindings {
  bindings(): Record<string, unknown>;
}

/**
 * pino `mixin`: the context ids plus the active trace. Keys the logger already binds (a child
 * logger created with `{ requestId }`) are skipped, so no line carries a key twice.
 */
export function logMixin(_obj: object, _level: number, logger?: HasBindings): Record<string, string> {
  const out: Record<string, string> = {};
  const ids = store.getStore();
  if (ids) {
    const bound = ids.requestId || ids.jobId ? logger?.bindings() : undefined;
    if (ids.requestId && !bound?.requestId) out.requestId = ids.requestId;
    if (ids.jobId && !bound?.jobId) out.jobId = ids.jobId;
    if (ids.correlationId) out.correlationId = ids.correlationId;
  }
  // Without a registered SDK, context.active() is the root context and getSpan is undefined.
  const span = trace.getSpan(context.active())?.spanContext();
  if (span && span.traceId !== '00000000000000000000000000000000') {
    out.traceId = span.traceId;
    out.spanId = span.spanId;
  }
  return out;
}
