import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/config/env-schema.js';
import { retryAfterSeconds } from '../../../src/security/rate-limit.js';
import { rateLimitBucketName, rateLimitKey } from '../../../src/security/rate-limit-store.js';

const SECRET = 'x'.repeat(32);
const fails = (env: Record<string, string>, variable: string) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(variable);
    return;
  }
  throw new Error(`expected ${variable} to be rejected`);
};

describe('security configuration', () => {
  it('has closed, named defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ AUTH_DEV_BYPASS: false, CORS_ORIGINS: [], MAX_QUERY_DEPTH: 12, MAX_ALIASES: 30, RATE_LIMIT_ENABLED: true, RATE_LIMIT_WINDOW_MS: 60_000, API_KEY_CACHE_MS: 5_000, JWT_CLOCK_SKEW_S: 30, JWT_ROLES_CLAIM: 'roles' });
    expect(c.INTROSPECTION).toBeUndefined();
  });

  it('production refuses CORS *, AUTH_DEV_BYPASS and a missing JWT setup or webhook key, naming the variable', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: SECRET, WEBHOOK_SECRET_KEY: SECRET };
    fails({ ...prod, CORS_ORIGINS: 'https://a.example, *' }, 'CORS_ORIGINS');
    fails({ ...prod, AUTH_DEV_BYPASS: 'true' }, 'AUTH_DEV_BYPASS');
    fails({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: SECRET }, 'JWT_SECRET');
    fails({ NODE_ENV: 'production', JWT_SECRET: SECRET }, 'WEBHOOK_SECRET_KEY');
    expect(loadConfig({ ...prod, CORS_ORIGINS: 'https://a.example' }).CORS_ORIGINS).toEqual(['https://a.example']);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, WEBHOOK_SECRET_KEY_FILE: '/run/secrets/webhook-key' }).WEBHOOK_SECRET_KEY_FILE).toBe('/run/secrets/webhook-key');
    expect(loadConfig({ NODE_ENV: 'development', CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
  });

  it('refuses short secrets, secret + secret file, and a JWKS without issuer and audience', () => {
    fails({ JWT_SECRET: 'short' }, 'JWT_SECRET');
    fails({ JWT_SECRET: SECRET, JWT_SECRET_FILE: '/run/secrets/jwt' }, 'JWT_SECRET_FILE');
    fails({ WEBHOOK_SECRET_KEY: 'short' }, 'WEBHOOK_SECRET_KEY');
    fails({ WEBHOOK_SECRET_KEY: SECRET, WEBHOOK_SECRET_KEY_FILE: '/run/secrets/webhook-key' }, 'WEBHOOK_SECRET_KEY_FILE');
    fails({ WEBHOOK_SECRET_KEY_PREVIOUS: SECRET }, 'WEBHOOK_SECRET_KEY'); // rotating out with no new key
    fails({ WEBHOOK_SECRET_KEY: SECRET, WEBHOOK_SECRET_KEY_PREVIOUS: SECRET, WEBHOOK_SECRET_KEY_PREVIOUS_FILE: '/run/secrets/old' }, 'WEBHOOK_SECRET_KEY_PREVIOUS_FILE');
    fails({ JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json' }, 'JWT_AUDIENCE');
    expect(loadConfig({ JWT_JWKS_URL: 'https://idp.example/jwks', JWT_ISSUER: 'https://idp.example/', JWT_AUDIENCE: 'dfs-api,dfs-cli' }).JWT_AUDIENCE).toEqual(['dfs-api', 'dfs-cli']);
  });

  it('parses TRUST_PROXY as express expects', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
  });
});

describe('rate-limit helpers', () => {
  it('Retry-After: the oldest call that must leave the window for one more to fit', () => {
    // max 3 per 60 s; calls at 0, 10, 20, 30 s (the 4th was refused but counted); now = 30 s.
    expect(retryAfterSeconds([0, 10_000, 20_000, 30_000], 3, 60_000, 30_000)).toBe(40); // call at 10 s leaves at 70 s
    expect(retryAfterSeconds([30_000, 0, 20_000, 10_000], 3, 60_000, 30_000)).toBe(40); // order does not matter
    expect(retryAfterSeconds([0], 3, 60_000, 30_000)).toBe(1);
  });

  it('bucket names follow the NATS prefix; keys are subject-safe hashes of the identity', () => {
    expect(rateLimitBucketName('')).toBe('RATE_LIMITS');
    expect(rateLimitBucketName('t1a.b')).toBe('T1A_B_RATE_LIMITS');
    const k = rateLimitKey({ contextIdentity: 'u:alice@example.com', fieldIdentity: 'tier:read' });
    expect(k).toMatch(/^[0-9a-f]{40}$/);
    expect(rateLimitKey({ contextIdentity: 'u:alice@example.com', fieldIdentity: 'tier:write' })).not.toBe(k);
  });
});
