/**
 * Ids on every log line: the request-context middleware (a real Express app on loopback, the
 * body sent in slow chunks so express.json finishes long after the middleware ran) and the pino
 * mixin (real pino writing JSON lines to a stream).
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentLogContext, logMixin, withLogContext } from '../../../src/observability/log-context.js';
import { acceptId, requestContext } from '../../../src/observability/request-context.js';

let base: string;
let close: () => void;
beforeAll(async () => {
  const app = express();
  app.use(requestContext());
  app.post('/echo', express.json({ limit: '5mb' }), (req, res) => void setTimeout(() => res.json({ ids: currentLogContext() ?? null, header: req.get('x-request-id'), size: JSON.stringify(req.body).length }), 5));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

/** POST a JSON body in slow chunks (so 'data'/'end' arrive after the handler chain started). */
function slowPost(headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: { ids: Record<string, string> | null; header: string; size: number } }> {
  const body = JSON.stringify({ pad: 'x'.repeat(200_000) });
  return new Promise((resolve, reject) => {
    const req = request(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    let i = 0;
    const step = 50_000;
    const tick = () => {
      if (i >= body.length) return void req.end();
      req.write(body.slice(i, (i += step)));
      setTimeout(tick, 10);
    };
    tick();
  });
}

describe('requestContext middleware', () => {
  it('keeps the request and correlation ids through a body read in chunks, and echoes the request id', async () => {
    const r = await slowPost({ 'x-request-id': 'req-123', 'x-correlation-id': 'corr-9' });
    expect(r.status).toBe(200);
    expect(r.body.size).toBeGreaterThan(200_000);
    expect(r.body.ids).toEqual({ requestId: 'req-123', correlationId: 'corr-9' });
    expect(r.body.header).toBe('req-123');
    expect(r.headers['x-request-id']).toBe('req-123');
  });

  it('replaces a malformed caller id with a UUID, used as the correlation id too', async () => {
    const r = await slowPost({ 'x-request-id': 'bad id with spaces' });
    const id = r.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.ids).toEqual({ requestId: id, correlationId: id });
    expect(r.body.header).toBe(id);
    expect(acceptId('x'.repeat(129))).toBeUndefined();
    expect(acceptId('a.b:c-d_1')).toBe('a.b:c-d_1');
  });
});

describe('logMixin with pino', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()));
        cb();
      },
    });
    const log = pino({ mixin: (o, l, lg) => logMixin(o, l, lg) }, out);
    return { log, lines };
  }

  it('adds the context ids to every line and never duplicates an id a child logger binds', () => {
    const { log, lines } = capture();
    log.info('outside');
    withLogContext({ requestId: 'r1', correlationId: 'c1' }, () => {
      log.info('base logger');
      log.child({ requestId: 'r1' }).info('child logger');
      withLogContext({ jobId: 'j7' }, () => log.info('nested'));
    });
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(lines[1]).toMatchObject({ requestId: 'r1', correlationId: 'c1', msg: 'base logger' });
    expect(lines[3]).toMatchObject({ requestId: 'r1', correlationId: 'c1', jobId: 'j7' });
    // The raw line of the child logger carries requestId exactly once.
    const raw: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _e, cb) {
        raw.push(chunk.toString());
        cb();
      },
    });
    const direct = pino({ mixin: (o, l, lg) => logMixin(o, l, lg) }, out);
    withLogContext({ requestId: 'r1' }, () => direct.child({ requestId: 'r1' }).info('x'));
    expect(raw[0]!.match(/"requestId"/g)).toHaveLength(1);
  });
});
