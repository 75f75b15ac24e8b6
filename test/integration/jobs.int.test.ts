/**
 * The foundation slice end to end on real Neo4j + NATS JetStream: submit → QUEUED in Neo4j →
 * JetStream → actor process → RUNNING → throttled progress → result in Neo4j → SUCCEEDED, watched
 * through a real graphql-ws subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelJobDocument, JobDocument, JobProgressDocument, SubmitPingDocument, type JobProgressSubscription } from '../../client/__generated__/operations.js';
import { collect, gql, wsClient } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ actors: 0 });
});
afterAll(async () => {
  await stack?.stop();
});

describe('readiness', () => {
  it('is 503 naming the engine while no actor is alive, 200 once one heartbeats', async () => {
    const down = await fetch(`${stack.base}/ready`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { failing: string[] };
    expect(body.failing).toEqual(['engine']);
    await stack.startActor();
    const up = await fetch(`${stack.base}/ready`);
    expect(up.status).toBe(200);
    // Each actor reports the kernel backend it resolved (ENGINE_BACKEND=auto: no GPU here → CPU reference).
    const checks = ((await up.json()) as { checks: { name: string; info?: { actors: { backend: string; backendInfo: { name: string; device: string } }[] } }[] }).checks;
    const actors = checks.find((c) => c.name === 'engine')!.info!.actors;
    expect(actors[0]).toMatchObject({ backend: 'cpu/js-typed-arrays', backendInfo: { name: 'cpu', device: 'js-typed-arrays' } });
    expect(((await fetch(`${stack.base}/health`)).status)).toBe(200);
  });
});

describe('ping job end to end', () => {
  it('streams current state, throttled progress and exactly one terminal event, and stores the result', async () => {
    const submitted = await gql(stack.url, SubmitPingDocument, { input: { samples: 4_000_000, chunks: 200 }, options: { seed: 12345, noCache: true } });
    expect(submitted.errors).toBeUndefined();
    const job = submitted.data!.submitPing;
    expect(job.status).toBe('QUEUED');
    expect(job.seed).toBe(12345);

    const client = wsClient(stack.wsUrl);
    const events = await collect(client, JobProgressDocument, { jobId: job.id });
    await client.dispose();
    const types = events.map((e: JobProgressSubscription) => e.jobProgress.type);
    expect(['STATE', 'STARTED', 'PROGRESS', 'COMPLETED']).toContain(types[0]);
    const terminal = events.filter((e) => e.jobProgress.terminal);
    expect(terminal).toHaveLength(1);
    expect(events.at(-1)!.jobProgress.type).toBe('COMPLETED');
    const fractions = events.filter((e) => e.jobProgress.type === 'PROGRESS').map((e) => e.jobProgress.progress!.fraction);
    // 200 chunks but progress is throttled to >= 2.5% steps: at most ~41 progress events.
    expect(fractions.length).toBeLessThanOrEqual(42);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);

    const read = await gql(stack.url, JobDocument, { id: job.id });
    const stored = read.data!.job!;
    expect(stored.status).toBe('SUCCEEDED');
    expect(stored.attempt).toBe(1);
    expect(stored.backend).toBe('cpu/js-typed-arrays');
    const result = stored.result as { estimate: number; standardError: number; samples: number };
    expect(result.samples).toBe(4_000_000);
    expect(Math.abs(result.estimate - Math.PI)).toBeLessThan(5 * result.standardError);
  });

  it('is reproducible from the stored seed', async () => {
    const run = async () => {
      const s = await gql(stack.url, SubmitPingDocument, { input: { samples: 200_000 }, options: { seed: 777, noCache: true } });
      const id = s.data!.submitPing.id;
      const client = wsClient(stack.wsUrl);
      await collect(client, JobProgressDocument, { jobId: id });
      await client.dispose();
      return (await gql(stack.url, JobDocument, { id })).data!.job!.result as { estimate: number };
    };
    const [a, b] = [await run(), await run()];
    expect(a.estimate).toBe(b.estimate);
  });

  it('a late subscriber to a finished job gets one terminal event and completes', async () => {
    const s = await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 } });
    const id = s.data!.submitPing.id;
    const c1 = wsClient(stack.wsUrl);
    await collect(c1, JobProgressDocument, { jobId: id });
    await c1.dispose();
    const c2 = wsClient(stack.wsUrl);
    const late = await collect(c2, JobProgressDocument, { jobId: id });
    await c2.dispose();
    expect(late).toHaveLength(1);
    expect(late[0]!.jobProgress).toMatchObject({ type: 'COMPLETED', status: 'SUCCEEDED', terminal: true });
  });

  it('cancels a running job within a progress step', async () => {
    const s = await gql(stack.url, SubmitPingDocument, { input: { samples: 1_000_000_000, chunks: 10_000 } });
    const id = s.data!.submitPing.id;
    const client = wsClient(stack.wsUrl);
    let cancelled = false;
    const events = await collect(client, JobProgressDocument, { jobId: id }, (e) => {
      if (!cancelled && e.jobProgress.type === 'PROGRESS') {
        cancelled = true;
        void gql(stack.url, CancelJobDocument, { id });
      }
    });
    await client.dispose();
    expect(events.at(-1)!.jobProgress).toMatchObject({ type: 'CANCELLED', status: 'CANCELLED', terminal: true });
    expect((await gql(stack.url, JobDocument, { id })).data!.job!.status).toBe('CANCELLED');
  });
});

describe('bad input', () => {
  it('unknown job id → NOT_FOUND', async () => {
    const r = await gql(stack.url, JobDocument, { id: 'no-such-job' });
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('invalid spec → BAD_USER_INPUT naming the field, and no job is created', async () => {
    const r = await gql(stack.url, SubmitPingDocument, { input: { samples: 5 } });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.field).toBe('input.spec.samples');
    expect(r.errors?.[0]?.message).toMatch(/samples/);
    const { records } = await stack.api.driver.executeQuery('MATCH (j:Job) WHERE j.spec CONTAINS \'"samples":5}\' RETURN count(j) AS n');
    expect(records[0]!.get('n')).toBe(0);
  });

  it('malformed GraphQL → HTTP 400 with GRAPHQL_PARSE_FAILED', async () => {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ job(id: ' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});
