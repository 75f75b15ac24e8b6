/**
 * One trace from the caller to the worker to Neo4j (issue 9 §2), on a real platform: the API runs
 * in this process with the real SDK (spans to memory, auto-instrumented http + graphql); the actor
 * is a separate process exporting OTLP/HTTP to a receiver the test runs on loopback. The caller
 * sends a W3C `traceparent`; every span — API HTTP/GraphQL/publish/Neo4j and actor job/Neo4j —
 * must carry that trace id, with the actor's job span a child of the API's publish span.
 */
import { apiSpans } from './observability-trace-setup.js'; // first: tracing before http/graphql load
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobDocument, SubmitPingDocument } from '../../client/__generated__/operations.js';
import { gql } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';
import { startOtlpReceiver } from './observability-support.js';

let stack: Stack;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let auth: Record<string, string>; // passing headers replaces the stack's default credentials

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startStack({ actors: 0 });
  await stack.startActor({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
  auth = { authorization: `Bearer ${await stack.token(stack.defaultUserId, { roles: ['user', 'admin'] })}` };
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

it('a traceparent sent with the mutation continues through JetStream into the actor and its Neo4j writes', async () => {
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const submitted = await gql(stack.url, SubmitPingDocument, { input: { samples: 20_000 } }, { ...auth, traceparent: `00-${traceId}-${callerSpanId}-01` });
  expect(submitted.errors).toBeUndefined();
  const jobId = submitted.data!.submitPing.id;
  await waitFor(async () => (await gql(stack.url, JobDocument, { id: jobId })).data?.job?.status === 'SUCCEEDED', 'the job to succeed');

  // API side (in memory): HTTP server span ← caller; GraphQL execution; Neo4j; publish.
  const api = apiSpans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const httpServer = api.find((s) => s.kind === SpanKind.SERVER);
  expect(httpServer?.parentSpanContext?.spanId).toBe(callerSpanId);
  expect(api.some((s) => s.name === 'mutation SubmitPing')).toBe(true);
  expect(api.some((s) => s.kind === SpanKind.CLIENT && s.attributes['db.system.name'] === 'neo4j')).toBe(true);
  const publish = api.find((s) => s.kind === SpanKind.PRODUCER && s.attributes['job.id'] === jobId);
  expect(publish, 'the publish span of the job').toBeDefined();

  // Actor side (OTLP from the other process): the job span is the publish span's child.
  const job = await waitFor(async () => receiver.spans.find((s) => s.name === 'job ping' && s.attributes['job.id'] === jobId), 'the actor job span', 15_000);
  expect(job.service).toBe('nascar-dfs-engine');
  expect(job.traceId).toBe(traceId);
  expect(job.parentSpanId).toBe(publish!.spanContext().spanId);
  expect(job.attributes['job.outcome']).toBe('succeeded');
  // Its Neo4j calls (QUEUED→RUNNING, result + SUCCEEDED) are its children, in the same trace.
  const writes = receiver.spans.filter((s) => s.parentSpanId === job.spanId && s.attributes['db.system.name'] === 'neo4j');
  expect(writes.length).toBeGreaterThanOrEqual(2);
  expect(writes.every((s) => s.traceId === traceId)).toBe(true);
  expect(writes.some((s) => String(s.attributes['db.query.text']).includes("SET j.status = 'SUCCEEDED'"))).toBe(true);
});

