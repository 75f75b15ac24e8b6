/**
 * Brings up the local services the platform needs when none are configured:
 *  - NATS: attach to NATS_URL if set; else to nats://127.0.0.1:4222, starting the machine's
 *    nats-server (JetStream, file storage) there if it is down.
 *  - Neo4j: attach to NEO4J_URI if set; else launch services/neo4j/run.sh (Neo4j 5.26 + APOC,
 *    built from Maven Central on first use) and wait for its READY line.
 * Used by `npm start` and by the integration tests' global setup. Failures throw a
 * ServiceStartError saying which service and how to fix it (never a silent skip).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NATS_BINARIES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
  constructor(
    readonly service: 'nats' | 'neo4j',
    message: string,
  ) {
    super(`${service}: ${message}`);
  }
}

export function tcpReachable(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((res) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      res(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

export interface NatsHandle {
  readonly url: string;
  /** True when this call started the server (it keeps running as a daemon, like the machine's). */
  readonly started: boolean;
}

/** Ensure a JetStream-enabled NATS on 127.0.0.1:`port` (or attach to `url`). */
export async function ensureNats(opts: { url?: string; port?: number; storeDir?: string } = {}): Promise<NatsHandle> {
  if (opts.url) return { url: opts.url, started: false };
  const port = opts.port ?? 4222;
  const url = `nats://127.0.0.1:${port}`;
  if (await tcpReachable('127.0.0.1', port)) return { url, started: false };
  const bin = NATS_BINARIES.find((b) => existsSync(b)) ?? (spawnSync('sh', ['-c', 'command -v nats-server']).stdout.toString().trim() || null);
  if (!bin) throw new ServiceStartError('nats', 'nats-server is not installed and nothing listens on 127.0.0.1:' + port + '. Install it (apt-get install nats-server) or set NATS_URL.');
  const storeDir = opts.storeDir ?? (port === 4222 && existsSync('/var/lib/nats-server') ? '/var/lib/nats-server' : resolve(REPO_ROOT, '.data/nats'));
  mkdirSync(storeDir, { recursive: true });
  // Detached like the machine's daemon: it outlives this process (JetStream data stays on disk).
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { detached: true, stdio: 'ignore' });
  child.unref();
  if (!(await waitFor(() => tcpReachable('127.0.0.1', port), 10_000))) {
    throw new ServiceStartError('nats', `started ${bin} but nothing listens on 127.0.0.1:${port} after 10 s. Try: ${bin} -a 127.0.0.1 -p ${port} -js -sd ${storeDir}`);
  }
  return { url, started: true };
}

export interface Neo4jHandle {
  readonly uri: string;
  readonly process: ChildProcess | null;
  stop(): Promise<void>;
}

/** Ensure a Neo4j: attach to `uri`, or launch the project's Neo4j 5.26 + APOC. */
export async function ensureNeo4j(opts: { uri?: string; boltPort?: number; dataDir?: string; timeoutMs?: number; log?: (line: string) => void } = {}): Promise<Neo4jHandle> {
  if (opts.uri) return { uri: opts.uri, process: null, stop: async () => {} };
  const boltPort = opts.boltPort ?? 7687;
  if (boltPort !== 0 && (await tcpReachable('127.0.0.1', boltPort))) {
    throw new ServiceStartError('neo4j', `port ${boltPort} is already in use but NEO4J_URI is not set. If a Neo4j runs there, set NEO4J_URI=bolt://127.0.0.1:${boltPort}; otherwise free the port.`);
  }
  const dataDir = opts.dataDir ?? resolve(REPO_ROOT, '.data/neo4j');
  mkdirSync(dataDir, { recursive: true });
  const child = spawn('bash', [resolve(REPO_ROOT, 'services/neo4j/run.sh'), '--bolt-port', String(boltPort), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderrTail: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    for (const line of d.split('\n').filter(Boolean)) {
      stderrTail.push(line);
      if (stderrTail.length > 30) stderrTail.shift();
      opts.log?.(line);
    }
  });
  const uri = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new ServiceStartError('neo4j', `not ready after ${(opts.timeoutMs ?? 600_000) / 1000} s.\n${stderrTail.join('\n')}`)), opts.timeoutMs ?? 600_000);
    let buf = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const m = /NEO4J_READY (bolt:\/\/\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new ServiceStartError('neo4j', `launcher exited with code ${code} before it was ready (needs Java 17+ and Maven for the first build).\n${stderrTail.join('\n')}`));
    });
  });
  return {
    uri,
    process: child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(kill);
          res();
        });
        child.kill('SIGTERM');
      }),
  };
}
