/**
 * `npm start`: the whole platform on this machine. Brings up NATS and Neo4j when NATS_URL /
 * NEO4J_URI are not set, then runs the API and ENGINE_ACTORS engine actor processes (default 1),
 * which talk only through NATS. Prints the GraphQL and IDE URLs. Ctrl-C stops everything cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT, ServiceStartError, ensureNats, ensureNeo4j, type Neo4jHandle } from './local-services.js';

const env = { ...process.env };
const actors = Number(env.ENGINE_ACTORS ?? 1);
const t0 = Date.now();
const say = (s: string) => console.log(`[start] ${s}`);

function run(name: string, entry: string, extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, entry)], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping the platform`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
let neo4j: Neo4jHandle | null = null;
const children: ChildProcess[] = [];

async function stop(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((r) => {
          if (c.exitCode !== null || c.signalCode !== null) return r();
          c.once('exit', () => r());
          c.kill('SIGTERM');
        }),
    ),
  );
  await neo4j?.stop();
  say('stopped');
  process.exit(code);
}

async function waitHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Races in the graph (a public read), or null when it cannot be read. */
async function racingGraphSize(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ racesConnection(first: 1) { totalCount } }' }) });
    const body = (await res.json()) as { data?: { racesConnection?: { totalCount: number } } };
    return body.data?.racesConnection?.totalCount ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    const nats = await ensureNats(env.NATS_URL ? { url: env.NATS_URL } : {});
    say(`NATS ${nats.url}${nats.started ? ' (started)' : ''}`);
    if (!env.NEO4J_URI) say('starting local Neo4j 5.26 + APOC (first start builds it from Maven Central)...');
    neo4j = await ensureNeo4j(env.NEO4J_URI ? { uri: env.NEO4J_URI } : { log: (l) => console.error(`[neo4j] ${l}`) });
    say(`Neo4j ${neo4j.uri}`);
    const shared = { NATS_URL: nats.url, NEO4J_URI: neo4j.uri };
    children.push(run('api', 'src/main.ts', shared));
    const port = env.PORT ?? '4000';
    const base = `http://${env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1'}:${port}`;
    if (!(await waitHealthy(`${base}/health`, 60_000))) throw new Error('the API did not become healthy within 60 s (see its log above)');
    for (let i = 0; i < actors; i++) children.push(run(`engine-${i}`, 'engine/main.ts', shared));
    await waitHealthy(`${base}/ready`, 60_000);
    say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    say(`GraphQL: ${base}${env.GRAPHQL_PATH ?? '/graphql'}  (subscriptions: ws on the same URL)`);
    say(`IDE:     ${base}/ide/`);
    if ((await racingGraphSize(`${base}${env.GRAPHQL_PATH ?? '/graphql'}`)) === 0) say('The racing graph is empty: `npm run seed` (in another terminal) loads Cup 2022–2025, a real DraftKings slate and a contest.');
    say('Ctrl-C stops everything.');
  } catch (err) {
    console.error(err instanceof ServiceStartError ? `[start] cannot start ${err.message}` : `[start] ${(err as Error).message}`);
    await stop(1);
  }
}

void main();
