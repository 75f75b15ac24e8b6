import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsMiddleware, parseOrigins } from '../../../src/security/cors.js';
import { graphqlHttpErrors, responseDeadline } from '../../../src/security/http-guards.js';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use('/gql', corsMiddleware(parseOrigins('https://app.example.com, https://admin.example.com/')), responseDeadline(200), express.json({ limit: 1024 }), async (req: Request, res: Response) => {
    // Like Apollo's async handler: a late write after the deadline answered rejects inside
    // express (ERR_HTTP_HEADERS_SENT), which must reach graphqlHttpErrors and be dropped.
    await new Promise((r) => setTimeout(r, Number((req.body as { wait?: number }).wait ?? 0)));
    res.status(200).json({ data: { ok: true } });
  }, graphqlHttpErrors(1024));
  server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (body: string, headers: Record<string, string> = {}) => fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('CORS allow-list', () => {
  it('answers a preflight from an allowed origin with that origin (never *)', async () => {
    const res = await fetch(base, { method: 'OPTIONS', headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-api-key');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from another origin and sends it no CORS headers', async () => {
    const res = await fetch(base, { method: 'OPTIONS', headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await post('{}', { origin: 'https://evil.example.net' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect(simple.headers.get('vary')).toMatch(/origin/i);
  });

  it('leaves non-browser requests (no Origin) alone', async () => {
    const res = await post('{}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { ok: true } });
  });
});

describe('body size and deadline', () => {
  it('answers an oversized body with 413 and a GraphQL-shaped JSON error', async () => {
    const res = await post(JSON.stringify({ query: 'x'.repeat(2048) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST', limitBytes: 1024 } }] });
  });

  it('answers invalid JSON with 400', async () => {
    const res = await post('{nope');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('releases the client with 503 when the handler exceeds the deadline, and survives the late write', async () => {
    const res = await post(JSON.stringify({ wait: 600 }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE', reason: 'timeout' } }] });
    await new Promise((r) => setTimeout(r, 500)); // the late res.json() fires here
    expect((await post(JSON.stringify({ wait: 0 }))).status).toBe(200);
  });
});
