/**
 * Services for benchmarks: NATS_URL / NEO4J_URI when set, else the machine's NATS and a throw-away
 * local Neo4j (project launcher, free port, temp data dir) — the same real engines as the tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNats, ensureNeo4j, type Neo4jHandle } from '../../scripts/local-services.js';

export interface BenchServices {
  readonly natsUrl: string;
  readonly neo4jUri: string;
  release(): Promise<void>;
}

let shared: Promise<BenchServices> | null = null;
let users = 0;

/** Reference-counted: every suite of one `npm run bench` shares one Neo4j. */
export function benchServices(): Promise<BenchServices> {
  users++;
  shared ??= (async () => {
    const nats = await ensureNats(process.env.NATS_URL ? { url: process.env.NATS_URL } : {});
    let neo4j: Neo4jHandle;
    let dir: string | null = null;
    if (process.env.NEO4J_URI) neo4j = await ensureNeo4j({ uri: process.env.NEO4J_URI });
    else {
      dir = mkdtempSync(join(tmpdir(), 'bench-neo4j-'));
      neo4j = await ensureNeo4j({ boltPort: 0, dataDir: dir });
    }
    return {
      natsUrl: nats.url,
      neo4jUri: neo4j.uri,
      async release() {
        if (--users > 0) return;
        await neo4j.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
        shared = null;
      },
    };
  })();
  return shared;
}
