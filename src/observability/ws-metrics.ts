/**
 * WebSocket (graphql-ws) metrics: open connections, active subscriptions, operations started.
 *
 * `instrument(options)` wraps the server options and calls the existing hooks unchanged (auth in
 * onConnect keeps working; a refused connection is never counted). Gauges are computed on scrape
 * from the live connection contexts graphql-ws maintains (`ctx.subscriptions`), so there is no
 * inc/dec bookkeeping to drift when a socket dies mid-subscription.
 */
import type { ServerOptions } from 'graphql-ws';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { LabelLimiter } from './bounded-label.js';

interface LiveContext {
  readonly subscriptions: Readonly<Record<string, unknown>>;
}

/**
 * Type and name of the first operation of a GraphQL document (comments skipped), for clients
 * that do not send `operationName`. Example: `subscription MyJobEvents { ... }` →
 * { type: 'subscription', name: 'MyJobEvents' }; `{ health { status } }` → { type: 'query' }.
 */
export function operationOf(query: string): { type: 'query' | 'mutation' | 'subscription' | 'unknown'; name?: string } {
  const m = /^(?:\s|,|#[^\n]*(?:\n|$))*(?:(query|mutation|subscription)\b\s*([A-Za-z_][A-Za-z0-9_]*)?|(\{))/.exec(query);
  if (!m) return { type: 'unknown' };
  if (m[3]) return { type: 'query' };
  return { type: m[1] as 'query' | 'mutation' | 'subscription', ...(m[2] ? { name: m[2] } : {}) };
}

export class WsMetrics {
  private readonly live = new Set<LiveContext>();
  private readonly accepted: Counter;
  private readonly operations: Counter<'operation_name' | 'operation_type'>;

  constructor(
    registry: Registry,
    private readonly names: LabelLimiter,
  ) {
    const live = this.live;
    new Gauge({
      name: 'dfs_ws_connections',
      help: 'Open graphql-ws connections (acknowledged).',
      registers: [registry],
      collect() {
        this.set(live.size);
      },
    });
    new Gauge({
      name: 'dfs_ws_subscriptions',
      help: 'Operations active on graphql-ws connections (subscriptions, in practice).',
      registers: [registry],
      collect() {
        let n = 0;
        for (const c of live) n += Object.keys(c.subscriptions).length;
        this.set(n);
      },
    });
    this.accepted = new Counter({ name: 'dfs_ws_connections_total', help: 'graphql-ws connections accepted.', registers: [registry] });
    this.operations = new Counter({ name: 'dfs_ws_operations_total', help: 'Operations started over graphql-ws by operation name (bounded) and type.', labelNames: ['operation_name', 'operation_type'], registers: [registry] });
  }

  /** The same options with counting hooks around the existing ones. */
  instrument<P extends Record<string, unknown> | undefined, E>(opts: ServerOptions<P, E>): ServerOptions<P, E> {
    return {
      ...opts,
      onConnect: async (ctx) => {
        const verdict = await opts.onConnect?.(ctx);
        if (verdict !== false) {
          this.live.add(ctx);
          this.accepted.inc();
        }
        return verdict;
      },
      onClose: async (ctx, code, reason) => {
        this.live.delete(ctx);
        await opts.onClose?.(ctx, code, reason);
      },
      onSubscribe: async (ctx, id, payload) => {
        const op = operationOf(payload.query);
        const name = payload.operationName ?? op.name;
        this.operations.inc({ operation_name: name ? this.names.label(name) : 'anonymous', operation_type: op.type });
        return opts.onSubscribe?.(ctx, id, payload);
      },
    };
  }
}
