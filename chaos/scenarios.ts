/**
 * Chaos scenarios (issue 11) on real processes over loopback: each launches its own stack, breaks
 * one thing, and returns counts plus every violated guarantee (an empty list = the guarantee held).
 * Shared by `npm run chaos` (full counts) and test/integration/chaos-platform.int.test.ts (small).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobDocument, JobProgressDocument, MyJobsDocument, SubmitPingDocument } from '../client/__generated__/operations.js';
import { ensureNeo4j } from '../scripts/local-services.js';
import { collect, gql, wsClient } from '../test/support/graphql-client.js';
import { privateNats } from '../test/support/nats-server.js';
import { launchStack, type Stack } from '../test/support/stack-core.js';
import { waitFor } from '../test/support/wait.js';

export interface ChaosServices {
  readonly natsUrl: string;
  readonly neo4jUri: string;
}
export interface ChaosReport {
  readonly scenario: string;
  readonly counts: Record<string, number>;
  readonly violations: string[];
}

const QUIET = { LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'fatal' };
const ping = async (stack: Stack, samples: number, chunks: number) => (await gql(stack.url, SubmitPingDocument, { input: { samples, chunks } })).data!.submitPing.id;
const status = async (stack: Stack, id: string) => (await gql(stack.url, JobDocument, { id })).data?.job;

/** Every job SUCCEEDED with exactly one JobResult; violations name the job. */
async function exactlyOnce(stack: Stack, ids: readonly string[], timeoutMs: number): Promise<string[]> {
  const violations: string[] = [];
  await waitFor(async () => {
    const { records } = await stack.api.driver.executeQuery(`MATCH (j:Job) WHERE j.id IN $ids AND j.status IN ['SUCCEEDED','FAILED','CANCELLED'] RETURN count(j) AS n`, { ids });
    return Number(records[0]!.get('n')) === ids.length;
  }, `${ids.length} jobs to finish`, timeoutMs, 250).catch((e: Error) => violations.push(e.message));
  const { records } = await stack.api.driver.executeQuery('MATCH (j:Job) WHERE j.id IN $ids OPTIONAL MATCH (j)-[:PRODUCED]->(r:JobResult) RETURN j.id AS id, j.status AS status, count(r) AS results', { ids });
  for (const r of records) if (r.get('status') !== 'SUCCEEDED' || Number(r.get('results')) !== 1) violations.push(`job ${r.get('id')}: ${r.get('status')} with ${r.get('results')} results`);
  if (records.length !== ids.length) violations.push(`${ids.length - records.length} jobs missing from the graph`);
  return violations;
}

/** SIGKILL an actor mid-job `kills` times; each killed job is redelivered and finishes once. */
export async function killActorsMidJob(svc: ChaosServices, kills: number): Promise<ChaosReport> {
  const stack = await launchStack({ ...svc, actors: 0, env: { ...QUIET, ACK_WAIT_MS: '2000' } });
  const ids: string[] = [];
  let killed = 0;
  try {
    for (let i = 0; i < kills; i++) {
      const victim = await stack.startActor();
      const id = await ping(stack, 10_000_000, 100);
      ids.push(id);
      await waitFor(async () => (await status(stack, id))?.progress, `progress of ${id}`, 60_000, 50);
      victim.kill('SIGKILL');
      killed++;
    }
    await stack.startActor();
    const violations = await exactlyOnce(stack, ids, 60_000 + kills * 10_000);
    const { records } = await stack.api.driver.executeQuery('MATCH (j:Job) WHERE j.id IN $ids RETURN sum(j.attempt) AS attempts', { ids });
    return { scenario: 'SIGKILL actor mid-job', counts: { kills: killed, jobs: ids.length, attempts: Number(records[0]!.get('attempts')) }, violations };
  } finally {
    await stack.stop();
  }
}

/** Restart the API while subscribers watch running jobs: each re-subscribes and sees one terminal event. */
export async function restartApiWithSubscribers(svc: ChaosServices, subscribers: number): Promise<ChaosReport> {
  const stack = await launchStack({ ...svc, actors: 1, env: { ...QUIET, ACTOR_CONCURRENCY: '2' } });
  const violations: string[] = [];
  let reconnects = 0;
  try {
    const ids = [await ping(stack, 20_000_000, 200), await ping(stack, 20_000_000, 200)];
    await waitFor(async () => (await status(stack, ids[0]!))?.status === 'RUNNING', 'RUNNING', 60_000);
    const watchers = Array.from({ length: subscribers }, async (_, k) => {
      const jobId = ids[k % ids.length]!;
      for (let attempt = 0; attempt < 20; attempt++) {
        const client = wsClient(stack.wsUrl);
        try {
          const events = await collect(client, JobProgressDocument, { jobId });
          const terminal = events.filter((e) => e.jobProgress.terminal);
          if (terminal.length !== 1 || terminal[0]!.jobProgress.type !== 'COMPLETED') violations.push(`subscriber ${k}: ${terminal.length} terminal events`);
          return;
        } catch {
          reconnects++; // closed by the restart (1001) or refused while it was down: resume
          await new Promise((r) => setTimeout(r, 250));
        } finally {
          void client.dispose();
        }
      }
      violations.push(`subscriber ${k} never resumed`);
    });
    await new Promise((r) => setTimeout(r, 500));
    await stack.restartApi();
    await Promise.all(watchers);
    violations.push(...(await exactlyOnce(stack, ids, 60_000)));
    return { scenario: 'API restart with subscribers', counts: { subscribers, reconnects, jobs: ids.length }, violations };
  } finally {
    await stack.stop();
  }
}

/** Stop and restart a private NATS with `jobs` queued: none is lost, each finishes once. */
export async function restartNatsWithQueuedJobs(svc: ChaosServices, jobs: number): Promise<ChaosReport> {
  const nats = await privateNats();
  const stack = await launchStack({ neo4jUri: svc.neo4jUri, natsUrl: nats.url, actors: 0, env: QUIET });
  try {
    const ids: string[] = [];
    for (let i = 0; i < jobs; i++) ids.push(await ping(stack, 20_000, 4));
    await nats.stop();
    await new Promise((r) => setTimeout(r, 500));
    await nats.start();
    const t0 = Date.now();
    await waitFor(async () => ((await (await fetch(`${stack.base}/ready`)).json()) as { checks: { name: string; ok: boolean }[] }).checks.find((c) => c.name === 'nats')?.ok, 'nats ready', 30_000);
    const reconnectMs = Date.now() - t0;
    await stack.startActor();
    const violations = await exactlyOnce(stack, ids, 60_000 + jobs * 2_000);
    return { scenario: 'NATS restart with queued jobs', counts: { jobs, reconnectMs }, violations };
  } finally {
    await stack.stop();
    await nats.dispose();
  }
}

/** Stop a private Neo4j: /ready 503 naming neo4j, GraphQL UNAVAILABLE; recovery without an API restart. */
export async function stopNeo4j(svc: ChaosServices): Promise<ChaosReport> {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-neo4j-'));
  let neo = await ensureNeo4j({ boltPort: 0, dataDir: dir });
  const port = Number(new URL(neo.uri.replace(/^bolt/, 'http')).port);
  const stack = await launchStack({ natsUrl: svc.natsUrl, neo4jUri: neo.uri, actors: 0, env: QUIET });
  const violations: string[] = [];
  const neo4jCheck = async () => {
    const res = await fetch(`${stack.base}/ready`);
    const body = (await res.json()) as { failing: string[] };
    return { status: res.status, neo4jFailing: body.failing.includes('neo4j') };
  };
  const codes = new Map<string, number>();
  try {
    if ((await gql(stack.url, MyJobsDocument, { first: 1 })).errors) violations.push('myJobs failed before the outage');
    await neo.stop();
    const down = await waitFor(async () => ((await neo4jCheck()).neo4jFailing ? neo4jCheck() : null), '/ready to name neo4j', 30_000);
    if (down.status !== 503) violations.push(`/ready answered ${down.status} with Neo4j down`);
    // Raw fetch with a deadline: a request that hangs while Neo4j is down is a violation too.
    // (The driver retries ServiceUnavailable for maxTransactionRetryTime, 30 s by default, before
    // the API can answer UNAVAILABLE — slowestDownMs shows it.) Concurrent, so the wait is paid once.
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await stack.token(stack.defaultUserId, { roles: ['user', 'admin'] })}` };
    const query = JSON.stringify({ query: '{ myJobs(first: 1) { nodes { id } } }' });
    let slowestMs = 0;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const t = Date.now();
        const res = await fetch(stack.url, { method: 'POST', headers, body: query, signal: AbortSignal.timeout(120_000) }).catch((e: Error) => e);
        slowestMs = Math.max(slowestMs, Date.now() - t);
        const body = res instanceof Error ? null : ((await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> });
        const code = res instanceof Error ? `no answer (${res.name})` : String(body?.errors?.[0]?.extensions?.code ?? `no error (HTTP ${res.status})`);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code !== 'UNAVAILABLE') violations.push(`myJobs with Neo4j down: ${code} ${body?.errors?.[0]?.message ?? ''}`);
      }),
    );
    const t0 = Date.now();
    neo = await ensureNeo4j({ boltPort: port, dataDir: dir });
    await waitFor(async () => !(await neo4jCheck()).neo4jFailing && !(await gql(stack.url, MyJobsDocument, { first: 1 })).errors, 'recovery', 60_000, 250).catch((e: Error) => violations.push(e.message));
    return { scenario: 'Neo4j stop/start', counts: { unavailableAnswers: codes.get('UNAVAILABLE') ?? 0, slowestDownMs: slowestMs, recoveryMs: Date.now() - t0 }, violations };
  } finally {
    await stack.stop();
    await neo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
