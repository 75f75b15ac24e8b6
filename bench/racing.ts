/**
 * Racing graph benchmark (issue 3):
 *  1. import of 10 Cup seasons (2015–2024 of the shared combined table) in ONE GraphQL
 *     importResults call: wall time and rows/s, then the same file again (idempotent no-op);
 *  2. the slate-with-drivers-and-salaries read (client/operations/racing.graphql
 *     SlateWithSalaries, the real 37-driver Bristol 2026 DraftKings slate): p50/p99 at
 *     concurrency 1 and 32 for (a) one hand-written Cypher statement through neo4j-driver,
 *     (b) the @neo4j/graphql schema executed in process, (c) the full API over HTTP (auth,
 *     permissions, limits included); the overhead ratios against (a) are the figures.
 * Real API in process (port 0), real NATS and Neo4j (NEO4J_URI, else a throw-away local one).
 *
 *   npx tsx -e "import('./bench/racing.ts').then(m=>m.run({quick:false})).then(r=>console.table(r))"
 */
import { graphql, print } from 'graphql';
import { ImportDkSalariesDocument, ImportResultsDocument, SlateWithSalariesDocument } from '../client/__generated__/operations.js';
import { BRISTOL_2026, bristolDkSalariesCsv, realResultsCsv } from '../scripts/seed-sources.js';
import { buildSchema } from '../src/graphql/schema.js';
import { createLogger } from '../src/logger.js';
import { gql } from '../test/support/graphql-client.js';
import { launchStack } from '../test/support/stack-core.js';
import { countStatements } from '../test/support/statement-counter.js';
import { benchServices } from './support/services.js';
import { nowMs, summarize } from './support/stats.js';
import type { BenchRow, BenchSuite } from './types.js';

const SLATE = 'dk-cup-2026-08';

/** The same read as SlateWithSalaries, written by hand: one statement. */
const HAND_CYPHER = `
MATCH (s:Slate {id: $id})
OPTIONAL MATCH (s)-[:FOR]->(r:Race)
OPTIONAL MATCH (r)-[:AT]->(t:Track)
CALL (s) {
  MATCH (d:Driver)-[p:PRICED]->(s)
  WITH d, p ORDER BY p.salary DESC
  RETURN collect({properties: {salary: p.salary, siteId: p.siteId}, node: {id: d.id, name: d.name}}) AS edges
}
RETURN s {.id, .site, .salaryCap, .rosterSize, lockTime: toString(s.lockTime), .name,
          race: r {.id, date: toString(r.date), .laps, .name, track: t {.id, .name, .type}},
          driversConnection: {totalCount: size(edges), edges: edges}} AS slate`;

/** Runs `total` calls of `fn` with `concurrency` in flight; returns each call's latency (ms) and the wall time. */
async function load(fn: () => Promise<unknown>, concurrency: number, total: number): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const s = nowMs();
        await fn();
        latencies.push(nowMs() - s);
      }
    }),
  );
  return { latencies, wallMs: nowMs() - t0 };
}

export const run: BenchSuite = async ({ quick }) => {
  const svc = await benchServices();
  const stack = await launchStack({ natsUrl: svc.natsUrl, neo4jUri: svc.neo4jUri, actors: 0, env: { LOG_LEVEL: 'error', MAX_BODY_BYTES: String(16 * 1024 * 1024), REQUEST_TIMEOUT_MS: '600000', RATE_LIMIT_ENABLED: 'false' } });
  const rows: BenchRow[] = [];
  try {
    // 1. Import.
    const seasons = quick ? [2024] : [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
    const csv = realResultsCsv(seasons);
    const lines = csv.split('\n').length - 1;
    const { records } = await stack.api.driver.executeQuery('MATCH (r:Race) WHERE r.season IN $s RETURN count(r) AS n', { s: seasons });
    const preexisting = Number(records[0]!.get('n'));
    const label = `${seasons.length} seasons ${seasons[0]}–${seasons.at(-1)} (${lines.toLocaleString('en')} rows, ${(csv.length / 1048576).toFixed(1)} MB), one importResults call`;
    const setup = `real API over HTTP, strict mode, ${preexisting ? `graph already held ${preexisting} of these races` : 'empty racing graph'}; Neo4j ${svc.neo4jUri}`;
    for (const pass of quick ? (['first import'] as const) : (['first import', 're-import (no changes)'] as const)) {
      const t0 = nowMs();
      const r = await gql(stack.url, ImportResultsDocument, { input: { csv } });
      const s = (nowMs() - t0) / 1000;
      if (r.errors) throw new Error(`import failed: ${r.errors[0]!.message}`);
      const rep = r.data!.importResults;
      const c = `${pass}: ${label}`;
      rows.push({ suite: 'racing', case: c, metric: 'wall', value: s, unit: 's', setup: `${setup}; ${rep.batches} transactions, +${rep.nodesCreated} nodes, +${rep.relationshipsCreated} rels, ${rep.updated} updated` });
      rows.push({ suite: 'racing', case: c, metric: 'rows/s', value: rep.accepted / s, unit: '/s', target: '>= 1000 /s', pass: rep.accepted / s >= 1000, setup });
    }

    // 2. The slate read.
    const dk = await gql(stack.url, ImportDkSalariesDocument, { input: { csv: bristolDkSalariesCsv(), race: { ...BRISTOL_2026 } } });
    if (dk.errors) throw new Error(`slate import failed: ${dk.errors[0]!.message}`);
    const counter = countStatements(stack.api.driver);
    const schema = await buildSchema({ version: 'bench', startedAt: 0, driver: counter.driver, database: 'neo4j' });
    const context = () => ({ viewer: { id: 'bench', roles: ['user'] }, services: {}, log: createLogger({ level: 'silent', name: 'bench' }), requestId: 'bench' });
    const source = print(SlateWithSalariesDocument);
    const variants: Record<string, () => Promise<unknown>> = {
      'hand-written Cypher (neo4j-driver)': async () => {
        const res = await stack.api.driver.executeQuery(HAND_CYPHER, { id: SLATE }, { routing: 'READ' });
        if (!res.records[0]) throw new Error('no slate');
      },
      '@neo4j/graphql schema in process': async () => {
        const res = await graphql({ schema, source, variableValues: { id: SLATE }, contextValue: context() });
        if (res.errors) throw new Error(res.errors[0]!.message);
      },
      'full API over HTTP': async () => {
        const res = await gql(stack.url, SlateWithSalariesDocument, { id: SLATE });
        if (res.errors || !res.data?.slate) throw new Error(res.errors?.[0]?.message ?? 'no slate');
      },
    };
    counter.reset();
    await variants['@neo4j/graphql schema in process']!(); // also warms the library's version probe
    counter.reset();
    await variants['@neo4j/graphql schema in process']!();
    rows.push({ suite: 'racing', case: 'slate query: Cypher statements per GraphQL request', metric: 'statements', value: counter.statements.length, unit: '', target: '1', pass: counter.statements.length === 1, setup: '37 drivers with salaries, race, track' });

    const warm = quick ? 5 : 100;
    const setupQ = (c: number, n: number) => `${SLATE} (37 drivers), ${n} requests at concurrency ${c} after ${warm} warm-up, one API process, 2-core machine`;
    for (const c of [1, 32]) {
      const n = quick ? (c === 1 ? 10 : 32) : c === 1 ? 500 : 3000;
      const p50: Record<string, number> = {};
      const p99: Record<string, number> = {};
      for (const [name, fn] of Object.entries(variants)) {
        await load(fn, Math.min(c, 8), warm);
        const { latencies, wallMs } = await load(fn, c, n);
        const s = summarize(latencies);
        p50[name] = s.p50;
        p99[name] = s.p99;
        rows.push({ suite: 'racing', case: `slate query, c=${c}: ${name}`, metric: 'p50', value: s.p50, unit: 'ms', setup: setupQ(c, n) });
        rows.push({ suite: 'racing', case: `slate query, c=${c}: ${name}`, metric: 'p99', value: s.p99, unit: 'ms', setup: setupQ(c, n) });
        rows.push({ suite: 'racing', case: `slate query, c=${c}: ${name}`, metric: 'throughput', value: n / (wallMs / 1000), unit: 'req/s', setup: setupQ(c, n) });
      }
      const base = 'hand-written Cypher (neo4j-driver)';
      for (const name of Object.keys(variants).filter((v) => v !== base)) {
        rows.push({ suite: 'racing', case: `slate query, c=${c}: ${name} / hand-written Cypher`, metric: 'p50 ratio', value: p50[name]! / p50[base]!, unit: 'x', setup: setupQ(c, n) });
        rows.push({ suite: 'racing', case: `slate query, c=${c}: ${name} / hand-written Cypher`, metric: 'p99 ratio', value: p99[name]! / p99[base]!, unit: 'x', setup: setupQ(c, n) });
      }
    }
    return rows;
  } finally {
    await stack.stop();
    await svc.release();
  }
};
