import { describe, expect, it } from 'vitest';
import type { AuthFailure } from '../../../src/auth/auth-failure.js';
import { ApiKeyService, MAX_ACTIVE_KEYS_PER_USER } from '../../../src/auth/api-key-service.js';
import type { Viewer } from '../../../src/graphql/context.js';
import type { Audit, AuditEvent } from '../../../src/security/audit.js';
import { FakeApiKeyRepo } from './fake-api-key-repo.js';

const alice: Viewer = { id: 'alice', roles: ['user'], method: 'jwt' };
const root: Viewer = { id: 'root', roles: ['user', 'admin'], method: 'jwt' };

function setup(cacheMs = 5_000) {
  const repo = new FakeApiKeyRepo();
  const events: { event: AuditEvent; fields: Record<string, unknown> }[] = [];
  const audit: Audit = { record: (event, fields) => void events.push({ event, fields }) };
  let now = 1_000_000;
  const clock = { advance: (ms: number) => void (now += ms) };
  const svc = (r = repo) => new ApiKeyService(r.asRepo(), audit, cacheMs, () => now);
  return { repo, events, clock, svc };
}

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code ?? (err as AuthFailure).reason;
  }
};

describe('ApiKeyService', () => {
  it('creates a key whose secret authenticates as its owner with the chosen scopes; only the hash is stored', async () => {
    const { repo, svc, events } = setup();
    const s = svc();
    const { apiKey, secret } = await s.create(alice, '  ci  ', ['read']);
    expect(apiKey).toMatchObject({ name: 'ci', scopes: ['read'], ownerId: 'alice', revokedAt: null });
    expect(JSON.stringify([...repo.keys.values()])).not.toContain(secret);
    expect(await s.authenticate(secret)).toMatchObject({ id: 'alice', roles: ['user'], scopes: ['read'], method: 'apiKey', apiKeyId: apiKey.id });
    expect(events.map((e) => e.event)).toEqual(['apikey.created']);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('refuses to grant scopes the creator does not hold (no escalation through keys)', async () => {
    const { svc } = setup();
    expect(await code(svc().create(alice, 'x', ['admin']))).toBe('FORBIDDEN');
    const readKey = await svc().create(root, 'ro', ['read']);
    const viaKey = await svc().authenticate(readKey.secret);
    expect(await code(svc().create(viaKey, 'x', ['write']))).toBe('FORBIDDEN');
    expect(await code(svc().create(root, 'adm', ['admin', 'read']))).toBe('ok');
  });

  it('validates name and scopes, naming the field, and caps active keys', async () => {
    const { svc } = setup();
    for (const [name, scopes, field] of [['', ['read'], 'name'], ['x'.repeat(101), ['read'], 'name'], ['tab\there', ['read'], 'name'], ['ok', [], 'scopes']] as const) {
      await expect(svc().create(alice, name, scopes)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    }
    const s = svc();
    for (let i = 0; i < MAX_ACTIVE_KEYS_PER_USER; i++) await s.create(alice, `k${i}`, ['read']);
    expect(await code(s.create(alice, 'one too many', ['read']))).toBe('CONFLICT');
  });

  it('unknown and malformed keys are invalid; misses are cached too', async () => {
    const { repo, svc } = setup();
    const s = svc();
    expect(await code(s.authenticate('not-a-key'))).toBe('invalid');
    expect(repo.lookups).toBe(0); // malformed never reaches the database
    const ghost = `dfs_${'A'.repeat(43)}`;
    expect(await code(s.authenticate(ghost))).toBe('invalid');
    expect(await code(s.authenticate(ghost))).toBe('invalid');
    expect(repo.lookups).toBe(1);
  });

  it('revocation is immediate on the revoking instance and reaches others within the cache window', async () => {
    const { repo, svc, clock, events } = setup(5_000);
    const a = svc(repo);
    const b = svc(repo); // a second API replica sharing the database
    const { apiKey, secret } = await a.create(alice, 'ci', ['read', 'write']);
    await a.authenticate(secret);
    await b.authenticate(secret); // both cache it as valid
    await a.revoke(alice, apiKey.id);
    expect(await code(a.authenticate(secret))).toBe('revoked');
    expect(await code(b.authenticate(secret))).toBe('ok'); // still inside B's 5 s cache
    clock.advance(5_001);
    expect(await code(b.authenticate(secret))).toBe('revoked');
    expect(events.at(-1)).toMatchObject({ event: 'apikey.revoked', fields: { keyId: apiKey.id, ownerId: 'alice', by: 'alice' } });
  });

  it("another user's key id is NOT_FOUND; admins may revoke any key", async () => {
    const { svc } = setup();
    const s = svc();
    const { apiKey } = await s.create(alice, 'ci', ['read']);
    expect(await code(s.revoke({ id: 'mallory', roles: ['user'] }, apiKey.id))).toBe('NOT_FOUND');
    expect((await s.revoke(root, apiKey.id)).revokedAt).not.toBeNull();
    expect(await s.list(alice, false)).toEqual([]);
    expect(await s.list(alice, true)).toHaveLength(1);
  });

  it("a key carries its owner's stored roles, narrowed by its scopes", async () => {
    const { repo, svc } = setup();
    const s = svc();
    const adminKey = await s.create(root, 'admin', ['read', 'write', 'admin']);
    expect(await s.authenticate(adminKey.secret)).toMatchObject({ roles: ['user', 'admin'], scopes: ['read', 'write', 'admin'] });
    await repo.upsertUser('root', ['user']); // demoted at the identity provider, seen at next login
    expect(await svc(repo).authenticate(adminKey.secret)).toMatchObject({ roles: ['user'] });
  });
});
