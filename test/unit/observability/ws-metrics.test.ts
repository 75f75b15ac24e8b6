import type { ServerOptions } from 'graphql-ws';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LabelLimiter } from '../../../src/observability/bounded-label.js';
import { WsMetrics, operationOf } from '../../../src/observability/ws-metrics.js';
import { valueOf } from './metric-values.js';

type Opts = ServerOptions<Record<string, unknown>, unknown>;
type Ctx = Parameters<NonNullable<Opts['onConnect']>>[0];
const ctx = (subs: Record<string, unknown> = {}) => ({ subscriptions: subs, connectionParams: {}, extra: {} }) as unknown as Ctx;

describe('operationOf', () => {
  it('reads the type and name of the first operation', () => {
    expect(operationOf('subscription MyJobEvents { myJobs { jobId } }')).toEqual({ type: 'subscription', name: 'MyJobEvents' });
    expect(operationOf('# comment\n  query($id: ID!) { job(id: $id) { id } }')).toEqual({ type: 'query' });
    expect(operationOf('{ health { status } }')).toEqual({ type: 'query' });
    expect(operationOf('mutation Go{ a }')).toEqual({ type: 'mutation', name: 'Go' });
    expect(operationOf('fragment F on T { a }')).toEqual({ type: 'unknown' });
  });
});

describe('WsMetrics.instrument', () => {
  it('keeps the existing hooks and their answers, counts accepted connections and live subscriptions', async () => {
    const registry = new Registry();
    const ws = new WsMetrics(registry, new LabelLimiter(['JobProgress'], 0));
    const calls: string[] = [];
    const opts: Opts = {
      onConnect: (c) => (calls.push('connect'), (c.connectionParams as { ok?: boolean }).ok !== false),
      onClose: () => void calls.push('close'),
      onSubscribe: () => (calls.push('subscribe'), undefined),
    };
    const wrapped = ws.instrument(opts);
    const refused = { ...ctx(), connectionParams: { ok: false } } as unknown as Ctx;
    expect(await wrapped.onConnect!(refused)).toBe(false);
    const a = ctx({});
    const b = ctx({});
    expect(await wrapped.onConnect!(a)).toBe(true);
    expect(await wrapped.onConnect!(b)).toBe(true);
    (a.subscriptions as Record<string, unknown>)['1'] = null;
    (a.subscriptions as Record<string, unknown>)['2'] = null;
    (b.subscriptions as Record<string, unknown>)['1'] = null;
    await wrapped.onSubscribe!(a, '1', { query: 'subscription JobProgress($jobId: ID!) { jobProgress(jobId: $jobId) { type } }' });
    await wrapped.onSubscribe!(a, '2', { query: 'subscription Sneaky { myJobs { jobId } }' }); // unknown name, cap 0
    expect(await valueOf(registry, 'dfs_ws_connections')).toBe(2);
    expect(await valueOf(registry, 'dfs_ws_subscriptions')).toBe(3);
    expect(await valueOf(registry, 'dfs_ws_connections_total')).toBe(2);
    expect(await valueOf(registry, 'dfs_ws_operations_total', { operation_name: 'JobProgress', operation_type: 'subscription' })).toBe(1);
    expect(await valueOf(registry, 'dfs_ws_operations_total', { operation_name: 'other' })).toBe(1);
    await wrapped.onClose!(a, 1000, 'bye');
    await wrapped.onClose!(refused, 4403, 'refused'); // never counted, closing it changes nothing
    expect(await valueOf(registry, 'dfs_ws_connections')).toBe(1);
    expect(await valueOf(registry, 'dfs_ws_subscriptions')).toBe(1);
    expect(calls).toEqual(['connect', 'connect', 'connect', 'subscribe', 'subscribe', 'close', 'close']);
  });

  it('passes through the execution args an existing onSubscribe returns', async () => {
    const ws = new WsMetrics(new Registry(), new LabelLimiter());
    const args = { schema: {}, document: {} } as never;
    const wrapped = ws.instrument({ onSubscribe: () => args });
    expect(await wrapped.onSubscribe!(ctx(), '1', { query: '{ a }' })).toBe(args);
  });
});
