/**
 * Integration tier global setup: real NATS (JetStream) and a real Neo4j 5.26 + APOC.
 *  - NATS: TEST_NATS_URL or the machine's nats://127.0.0.1:4222 (started if down).
 *  - Neo4j: TEST_NEO4J_URI, else a fresh instance of the project's launcher on a free port with a
 *    throw-away data dir (so every run starts from an empty graph).
 * If either cannot start, setup THROWS and the run fails: integration tests are never skipped.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, ensureNats, ensureNeo4j, type Neo4jHandle } from '../../scripts/local-services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    natsUrl: string;
    neo4jUri: string;
  }
}

let neo4j: Neo4jHandle | null = null;
let dataDir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  const nats = await ensureNats(process.env.TEST_NATS_URL ? { url: process.env.TEST_NATS_URL } : {});
  if (!process.env.TEST_NEO4J_URI) dataDir = resolve(REPO_ROOT, `.data/neo4j-test-${process.pid}`);
  const t0 = Date.now();
  neo4j = await ensureNeo4j(process.env.TEST_NEO4J_URI ? { uri: process.env.TEST_NEO4J_URI } : { boltPort: 0, dataDir: dataDir!, timeoutMs: 900_000 });
  console.log(`[integration] NATS ${nats.url}; Neo4j ${neo4j.uri} (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  project.provide('natsUrl', nats.url);
  project.provide('neo4jUri', neo4j.uri);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
