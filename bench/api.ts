/**
 * API read latency (issue 11): `myJobs(first: 20)` (client/operations MyJobs, a custom resolver
 * on one keyset Cypher statement) over HTTP with auth, permissions and limits, at concurrency 1,
 * 8 and 32 (closed-loop fetch workers), next to the same statement through neo4j-driver. The
 * p50 ratio API / Cypher is the per-request cost of the API layers on top of the database.
 * Real API in process (port 0), real NATS and Neo4j (NEO4J_URI, else a throw-away local one).
 *
 *   npx tsx -e "import('./bench/api.ts').then(m=>m.run({quick:false})).then(r=>console.table(r))"
 */
import neo4j from 'neo4j-driver';
import { MyJobsDocument, SubmitPingDocument } from '../client/__generated__/operations.js';
import { gql } from '../test/support/graphql-client.js';
import { launchStack } from '../test/support/stack-core.js';
import { benchServices } from './support/services.js';
import { nowMs, summarize } from './support/stats.js';
import type { BenchRow, BenchSuite } from './types.js';

/** The statement JobRepository.listByOwner runs for a first page without filters. */
const CYPHER = `MATCH (j:Job {ownerId: $ownerId})
WHERE ($status IS NULL OR j.status = $status) AND ($kind IS NULL OR j.kind = $kind)
RETURN j {.*} AS j ORDER BY j.createdAt DESC, j.id DESC LIMIT $first`;
const JOBS = 20;

/** `total` calls of `fn` spread over `concurrency` closed-loop workers: latency samples and req/s. */
async function load(concurrency: number, total: number, fn: () => Promise<void>) {
  const samples: number[] = [];
  let left = total;
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const s = nowMs();
        await fn();
        samples.push(nowMs() - s);
      }
    }),
  );
  return { ...summarize(samples), rps: total / ((nowMs() - t0) / 1000) };
}

export const run: BenchSuite = async ({ quick }) => {
  const svc = await benchServices();
  // No actor: the seeded jobs stay QUEUED, so the page read is stable for the whole run.
  const stack = await launchStack({ natsUrl: svc.natsUrl, neo4jUri: svc.neo4jUri, actors: 0, env: { LOG_LEVEL: 'error' } });
  const rows: BenchRow[] = [];
  try {
    for (let i = 0; i < JOBS; i++) await gql(stack.url, SubmitPingDocument, { input: { samples: 1_000 } });
    const apiRead = async () => {
      const r = await gql(stack.url, MyJobsDocument, { first: JOBS });
      if (r.errors || r.data?.myJobs.nodes.length !== JOBS) throw new Error(`myJobs read failed: ${JSON.stringify(r.errors ?? r.data)}`);
    };
    const params = { ownerId: stack.defaultUserId, status: null, kind: null, first: neo4j.int(JOBS) };
    const cypherRead = async () => {
      const { records } = await stack.api.driver.executeQuery(CYPHER, params, { routing: 'READ' });
      if (records.length !== JOBS) throw new Error(`cypher read returned ${records.length}`);
    };
    const total = quick ? 100 : 600;
    for (const fn of [apiRead, cypherRead]) await load(4, 40, fn); // warm-up: JIT, plan cache, pools
    for (const c of [1, 8, 32]) {
      const api = await load(c, total, apiRead);
      const cy = await load(c, total, cypherRead);
      const setup = `${total} reads, ${c} closed-loop workers, loopback, myJobs(first: ${JOBS}) with JobFields`;
      const name = `myJobs page, concurrency ${c}`;
      rows.push({ suite: 'api', case: `${name} (API over HTTP)`, metric: 'p50', value: api.p50, unit: 'ms', setup });
      rows.push({ suite: 'api', case: `${name} (API over HTTP)`, metric: 'p99', value: api.p99, unit: 'ms' });
      rows.push({ suite: 'api', case: `${name} (API over HTTP)`, metric: 'throughput', value: api.rps, unit: 'req/s' });
      rows.push({ suite: 'api', case: `${name} (raw Cypher)`, metric: 'p50', value: cy.p50, unit: 'ms', setup: 'the same statement via neo4j-driver executeQuery' });
      rows.push({ suite: 'api', case: `${name} (raw Cypher)`, metric: 'p99', value: cy.p99, unit: 'ms' });
      rows.push({ suite: 'api', case: name, metric: 'overhead p50 (API / Cypher)', value: api.p50 / cy.p50, unit: 'x' });
    }
  } finally {
    await stack.stop();
    await svc.release();
  }
  return rows;
};
