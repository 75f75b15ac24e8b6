/** Structured JSON logs (pino). Secrets are redacted by path; child loggers and the log context carry ids. */
import { pino, type Logger } from 'pino';
import { logMixin } from './observability/log-context.js';

export type { Logger };

export function createLogger(opts: { level: string; name: string }): Logger {
  return pino({
    name: opts.name,
    level: opts.level,
    redact: { paths: ['*.password', '*.NEO4J_PASSWORD', '*.authorization', '*.apiKey', '*.token', '*.secret', 'req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // requestId / correlationId / jobId from the async context, traceId / spanId from the active span (issue 9).
    mixin: (obj, level, logger) => logMixin(obj, level, logger),
  });
}
