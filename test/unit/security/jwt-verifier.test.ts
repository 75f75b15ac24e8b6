import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailure } from '../../../src/auth/auth-failure.js';
import { createJwtVerifier } from '../../../src/auth/jwt-verifier.js';
import { mintHs256Token } from '../../../src/auth/mint-token.js';

const SECRET = 'unit-test-secret-with-more-than-32-characters!';
const now = () => Math.floor(Date.now() / 1000);

async function failure(p: Promise<unknown>): Promise<AuthFailure> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthFailure);
    return err as AuthFailure;
  }
  throw new Error('expected the token to be refused');
}

describe('HS256 bearer tokens', () => {
  const verifier = createJwtVerifier({ secret: SECRET, issuer: 'https://issuer.test', audience: ['dfs-api'], clockSkewSeconds: 30 });
  const mint = (o: Partial<Parameters<typeof mintHs256Token>[0]> = {}) => mintHs256Token({ secret: SECRET, sub: 'alice', issuer: 'https://issuer.test', audience: 'dfs-api', ...o });

  it('accepts a valid token: sub → id, roles from the claim (every holder is a user), exp kept', async () => {
    const { viewer } = await verifier.verify(await mint({ roles: ['admin'], ttlSeconds: 600 }));
    expect(viewer).toMatchObject({ id: 'alice', roles: ['user', 'admin'], method: 'jwt' });
    expect(viewer.expiresAt).toBeGreaterThan(now() + 500);
  });

  it('refuses a token signed with another secret (forged)', async () => {
    const forged = await mintHs256Token({ secret: 'another-secret-another-secret-another!!', sub: 'alice', issuer: 'https://issuer.test', audience: 'dfs-api', roles: ['admin'] });
    expect((await failure(verifier.verify(forged))).reason).toBe('invalid');
  });

  it('refuses a token whose payload was edited after signing', async () => {
    const [h, , sig] = (await mint()).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'alice', roles: ['admin'], iss: 'https://issuer.test', aud: 'dfs-api', exp: now() + 600 })).toString('base64url');
    expect((await failure(verifier.verify(`${h}.${payload}.${sig}`))).reason).toBe('invalid');
  });

  it('refuses alg "none"', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'alice', iss: 'https://issuer.test', aud: 'dfs-api', exp: now() + 600 })).toString('base64url');
    expect((await failure(verifier.verify(`${header}.${payload}.`))).reason).toBe('invalid');
  });

  it('refuses an expired token with reason "expired", beyond the clock skew only', async () => {
    expect((await failure(verifier.verify(await mint({ ttlSeconds: -120 })))).reason).toBe('expired');
    // 10 s past exp is inside the 30 s skew: still accepted.
    await expect(verifier.verify(await mint({ ttlSeconds: -10 }))).resolves.toMatchObject({ viewer: { id: 'alice' } });
  });

  it('refuses the wrong issuer or audience, and tokens without exp or sub', async () => {
    expect((await failure(verifier.verify(await mint({ issuer: 'https://evil.test' })))).detail).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect((await failure(verifier.verify(await mint({ audience: 'other-app' })))).reason).toBe('invalid');
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('https://issuer.test').setAudience('dfs-api').sign(new TextEncoder().encode(SECRET));
    expect((await failure(verifier.verify(noExp))).reason).toBe('invalid');
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://issuer.test').setAudience('dfs-api').setExpirationTime(now() + 60).sign(new TextEncoder().encode(SECRET));
    expect((await failure(verifier.verify(noSub))).reason).toBe('invalid');
  });

  it('reads roles from a dotted claim path or a space-separated string, dropping unknown roles', async () => {
    const v = createJwtVerifier({ secret: SECRET, rolesClaim: 'realm_access.roles' });
    const t = await mintHs256Token({ secret: SECRET, sub: 'bob', rolesClaim: 'x', extraClaims: { realm_access: { roles: ['ADMIN', 'superuser'] } } });
    expect((await v.verify(t)).viewer.roles).toEqual(['user', 'admin']);
    const plain = createJwtVerifier({ secret: SECRET });
    const spaced = await mintHs256Token({ secret: SECRET, sub: 'bob', rolesClaim: 'unused', extraClaims: { roles: 'owner admin' } });
    expect((await plain.verify(spaced)).viewer.roles).toEqual(['user', 'admin']);
    const unknown = await mintHs256Token({ secret: SECRET, sub: 'bob', rolesClaim: 'unused', extraClaims: { roles: 'owner root' } });
    expect((await plain.verify(unknown)).viewer.roles).toEqual(['user']);
  });

  it('returns the email claim for the User node', async () => {
    const t = await mint({ extraClaims: { email: 'alice@example.com' } });
    expect((await verifier.verify(t)).email).toBe('alice@example.com');
  });
});

describe('RS256 tokens from a JWKS endpoint', () => {
  let server: Server;
  let url: string;
  let privateKey: CryptoKey;
  let publicPem: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      if (req.url === '/down') return void res.writeHead(500).end('boom');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const rs = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ roles: ['user'], ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('carol').setIssuer('https://idp.test').setAudience('dfs-api').setExpirationTime(now() + 300).sign(privateKey);

  it('verifies with the key fetched from the JWKS URL', async () => {
    const v = createJwtVerifier({ jwksUrl: url, issuer: 'https://idp.test', audience: ['dfs-api'] });
    expect((await v.verify(await rs())).viewer).toMatchObject({ id: 'carol', roles: ['user'] });
  });

  it('refuses an HS256 token "signed" with the public key (algorithm confusion)', async () => {
    const v = createJwtVerifier({ jwksUrl: url, issuer: 'https://idp.test', audience: ['dfs-api'] });
    const confused = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('carol').setIssuer('https://idp.test').setAudience('dfs-api').setExpirationTime(now() + 300).sign(new TextEncoder().encode(publicPem));
    expect((await failure(v.verify(confused))).reason).toBe('invalid');
  });

  it('reports an unreachable JWKS as "unavailable", not as a bad token', async () => {
    const v = createJwtVerifier({ jwksUrl: url.replace('/jwks.json', '/down'), issuer: 'https://idp.test', audience: ['dfs-api'] });
    expect((await failure(v.verify(await rs()))).reason).toBe('unavailable');
  });
});
