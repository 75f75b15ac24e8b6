import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ApiKeyService } from '../../../src/auth/api-key-service.js';
import { Authenticator } from '../../../src/auth/authenticator.js';
import { createJwtVerifier } from '../../../src/auth/jwt-verifier.js';
import { mintHs256Token } from '../../../src/auth/mint-token.js';
import { createAudit } from '../../../src/security/audit.js';
import { FakeApiKeyRepo } from './fake-api-key-repo.js';

const SECRET = 'authenticator-test-secret-0123456789abcdef';

/** A real pino logger writing JSON lines to memory, with NO redaction: nothing secret may be handed to it at all. */
function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { log: pino({ level: 'trace' }, stream), lines, events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function setup(devBypass = false, jwt = true) {
  const mem = memoryLog();
  const audit = createAudit(mem.log);
  const repo = new FakeApiKeyRepo();
  const apiKeys = new ApiKeyService(repo.asRepo(), audit);
  const auth = new Authenticator({ jwt: jwt ? createJwtVerifier({ secret: SECRET }) : null, apiKeys, users: repo, audit, devBypass });
  return { ...mem, repo, apiKeys, auth };
}
const meta = { ip: '203.0.113.7', transport: 'http' as const };
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (err) {
    return (err as { extensions: Record<string, unknown> }).extensions;
  }
};

describe('Authenticator', () => {
  it('no credentials → anonymous; AUTH_DEV_BYPASS → the dev admin', async () => {
    expect(await setup().auth.authenticate({}, meta)).toMatchObject({ id: '', method: 'anonymous' });
    expect(await setup(true).auth.authenticate({}, meta)).toMatchObject({ id: 'dev', roles: ['user', 'admin'], method: 'dev' });
  });

  it('a valid JWT → its user, and the (:User) node is refreshed with roles', async () => {
    const { auth, repo } = setup();
    const token = await mintHs256Token({ secret: SECRET, sub: 'alice', roles: ['admin'] });
    expect(await auth.authenticate({ authorization: `Bearer ${token}` }, meta)).toMatchObject({ id: 'alice', roles: ['user', 'admin'] });
    expect(repo.users.get('alice')).toEqual(['user', 'admin']);
  });

  it('a bad credential is a 401 UNAUTHENTICATED with a reason, never a downgrade to anonymous', async () => {
    const { auth, apiKeys } = setup();
    const expired = await mintHs256Token({ secret: SECRET, sub: 'alice', ttlSeconds: -3600 });
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${expired}` }, meta))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'expired', http: { status: 401 } });
    expect(await refusal(auth.authenticate({ authorization: 'Basic dXNlcjpwYXNz' }, meta))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid' });
    const { secret } = await apiKeys.create({ id: 'alice', roles: ['user'] }, 'k', ['read']);
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${expired}`, apiKey: secret }, meta))).toMatchObject({ reason: 'ambiguous' });
    expect(await refusal(setup(false, false).auth.authenticate({ authorization: `Bearer ${expired}` }, meta))).toMatchObject({ reason: 'unsupported' });
  });

  it('accepts an API key in X-API-Key or as a bearer token', async () => {
    const { auth, apiKeys } = setup();
    const { secret } = await apiKeys.create({ id: 'bob', roles: ['user'] }, 'k', ['read']);
    expect(await auth.authenticate({ apiKey: secret }, meta)).toMatchObject({ id: 'bob', method: 'apiKey' });
    expect(await auth.authenticate({ authorization: `Bearer ${secret}` }, meta)).toMatchObject({ id: 'bob', method: 'apiKey' });
  });

  it('audits failures, key creation and revocation as structured events that never contain a token or key', async () => {
    const { auth, apiKeys, lines, events } = setup();
    const forged = await mintHs256Token({ secret: 'not-the-server-secret-not-the-server-secret', sub: 'mallory', roles: ['admin'] });
    const { apiKey, secret } = await apiKeys.create({ id: 'carol', roles: ['user'] }, 'ci', ['read']);
    await apiKeys.revoke({ id: 'carol', roles: ['user'] }, apiKey.id);
    const guessed = `dfs_${'Z'.repeat(43)}`;
    for (const creds of [{ authorization: `Bearer ${forged}` }, { apiKey: secret }, { apiKey: guessed }]) await refusal(auth.authenticate(creds, meta));

    const ev = events();
    expect(ev.map((e) => e.event)).toEqual(['apikey.created', 'apikey.revoked', 'auth.failure', 'auth.failure', 'auth.failure']);
    expect(ev.every((e) => e.logger === 'audit')).toBe(true);
    expect(ev.slice(2).map((e) => e.reason)).toEqual(['invalid', 'revoked', 'invalid']);
    expect(ev[2]).toMatchObject({ credential: 'jwt', ip: '203.0.113.7', transport: 'http', detail: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(ev[4]).toMatchObject({ credential: 'apiKey', keyPrefix: guessed.slice(0, 12) });
    const all = lines.join('\n');
    for (const s of [forged, forged.split('.')[2]!, secret, secret.slice(12), guessed.slice(12)]) expect(all).not.toContain(s);
  });
});
