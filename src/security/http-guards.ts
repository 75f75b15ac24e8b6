/**
 * HTTP-level guards around the GraphQL endpoint: a response deadline and JSON errors for bodies
 * over the size limit (express.json's own error page is HTML and names the parser).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode } from '../errors.js';

/**
 * Answer 503 when no response was sent within `timeoutMs`. The operation itself is not
 * aborted (resolvers do not take a signal), but the client is released and the late write is
 * discarded; long work belongs in jobs, which return at once.
 */
export function responseDeadline(timeoutMs: number): RequestHandler {
  return (_req, res, next) => {
    if (timeoutMs <= 0) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.status(503).set('retry-after', '1').json({ errors: [{ message: `The request took longer than ${timeoutMs} ms`, extensions: { code: ErrorCode.UNAVAILABLE, reason: 'timeout', retryable: true } }] });
    }, timeoutMs);
    res.once('close', () => clearTimeout(timer));
    res.once('finish', () => clearTimeout(timer));
    next();
  };
}

/** Body-parser failures → GraphQL-shaped JSON; late writes after a deadline answer are dropped. */
export function graphqlHttpErrors(limitBytes: number): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) return; // e.g. Apollo finishing after responseDeadline answered: nothing to send
    if (err.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `Request body larger than ${limitBytes} bytes`, extensions: { code: 'BAD_REQUEST', limitBytes } }] });
      return;
    }
    if (err.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(err);
  };
}
