/**
 * Express middleware giving every request ONE request id (issue 9 §3):
 *  - `x-request-id` from the caller when well formed, else a new UUID; written back onto the
 *    request (so later `req.get('x-request-id')` agrees) and echoed in the response;
 *  - `x-correlation-id` from the caller, else the request id; it travels on to the actors in the
 *    job's NATS headers (trace-context.ts);
 *  - both are put in the log context for the rest of the request (log-context.ts).
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { withLogContext } from './log-context.js';

/** Ids we accept from callers: short, printable, no spaces (they end up in logs and headers). */
const ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function acceptId(value: string | undefined): string | undefined {
  return value && ID.test(value) ? value : undefined;
}

export function requestContext(): RequestHandler {
  return (req, res, next) => {
    const requestId = acceptId(req.get('x-request-id')) ?? randomUUID();
    const correlationId = acceptId(req.get('x-correlation-id')) ?? requestId;
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    // Everything after this runs inside the context, body parsing included (raw-body binds its
    // callback with AsyncResource, so the ids survive a body that arrives in many chunks).
    withLogContext({ requestId, correlationId }, next);
  };
}
