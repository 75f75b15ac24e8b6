/**
 * Protocol conformance (issue 11): the GraphQL-over-HTTP audit of `graphql-http` against the
 * running API (zero MUST failures; SHOULD warnings are printed for the report), and the
 * graphql-transport-ws rules checked on a raw `ws` socket — the close codes are the protocol's
 * contract with every client library, so they are asserted byte for byte.
 */
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CancelJobDocument, SubmitPingDocument } from '../../client/__generated__/operations.js';
import { gql } from '../support/graphql-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

let stack: Stack;
let bearer: string;
beforeAll(async () => {
  stack = await startStack({ actors: 0 });
  bearer = `Bearer ${await stack.token(stack.defaultUserId, { roles: ['user', 'admin'] })}`;
});
afterAll(async () => stack?.stop());

describe('GraphQL over HTTP (graphql-http audit)', () => {
  it('has zero MUST failures', async () => {
    const withAuth: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), authorization: bearer } });
    const results = await auditServer({ url: stack.url, fetchFn: withAuth });
    const line = (r: (typeof results)[number]) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`;
    const warnings = results.filter((r) => r.status === 'warn').map(line);
    const errors = results.filter((r) => r.status === 'error').map(line);
    console.log(`[conformance] ${results.length} audits: ${results.filter((r) => r.status === 'ok').length} ok, ${warnings.length} SHOULD warnings, ${errors.length} MUST failures`);
    for (const w of warnings) console.log(`[conformance] warn ${w}`);
    expect(errors).toEqual([]);
  }, 60_000);
});

/** A raw graphql-transport-ws socket that records every message and the close code. */
function rawSocket(url: string) {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const opened = new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  const send = (m: unknown) => ws.send(JSON.stringify(m));
  return { ws, messages, closed, opened, send };
}
const within = <T>(p: Promise<T>, ms: number, what: string) => Promise.race([p, new Promise<never>((_, j) => setTimeout(() => j(new Error(`no ${what} within ${ms} ms`)), ms))]);
const SUB = 'subscription { myJobs { jobId type status } }';


describe('graphql-transport-ws', () => {
  it('closes 4408 when connection_init never arrives', async () => {
    const s = rawSocket(stack.wsUrl);
    await s.opened;
    expect(await within(s.closed, 15_000, 'close')).toBe(4408);
  }, 20_000);

  it('closes 4401 on subscribe before connection_init', async () => {
    const s = rawSocket(stack.wsUrl);
    await s.opened;
    s.send({ type: 'subscribe', id: '1', payload: { query: SUB } });
    expect(await within(s.closed, 5_000, 'close')).toBe(4401);
  });

  it('closes 4409 on a duplicate subscription id', async () => {
    const s = rawSocket(stack.wsUrl);
    await s.opened;
    s.send({ type: 'connection_init', payload: { authorization: bearer } });
    await waitFor(async () => s.messages.some((m) => m.type === 'connection_ack'), 'ack', 5_000, 20);
    s.send({ type: 'subscribe', id: 'dup', payload: { query: SUB } });
    s.send({ type: 'subscribe', id: 'dup', payload: { query: SUB } });
    expect(await within(s.closed, 5_000, 'close')).toBe(4409);
  });

  // Issue 11 report: the job subscriptions were `async function*` resolvers, whose return() queued behind
  // the pending next(), so the next event was still sent after the client's complete and the hub
  // listener (JetStream consumer / NATS subscription) lived until then. The hub counts prove the release.
  const connected = async () => {
    const s = rawSocket(stack.wsUrl);
    await s.opened;
    s.send({ type: 'connection_init', payload: { authorization: bearer } });
    await waitFor(async () => s.messages.some((m) => m.type === 'connection_ack'), 'ack', 5_000, 20);
    return s;
  };
  // No actor runs here, so a job stays QUEUED until cancelled.
  const queued = async () => (await gql(stack.url, SubmitPingDocument, { input: { samples: 1_000 } })).data!.submitPing.id;
  const eventType = (m: { type: string; payload?: unknown }) => (m.type === 'next' ? (m.payload as { data: { jobProgress: { type: string } } }).data.jobProgress.type : m.type);
  const progress = (jobId: string) => ({ query: 'subscription ($id: ID!) { jobProgress(jobId: $id) { jobId type status terminal } }', variables: { id: jobId } });

  it('stops a jobProgress subscription on the client `complete`, releases its listener, and keeps the socket open', async () => {
    const hub = stack.api.hub;
    const base = hub.activeJobs;
    const s = await connected();
    const [a, b] = [await queued(), await queued()];
    s.send({ type: 'subscribe', id: 'a', payload: progress(a) });
    s.send({ type: 'subscribe', id: 'b', payload: progress(b) });
    await waitFor(async () => ['a', 'b'].every((id) => s.messages.some((m) => m.type === 'next' && m.id === id)), `state events: ${JSON.stringify(s.messages)}`, 10_000, 20);
    expect(hub.activeJobs).toBe(base + 2);
    s.send({ type: 'complete', id: 'a' });
    // Released on the complete itself, while no event for 'a' exists yet (the bug waited for one).
    await waitFor(async () => hub.activeJobs === base + 1, `a's listener released (active jobs ${hub.activeJobs})`, 2_000, 10);
    const before = s.messages.filter((m) => m.id === 'a').length;
    await gql(stack.url, CancelJobDocument, { id: a });
    await gql(stack.url, CancelJobDocument, { id: b });
    // 'b' (still subscribed) gets its terminal event and server complete; 'a' gets nothing more.
    await waitFor(async () => s.messages.some((m) => m.type === 'complete' && m.id === 'b'), `b completes: ${JSON.stringify(s.messages)}`, 10_000, 20);
    expect(hub.activeJobs).toBe(base);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.messages.filter((m) => m.id === 'a').slice(before)).toEqual([]);
    expect(s.messages.filter((m) => m.id === 'b').map(eventType)).toEqual(['STATE', 'CANCELLED', 'complete']);
    // The socket still serves new operations: a fresh subscription to 'a' sends its CANCELLED state and completes.
    s.send({ type: 'subscribe', id: 'a2', payload: progress(a) });
    await waitFor(async () => s.messages.some((m) => m.type === 'complete' && m.id === 'a2'), `a2 completes: ${JSON.stringify(s.messages)}`, 10_000, 20);
    expect(s.messages.filter((m) => m.id === 'a2').map(eventType)).toEqual(['CANCELLED', 'complete']);
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    s.ws.close(1000);
  }, 30_000);

  it('stops a myJobs subscription on the client `complete` and releases its NATS subscription', async () => {
    const hub = stack.api.hub;
    const base = hub.activeOwnerListeners;
    const s = await connected();
    s.send({ type: 'subscribe', id: 'm', payload: { query: SUB } });
    s.send({ type: 'subscribe', id: 'n', payload: { query: SUB } });
    await waitFor(async () => hub.activeOwnerListeners === base + 2, `owner listeners attached (${hub.activeOwnerListeners})`, 5_000, 10);
    s.send({ type: 'complete', id: 'm' });
    await waitFor(async () => hub.activeOwnerListeners === base + 1, `m's owner listener released (${hub.activeOwnerListeners})`, 2_000, 10);
    const job = await queued();
    await gql(stack.url, CancelJobDocument, { id: job });
    // 'n' sees the cancellation; 'm' never sends anything.
    await waitFor(async () => s.messages.some((m) => m.type === 'next' && m.id === 'n'), `n's event: ${JSON.stringify(s.messages)}`, 10_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.messages.filter((m) => m.id === 'm')).toEqual([]);
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    // Closing the socket returns the remaining one.
    s.ws.close(1000);
    await waitFor(async () => hub.activeOwnerListeners === base, `owner listeners released on close (${hub.activeOwnerListeners})`, 5_000, 10);
  }, 30_000);
});
