/**
 * A real platform for integration tests: the API in-process (port 0) and engine actors as child
 * processes (exactly as `npm start` runs them), all on a unique NATS prefix so test files never
 * share streams, consumers or subjects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { inject } from 'vitest';
import { startApi, type RunningApi } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { REPO_ROOT } from '../../scripts/local-services.js';

export interface Stack {
  readonly api: RunningApi;
  readonly url: string;
  readonly wsUrl: string;
  readonly base: string;
  readonly prefix: string;
  readonly env: Record<string, string>;
  startActor(extraEnv?: Record<string, string>): Promise<ChildProcess>;
  stop(): Promise<void>;
}

export async function startStack(opts: { actors?: number; env?: Record<string, string> } = {}): Promise<Stack> {
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const env = { NATS_URL: inject('natsUrl'), NEO4J_URI: inject('neo4jUri'), NATS_PREFIX: prefix, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...opts.env };
  const config = loadConfig({ ...env, PORT: '0', NODE_ENV: 'test' });
  const api = await startApi(config, createLogger({ level: env.LOG_LEVEL, name: 'api' }));
  const actors: ChildProcess[] = [];
  const base = api.server.url.replace(/\/graphql$/, '');

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
    api,
    url: api.server.url,
    wsUrl: api.server.wsUrl,
    base,
    prefix,
    env,
    startActor,
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
    },
  };
}
