/**
 * Authentication end to end on the real API (Neo4j + NATS): JWTs (valid, forged, expired, wrong
 * issuer), API keys (created once, stored hashed, scoped, revoked), the same identity on
 * graphql-ws (connection_init, re-checked on every subscribe), query limits, body size and CORS.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateApiKeyDocument, RevokeApiKeyDocument, SubmitPingDocument, ViewerDocument } from '../../client/__generated__/operations.js';
import { startApi, type RunningApi } from '../../src/app.js';
import { mintHs256Token } from '../../src/auth/mint-token.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { gql } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { bearer, code, post, wsRun } from './security-support.js';

let stack: Stack;
let alice: string;
let bob: string;
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'dfs-api';

beforeAll(async () => {
  stack = await startStack({
    actors: 0,
    env: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, API_KEY_CACHE_MS: '300', INTROSPECTION: 'false', MAX_BODY_BYTES: '65536', MAX_QUERY_DEPTH: '12', CORS_ORIGINS: 'https://app.example.com' },
  });
  alice = await stack.token(`alice-${stack.prefix}`);
  bob = await stack.token(`bob-${stack.prefix}`);
});
afterAll(async () => {
  await stack?.stop();
});

describe('bearer JWTs', () => {
  it('without credentials: public fields answer, everything else is UNAUTHENTICATED (not a 401: no credential was sent)', async () => {
    const r = await post(stack.url, '{ health { status } viewer { id } }', {}, {});
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ health: { status: 'ok' }, viewer: null });
    const job = await post(stack.url, '{ job(id: "x") { id } }', {}, {});
    expect(code(job)).toBe('UNAUTHENTICATED');
  });

  it('a valid token identifies the user on every request', async () => {
    const r = await gql(stack.url, ViewerDocument, {}, bearer(alice));
    expect(r.data?.viewer).toMatchObject({ id: `alice-${stack.prefix}`, roles: ['USER'], scopes: ['READ', 'WRITE'], authMethod: 'JWT' });
    expect(Date.parse(r.data!.viewer!.expiresAt!)).toBeGreaterThan(Date.now());
  });

  it('forged, expired and wrong-issuer tokens get HTTP 401 + WWW-Authenticate and a reason', async () => {
    const forged = await mintHs256Token({ secret: 'a-different-secret-a-different-secret!!', sub: 'alice', roles: ['admin'], issuer: ISSUER, audience: AUDIENCE });
    const expired = await stack.token('alice', { ttlSeconds: -3600 });
    const otherIssuer = await stack.token('alice', { issuer: 'https://evil.test' });
    for (const [token, reason] of [[forged, 'invalid'], [expired, 'expired'], [otherIssuer, 'invalid'], ['not.a.jwt', 'invalid']] as const) {
      const r = await post(stack.url, '{ health { status } }', {}, bearer(token));
      expect(r.status, reason).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
      expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(JSON.stringify(r.body)).not.toContain(token);
    }
  });
});

describe('API keys', () => {
  it('are returned once, stored as a SHA-256 hash only, and authenticate with their scopes', async () => {
    const created = await gql(stack.url, CreateApiKeyDocument, { name: 'ci read-only', scopes: ['READ'] }, bearer(alice));
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toMatch(/^dfs_/);
    expect(apiKey.prefix).toBe(secret.slice(0, 12));
    const { records } = await stack.api.driver.executeQuery('MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS p', { id: apiKey.id });
    const stored = JSON.stringify(records[0]!.get('p'));
    expect(stored).not.toContain(secret.slice(12));
    expect(stored).toMatch(/"hash":"[0-9a-f]{64}"/);

    const viewer = await gql(stack.url, ViewerDocument, {}, { 'x-api-key': secret });
    expect(viewer.data?.viewer).toMatchObject({ id: `alice-${stack.prefix}`, authMethod: 'API_KEY', scopes: ['READ'], apiKeyId: apiKey.id });
    // READ only: no mutations, and no creating a stronger key with it.
    expect((await gql(stack.url, SubmitPingDocument, { input: { samples: 1000 } }, { 'x-api-key': secret })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(stack.url, CreateApiKeyDocument, { name: 'x', scopes: ['READ'] }, { 'x-api-key': secret })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('cannot be created with a scope the creator lacks (ADMIN for a plain user)', async () => {
    const r = await gql(stack.url, CreateApiKeyDocument, { name: 'escalate', scopes: ['ADMIN'] }, bearer(alice));
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'scopes' });
  });

  it('a revoked key is refused at once here, and within API_KEY_CACHE_MS on another API replica', async () => {
    const other: RunningApi = await startApi(loadConfig({ ...stack.env, PORT: '0', NODE_ENV: 'test' }), createLogger({ level: 'silent', name: 'api-2' }));
    try {
      const { secret, apiKey } = (await gql(stack.url, CreateApiKeyDocument, { name: 'to revoke', scopes: ['READ', 'WRITE'] }, bearer(alice))).data!.createApiKey;
      const asKey = { 'x-api-key': secret };
      expect((await gql(other.server.url, ViewerDocument, {}, asKey)).data?.viewer?.id).toBe(`alice-${stack.prefix}`); // cached as valid on replica 2
      // Bob cannot revoke Alice's key: NOT_FOUND, not FORBIDDEN.
      expect((await gql(stack.url, RevokeApiKeyDocument, { id: apiKey.id }, bearer(bob))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const revoked = await gql(stack.url, RevokeApiKeyDocument, { id: apiKey.id }, bearer(alice));
      expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
      const here = await post(stack.url, '{ viewer { id } }', {}, asKey);
      expect(here.status).toBe(401);
      expect(here.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'revoked' });
      await new Promise((r) => setTimeout(r, 400)); // API_KEY_CACHE_MS = 300 in this stack
      expect((await post(other.server.url, '{ viewer { id } }', {}, asKey)).status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});

describe('graphql-ws: the same identity, re-checked on every subscribe', () => {
  it('a bad token in connection_init closes the socket with 4401 and the reason', async () => {
    const expired = await stack.token('alice', { ttlSeconds: -3600 });
    const r = await wsRun(stack.wsUrl, { authorization: `Bearer ${expired}` }, '{ health { status } }');
    expect(r.closed).toEqual({ code: 4401, reason: 'Token expired' });
    expect(r.results).toEqual([]);
  });

  it('anonymous sockets connect, but subscriptions are refused with UNAUTHENTICATED', async () => {
    const r = await wsRun(stack.wsUrl, {}, 'subscription { jobProgress(jobId: "x") { type } }');
    expect(r.results[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an API key in connection params works; once revoked, the next subscribe on that open socket is refused', async () => {
    const { secret, apiKey } = (await gql(stack.url, CreateApiKeyDocument, { name: 'ws', scopes: ['READ', 'WRITE'] }, bearer(alice))).data!.createApiKey;
    const job = (await gql(stack.url, SubmitPingDocument, { input: { samples: 1000 } }, { 'x-api-key': secret })).data!.submitPing;
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const client = createClient({ url: stack.wsUrl, webSocketImpl: WebSocket, connectionParams: { apiKey: secret }, retryAttempts: 0, lazy: false });
    const first = await new Promise<unknown>((resolve, reject) => {
      const stop = client.subscribe({ query: 'subscription($id: ID!) { jobProgress(jobId: $id) { type status } }', variables: { id: job.id } }, { next: (v) => (stop(), resolve(v)), error: reject, complete: () => {} });
    });
    expect(first).toEqual({ data: { jobProgress: { type: 'STATE', status: 'QUEUED' } } });
    await gql(stack.url, RevokeApiKeyDocument, { id: apiKey.id }, bearer(alice)); // same API instance: immediate
    const second = await new Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>((resolve) => {
      client.subscribe({ query: 'subscription($id: ID!) { jobProgress(jobId: $id) { type } }', variables: { id: job.id } }, { next: () => {}, error: (e) => resolve({ errors: e as never }), complete: () => resolve({}) });
    });
    await client.dispose();
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked' });
  });
});

describe('query protection', () => {
  /** drivers → races → drivers → ... : depth = levels + 2 (the root field and the `id` leaf). */
  const deep = (levels: number) => {
    const open = Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? 'races(limit: 1) {' : 'drivers(limit: 1) {')).join(' ');
    return `{ drivers(limit: 1) { ${open} id ${'}'.repeat(levels)} } }`;
  };

  it('refuses queries deeper than MAX_QUERY_DEPTH over HTTP and WebSocket, before execution', async () => {
    const ok = await post(stack.url, deep(10), {}, bearer(alice)); // depth 12: allowed and valid
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    const tooDeep = await post(stack.url, deep(12), {}, bearer(alice));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 12, actual: 14 });
    const ws = await wsRun(stack.wsUrl, { authorization: `Bearer ${alice}` }, deep(12));
    expect((ws.error as { extensions?: Record<string, unknown> }[] | undefined)?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
  });

  it('refuses queries whose estimated cost is over MAX_QUERY_COST', async () => {
    const r = await post(stack.url, '{ drivers(limit: 1000) { races(limit: 1000) { id name } } }', {}, bearer(alice));
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: 10_000 });
    expect(r.body.data ?? null).toBeNull();
  });

  it('refuses too many aliases, batched requests, introspection (INTROSPECTION=false) and oversized bodies', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `h${i}: health { status }`).join(' ')} }`;
    expect((await post(stack.url, aliases, {}, {})).body.errors?.[0]?.extensions).toMatchObject({ limit: 'aliases', max: 30, actual: 31 });
    const batch = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ health { status } }' }, { query: '{ health { status } }' }]) });
    expect(batch.status).toBe(400);
    const intro = await post(stack.url, '{ __schema { types { name } } }', {}, bearer(alice));
    expect(code(intro)).toBe('GRAPHQL_VALIDATION_FAILED');
    const wsIntro = await wsRun(stack.wsUrl, { authorization: `Bearer ${alice}` }, '{ __schema { queryType { name } } }');
    expect((wsIntro.error as { message: string; extensions: { code: string } }[])[0]).toMatchObject({ message: expect.stringMatching(/introspection/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const big = await post(stack.url, `{ health { status } } # ${'x'.repeat(70_000)}`, {}, {});
    expect(big.status).toBe(413);
    expect(code(big)).toBe('BAD_REQUEST');
  });

  it('validates boundary scalars before any resolver, naming the field', async () => {
    const r = await gql(stack.url, SubmitPingDocument, { input: { samples: 1000 }, options: { seed: 2 ** 32 } }, bearer(alice));
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/at "options\.seed"; Seed must be an integer in \[0, 4294967295\]/);
  });
});

describe('CORS', () => {
  it('answers preflights from CORS_ORIGINS only, and WebSocket upgrades from foreign origins are refused', async () => {
    const ok = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const bad = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' } });
    expect(bad.status).toBe(403);
    const WebSocket = (await import('ws')).default;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(stack.wsUrl, 'graphql-transport-ws', { origin: 'https://evil.example.net' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => (ws.close(), resolve(101)));
      ws.on('error', () => {});
    });
    expect(status).toBe(401);
  });
});

describe('development bootstrap key', () => {
  it('NODE_ENV=development without JWT settings prints a fresh admin API key to the terminal, which works', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
    const env = { ...stack.env, JWT_SECRET: '', JWT_ISSUER: '', JWT_AUDIENCE: '' };
    let dev: RunningApi | undefined;
    try {
      dev = await startApi(loadConfig({ ...env, PORT: '0', NODE_ENV: 'development' }), createLogger({ level: 'silent', name: 'api-dev' }));
    } finally {
      spy.mockRestore();
    }
    try {
      const key = /X-API-Key: (dfs_[A-Za-z0-9_-]{43})/.exec(writes.join(''))?.[1];
      expect(key).toBeDefined();
      const r = await gql(dev.server.url, ViewerDocument, {}, { 'x-api-key': key! });
      expect(r.data?.viewer).toMatchObject({ id: 'dev-admin', roles: ['USER', 'ADMIN'], scopes: ['READ', 'WRITE', 'ADMIN'] });
      expect(code(await post(dev.server.url, '{ viewer { id } }', {}, {}))).toBeUndefined(); // anonymous: viewer null, no error
      expect((await post(dev.server.url, '{ viewer { id } }', {}, {})).body.data).toEqual({ viewer: null });
    } finally {
      await dev.stop();
    }
  });
});
