/**
 * Rate limits shared by API replicas: two API processes' worth of servers on one NATS prefix
 * draw from one budget per identity (NATS KV, revision-checked updates), so concurrent calls
 * spread over both never exceed the limit; refusals are RATE_LIMITED with Retry-After and are
 * audited.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi, type RunningApi } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { NatsKvRateLimitStore, openRateLimitBucket } from '../../src/security/rate-limit-store.js';
import { startStack, type Stack } from '../support/stack.js';
import { bearer, code, post, type RawResponse } from './security-support.js';

const READ_MAX = 6;
const EXPENSIVE_MAX = 2;
let stack: Stack;
let second: RunningApi;
const auditLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  stack = await startStack({ actors: 0, env: { RATE_LIMIT_READ_MAX: String(READ_MAX), RATE_LIMIT_WRITE_MAX: '50', RATE_LIMIT_EXPENSIVE_MAX: String(EXPENSIVE_MAX), RATE_LIMIT_WINDOW_MS: '60000' } });
  const sink = new Writable({
    write(chunk, _e, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) auditLines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  // A second replica: same env, so the same NATS prefix, JWT secret and KV bucket.
  second = await startApi(loadConfig({ ...stack.env, PORT: '0', NODE_ENV: 'test' }), pino({ level: 'info' }, sink));
});
afterAll(async () => {
  await second?.stop();
  await stack?.stop();
});

const outcomes = (rs: RawResponse[]) => ({ ok: rs.filter((r) => !r.body.errors).length, limited: rs.filter((r) => code(r) === 'RATE_LIMITED').length });

describe('rate limits across two API instances', () => {
  it(`${READ_MAX * 2} concurrent reads by one user, spread over both replicas, pass exactly ${READ_MAX} times`, async () => {
    const token = bearer(await stack.token(`reader-${stack.prefix}`));
    const urls = [stack.url, second.server.url];
    const rs = await Promise.all(Array.from({ length: READ_MAX * 2 }, (_, i) => post(urls[i % 2]!, '{ viewer { id } }', {}, token)));
    expect(outcomes(rs)).toEqual({ ok: READ_MAX, limited: READ_MAX });
    const refused = rs.find((r) => code(r) === 'RATE_LIMITED')!;
    const retryAfter = refused.body.errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(refused.body.errors![0]!.extensions).toMatchObject({ tier: 'read', limit: READ_MAX, windowSeconds: 60, retryable: true });
  });

  it('budgets are per identity: another user, and anonymous callers by IP, have their own', async () => {
    const other = bearer(await stack.token(`other-${stack.prefix}`));
    expect(code(await post(second.server.url, '{ viewer { id } }', {}, other))).toBeUndefined();
    const anon = await Promise.all(Array.from({ length: READ_MAX + 2 }, (_, i) => post(i % 2 ? stack.url : second.server.url, '{ health { status } }', {}, {})));
    expect(outcomes(anon)).toEqual({ ok: READ_MAX, limited: 2 });
  });

  it('expensive mutations have a stricter budget of their own, shared by every expensive field', async () => {
    const token = bearer(await stack.token(`writer-${stack.prefix}`));
    const create = (url: string, i: number) => post(url, 'mutation($n: String!) { createApiKey(name: $n, scopes: [READ]) { apiKey { id } } }', { n: `k${i}` }, token);
    const submit = (url: string) => post(url, 'mutation { submitPing(input: { samples: 1000 }) { id } }', {}, token);
    const rs = [await create(stack.url, 1), await create(second.server.url, 2), await submit(stack.url), await create(second.server.url, 3)];
    expect(rs.map(code)).toEqual([undefined, undefined, 'RATE_LIMITED', 'RATE_LIMITED']);
    // Reads are a different tier and still pass.
    expect(code(await post(stack.url, '{ viewer { id } }', {}, token))).toBeUndefined();
    // The refused calls ran no resolver: only two keys exist.
    expect((await post(stack.url, '{ myApiKeys { id } }', {}, token)).body.data?.myApiKeys).toHaveLength(2);
  });

  it('audits each refusal as ratelimit.hit without credentials', () => {
    const hits = auditLines.filter((l) => l.event === 'ratelimit.hit');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ logger: 'audit', tier: expect.any(String), max: expect.any(Number), retryAfter: expect.any(Number) });
    expect(JSON.stringify(auditLines)).not.toMatch(/Bearer|eyJ/);
  });
});

describe('the NATS KV store itself', () => {
  it('serialises concurrent reservations from four replicas: every caller sees a distinct count', async () => {
    const prefix = `${stack.prefix}store`;
    const conns = await Promise.all([0, 1, 2, 3].map(() => connect({ servers: inject('natsUrl') })));
    try {
      const stores = await Promise.all(conns.map(async (nc) => new NatsKvRateLimitStore(await openRateLimitBucket(nc, prefix, 60_000), { windowMs: 60_000, maxEntries: 1_000 })));
      const id = { contextIdentity: 'u:race', fieldIdentity: 'tier:read' };
      const seen = await Promise.all(Array.from({ length: 100 }, (_, i) => stores[i % 4]!.getForIdentity(id)));
      // Each reservation returns the calls before it: a linearisable counter hands out 0..99 exactly once.
      expect(seen.map((s) => s.length).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(await stores[0]!.peek(id)).toHaveLength(100);
    } finally {
      await Promise.all(conns.map((nc) => nc.close()));
    }
  });
});
