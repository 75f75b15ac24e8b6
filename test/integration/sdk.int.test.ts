/**
 * The typed SDK against a real stack: typed errors carry the GraphQL extensions.code, and
 * watchJob survives an API restart mid-job — it re-subscribes, resumes from the current state the
 * server sends first, and delivers exactly one terminal event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DfsApiError, DfsClient, DfsUnreachableError, type JobEvent } from '../../client/index.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
let dfs: DfsClient;

beforeAll(async () => {
  stack = await startStack({ actors: 1 });
  dfs = new DfsClient({ url: stack.url, token: await stack.token(stack.defaultUserId, { roles: ['user', 'admin'], ttlSeconds: 3600 }) });
}, 120_000);
afterAll(() => stack?.stop());

describe('DfsClient', () => {
  it('typed errors: a refused key is UNAUTHENTICATED with a hint; a dead URL is DfsUnreachableError', async () => {
    const bad = new DfsClient({ url: stack.url, apiKey: 'dfs_not-a-real-key' });
    const err = await bad.myJobs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DfsApiError);
    expect((err as DfsApiError).code).toBe('UNAUTHENTICATED');
    expect((err as DfsApiError).status).toBe(401);
    expect((err as DfsApiError).hint).toMatch(/^401: /);
    const dead = await new DfsClient({ url: 'http://127.0.0.1:59998/graphql' }).job('x').catch((e: unknown) => e);
    expect(dead).toBeInstanceOf(DfsUnreachableError);
    const missing = await dfs.portfolio('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    // Either null (no portfolio) or a typed NOT_FOUND, never an untyped error.
    if (missing !== null) expect((missing as DfsApiError).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it('watchJob reconnects after an API restart and resumes from the current state, one terminal event', async () => {
    const job = await dfs.submitPing({ chunks: 40, samples: 60_000_000 });
    const events: JobEvent[] = [];
    const reconnects: string[] = [];
    let restarted: Promise<void> | null = null;
    const last = await dfs.watchJob(
      job.id,
      (e) => {
        events.push(e);
        // Restart the API once the job is visibly running, so the stream is cut mid-job.
        if (!restarted && e.type === 'PROGRESS' && (e.progress?.fraction ?? 0) > 0) restarted = stack.restartApi();
      },
      { onReconnect: (_n, why) => reconnects.push(why) },
    );
    await restarted;
    expect(restarted).not.toBeNull();
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expect(last.terminal).toBe(true);
    expect(last.status).toBe('SUCCEEDED');
    expect(events.filter((e) => e.terminal)).toHaveLength(1);
    expect(events.at(-1)).toBe(last);
    // Each (re)subscription starts with the STATE snapshot: at least two of them, the second after
    // the restart, and the progress it carries is never behind what we had already seen.
    const states = events.map((e, i) => [e, i] as const).filter(([e]) => e.type === 'STATE');
    expect(states.length).toBeGreaterThanOrEqual(2);
    const [, second] = states[1]!;
    const before = Math.max(...events.slice(0, second).map((e) => e.progress?.fraction ?? 0));
    expect(events[second]!.status === 'SUCCEEDED' || (events[second]!.progress?.fraction ?? 0) >= before).toBe(true);
    expect((await dfs.job(job.id))?.status).toBe('SUCCEEDED');
  });
});
