/**
 * Job platform guarantees on real NATS JetStream + Neo4j (issue 7): idempotent submits under
 * concurrency, result cache and replay, cancellation in every state, retries with backoff and
 * dead-lettering, exactly-once completion when an actor is SIGKILLed mid-job, an API restart
 * during a job, and the myJobs query/subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelJobDocument, JobDocument, JobProgressDocument, MyJobEventsDocument, MyJobsDocument, ReplayJobDocument, SubmitPingDocument, type JobQuery } from '../../client/__generated__/operations.js';
import { collect, gql, wsClient } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

type StoredJob = NonNullable<JobQuery['job']>;

async function job(stack: Stack, id: string): Promise<StoredJob> {
  return (await gql(stack.url, JobDocument, { id })).data!.job!;
}
async function finished(stack: Stack, id: string, timeoutMs = 30_000): Promise<StoredJob> {
  return waitFor(async () => {
    const j = await job(stack, id);
    return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(j.status) ? j : null;
  }, `job ${id} to finish`, timeoutMs);
}
async function resultCount(stack: Stack, id: string): Promise<number> {
  const { records } = await stack.api.driver.executeQuery('MATCH (:Job {id: $id})-[:PRODUCED]->(r:JobResult) RETURN count(r) AS n', { id });
  return Number(records[0]!.get('n'));
}

describe('with one actor', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ actors: 1, env: { WEBHOOK_BACKOFF_MS: '200,400' } });
  });
  afterAll(async () => stack?.stop());

  it('concurrent submits with one idempotency key create exactly one job', async () => {
    const key = `k-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 12 }, () => gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 }, options: { idempotencyKey: key } })));
    const ids = new Set(results.map((r) => r.data?.submitPing.id));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(ids.size).toBe(1);
    const { records } = await stack.api.driver.executeQuery('MATCH (j:Job {idempotencyKey: $key}) RETURN count(j) AS n', { key });
    expect(records[0]!.get('n')).toBe(1);
    const done = await finished(stack, [...ids][0]!);
    expect(done.status).toBe('SUCCEEDED');
    expect(await resultCount(stack, done.id)).toBe(1);
    // The same key for a different spec is refused, naming the field.
    const clash = await gql(stack.url, SubmitPingDocument, { input: { samples: 20_000 }, options: { idempotencyKey: key } });
    expect(clash.errors?.[0]?.extensions?.field).toBe('options.idempotencyKey');
  });

  it('re-uses a finished result for an identical spec and explicit seed, unless noCache; replay reproduces it', async () => {
    const seed = 4242 + Math.floor(Math.random() * 1e6);
    const first = (await gql(stack.url, SubmitPingDocument, { input: { samples: 50_000 }, options: { seed } })).data!.submitPing;
    const a = await finished(stack, first.id);
    const cached = (await gql(stack.url, SubmitPingDocument, { input: { samples: 50_000 }, options: { seed } })).data!.submitPing;
    expect(cached.status).toBe('SUCCEEDED');
    expect(cached.cachedFrom).toBe(first.id);
    expect(cached.result).toEqual(a.result);
    const fresh = (await gql(stack.url, SubmitPingDocument, { input: { samples: 50_000 }, options: { seed, noCache: true } })).data!.submitPing;
    expect(fresh.status).toBe('QUEUED');
    expect((await finished(stack, fresh.id)).result).toEqual(a.result);
    const replay = (await gql(stack.url, ReplayJobDocument, { id: first.id })).data!.replayJob;
    expect(replay.replayOf).toBe(first.id);
    expect(replay.seed).toBe(seed);
    expect((await finished(stack, replay.id)).result).toEqual(a.result);
  });

  it('keeps the lifecycle history and retries retryable failures with backoff', async () => {
    const s = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000, failAttempts: 2 } })).data!.submitPing;
    const done = await finished(stack, s.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.attempt).toBe(3);
    expect(done.history.map((h) => h.status)).toEqual(['QUEUED', 'RUNNING', 'QUEUED', 'RUNNING', 'QUEUED', 'RUNNING', 'SUCCEEDED']);
    expect(done.history[2]!.note).toMatch(/injected DEPENDENCY_UNAVAILABLE/);
  });

  it('fails non-retryable errors at once and retryable ones after MAX_DELIVER, with the reason', async () => {
    const fatal = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000, failAttempts: 9, failType: 'INTERNAL' } })).data!.submitPing;
    const f = await finished(stack, fatal.id);
    expect(f.status).toBe('FAILED');
    expect(f.attempt).toBe(1);
    expect(f.error).toMatchObject({ type: 'INTERNAL', retryable: false });
    const exhausted = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000, failAttempts: 50 } })).data!.submitPing;
    const e = await finished(stack, exhausted.id, 60_000);
    expect(e.status).toBe('FAILED');
    expect(e.attempt).toBe(5); // MAX_DELIVER
    expect(e.error!.message).toMatch(/gave up after 5 attempts/);
  }, 90_000);

  it('cancelling a finished job changes nothing', async () => {
    const s = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 } })).data!.submitPing;
    await finished(stack, s.id);
    const c = await gql(stack.url, CancelJobDocument, { id: s.id });
    expect(c.data!.cancelJob.status).toBe('SUCCEEDED');
  });

  it('lists my jobs with keyset pagination and streams my job events', async () => {
    const client = wsClient(stack.wsUrl);
    const seen: string[] = [];
    const sub = collect(client, MyJobEventsDocument, {}, (e) => seen.push(`${e.myJobs.jobId}:${e.myJobs.type}`));
    await new Promise((r) => setTimeout(r, 300));
    const s = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 } })).data!.submitPing;
    await waitFor(async () => seen.includes(`${s.id}:COMPLETED`), 'myJobs COMPLETED event');
    await client.dispose();
    await sub.catch(() => {});
    const page1 = (await gql(stack.url, MyJobsDocument, { first: 2 })).data!.myJobs;
    expect(page1.nodes).toHaveLength(2);
    expect(page1.hasNextPage).toBe(true);
    expect(page1.nodes[0]!.id).toBe(s.id); // newest first
    const page2 = (await gql(stack.url, MyJobsDocument, { first: 2, after: page1.endCursor })).data!.myJobs;
    expect(page2.nodes.map((n) => n.id)).not.toContain(page1.nodes[0]!.id);
    const bad = await gql(stack.url, MyJobsDocument, { first: 2, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('without actors', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ actors: 0 });
  });
  afterAll(async () => stack?.stop());

  it('cancels a queued job at once and an actor started later never runs it', async () => {
    const s = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 } })).data!.submitPing;
    const c = (await gql(stack.url, CancelJobDocument, { id: s.id })).data!.cancelJob;
    expect(c.status).toBe('CANCELLED');
    const probe = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 } })).data!.submitPing;
    await stack.startActor();
    await finished(stack, probe.id); // the actor has drained the queue past the cancelled job
    const after = await job(stack, s.id);
    expect(after.status).toBe('CANCELLED');
    expect(after.history.map((h) => h.status)).toEqual(['QUEUED', 'CANCELLED']);
  });
});

describe('failures of processes', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Short ack wait so a killed actor's job is redelivered quickly.
    stack = await startStack({ actors: 0, env: { ACK_WAIT_MS: '2000' } });
  });
  afterAll(async () => stack?.stop());

  it('a job whose actor is SIGKILLed mid-run completes exactly once on another actor', async () => {
    const victim = await stack.startActor();
    const s = (await gql(stack.url, SubmitPingDocument, { input: { samples: 30_000_000, chunks: 300 } })).data!.submitPing;
    await waitFor(async () => (await job(stack, s.id)).progress, 'first progress');
    victim.kill('SIGKILL');
    await stack.startActor();
    const done = await finished(stack, s.id, 90_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.attempt).toBe(2);
    expect(done.history.filter((h) => h.status === 'RUNNING')).toHaveLength(2);
    expect(await resultCount(stack, s.id)).toBe(1);
  }, 120_000);

  it('a job keeps running and is readable after the API restarts; subscribers resume', async () => {
    const s = (await gql(stack.url, SubmitPingDocument, { input: { samples: 20_000_000, chunks: 200 } })).data!.submitPing;
    await waitFor(async () => (await job(stack, s.id)).status === 'RUNNING', 'RUNNING');
    await stack.restartApi();
    const client = wsClient(stack.wsUrl);
    const events = await collect(client, JobProgressDocument, { jobId: s.id });
    await client.dispose();
    expect(events.at(-1)!.jobProgress.type).toBe('COMPLETED');
    expect(events.filter((e) => e.jobProgress.terminal)).toHaveLength(1);
    expect((await job(stack, s.id)).status).toBe('SUCCEEDED');
  }, 90_000);
});
