/**
 * A real platform for integration tests and benchmarks: the API in-process (port 0) and engine actors as child
 * processes (exactly as `npm start` runs them), all on a unique NATS prefix so test files never
 * share streams, consumers or subjects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { startApi, type RunningApi } from '../../src/app.js';
import { mintHs256Token, type MintOptions } from '../../src/auth/mint-token.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { REPO_ROOT } from '../../scripts/local-services.js';
import { setDefaultAuth } from './graphql-client.js';

export interface Stack {
  /** The current API (replaced by restartApi). */
  readonly api: RunningApi;
  readonly url: string;
  readonly wsUrl: string;
  readonly base: string;
  readonly prefix: string;
  readonly env: Record<string, string>;
  /** The admin test user that gql()/wsClient() act as when a call passes no credentials. */
  readonly defaultUserId: string;
  /** A bearer token signed with this stack's JWT_SECRET (default: roles [user], 1 h). */
  token(sub: string, opts?: Omit<MintOptions, 'secret' | 'sub'>): Promise<string>;
  startActor(extraEnv?: Record<string, string>): Promise<ChildProcess>;
  /** Stop the API (drain) and start a new one on the same port and prefix. */
  restartApi(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly natsUrl: string;
  readonly neo4jUri: string;
  readonly actors?: number;
  readonly env?: Record<string, string>;
}

/** Test-only key material (not a secret): see launchStack. */
export const TEST_WEBHOOK_SECRET_KEY = 'integration tests only, not a secret: webhook key 0001';

/** Used by tests (through test/support/stack.ts) and by benchmarks (no vitest here). */
export async function launchStack(opts: StackOptions): Promise<Stack> {
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  // Auth (issue 8): a JWT secret per stack, and budgets high enough that tests of other features
  // are never throttled (security tests pass their own RATE_LIMIT_* / JWT_SECRET in opts.env).
  // One webhook-secret key for every stack, as API replicas share one: any stack may seal the
  // plaintext webhooks another test leaves in the shared Neo4j.
  const security = { JWT_SECRET: randomBytes(32).toString('base64url'), WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY, RATE_LIMIT_READ_MAX: '10000', RATE_LIMIT_WRITE_MAX: '10000', RATE_LIMIT_EXPENSIVE_MAX: '10000' };
  const env: Record<string, string> = { NATS_URL: opts.natsUrl, NEO4J_URI: opts.neo4jUri, NATS_PREFIX: prefix, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...security, ...opts.env };
  let config = loadConfig({ ...env, PORT: '0', NODE_ENV: 'test' });
  let api = await startApi(config, createLogger({ level: env.LOG_LEVEL, name: 'api' }));
  const actors: ChildProcess[] = [];
  const base = api.server.url.replace(/\/graphql$/, '');
  const token = (sub: string, o: Omit<MintOptions, 'secret' | 'sub'> = {}) => mintHs256Token({ secret: env.JWT_SECRET!, sub, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, ...o });
  const defaultUserId = `test-admin-${prefix}`;
  const bearer = `Bearer ${await token(defaultUserId, { roles: ['user', 'admin'], ttlSeconds: 24 * 3600 })}`;
  const defaultAuth = { headers: { authorization: bearer }, connectionParams: { authorization: bearer } };
  for (const u of [api.server.url, api.server.wsUrl]) setDefaultAuth(u, defaultAuth);

  async function startActor(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'engine/main.ts')], { env: { ...process.env, ...env, HEARTBEAT_MS: '1000', ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
    actors.push(child);
    // Ready when /ready reports at least one more actor than before.
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`actor exited with ${child.exitCode}`);
      const body = (await (await fetch(`${base}/ready`)).json()) as { checks: { name: string; info?: { actors?: { pid: number }[] } }[] };
      const alive = body.checks.find((c) => c.name === 'engine')?.info?.actors ?? [];
      if (alive.some((a) => a.pid === child.pid)) return child;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('actor did not heartbeat within 30 s');
  }

  for (let i = 0; i < (opts.actors ?? 1); i++) await startActor();
  return {
    get api() {
      return api;
    },
    url: api.server.url,
    wsUrl: api.server.wsUrl,
    base,
    prefix,
    env,
    defaultUserId,
    token,
    startActor,
    async restartApi() {
      const port = new URL(api.server.url).port;
      await api.stop();
      config = loadConfig({ ...env, PORT: port, NODE_ENV: 'test' });
      api = await startApi(config, createLogger({ level: env.LOG_LEVEL, name: 'api' }));
    },
    async stop() {
      await Promise.all(
        actors.map(
          (a) =>
            new Promise<void>((r) => {
              if (a.exitCode !== null || a.signalCode !== null) return r();
              a.once('exit', () => r());
              a.kill('SIGTERM');
            }),
        ),
      );
      await api.stop();
      for (const u of [api.server.url, api.server.wsUrl]) setDefaultAuth(u, null);
    },
  };
}
