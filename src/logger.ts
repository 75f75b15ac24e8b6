/** Structured JSON logs (pino). Secrets are redacted by path; child loggers carry ids. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(opts: { level: string; name: string }): Logger {
  return pino({
    name: opts.name,
    level: opts.level,
    redact: { paths: ['*.password', '*.NEO4J_PASSWORD', '*.authorization', '*.apiKey', '*.token', 'req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
