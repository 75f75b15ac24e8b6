/**
 * Apollo Server plugin: RED metrics per GraphQL operation over HTTP (issue 9 §1).
 * Operation names pass through a LabelLimiter (known client operations always, at most N others,
 * then 'other'); error codes are limited to the public ErrorCode set plus Apollo's own.
 * Subscriptions run over graphql-ws, outside Apollo: ws-metrics.ts counts them.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import { ErrorCode } from '../errors.js';
import type { LabelLimiter } from './bounded-label.js';

/** Seconds: 5 ms .. 30 s. */
export const GRAPHQL_DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

/** An error without a code is what Apollo will answer as INTERNAL_SERVER_ERROR (codes are added after this hook). */
export const errorCodeLabel = (code: unknown): string => (code == null ? 'INTERNAL_SERVER_ERROR' : typeof code === 'string' && KNOWN_CODES.has(code) ? code : 'OTHER');

export class GraphqlMetrics {
  readonly duration: Histogram<'operation_name' | 'operation_type' | 'outcome'>;
  readonly errors: Counter<'operation_name' | 'code'>;

  constructor(
    registry: Registry,
    readonly names: LabelLimiter,
  ) {
    this.duration = new Histogram({
      name: 'dfs_graphql_operation_duration_seconds',
      help: 'GraphQL operations over HTTP by operation name (bounded), type and outcome; _count is the rate.',
      labelNames: ['operation_name', 'operation_type', 'outcome'],
      buckets: GRAPHQL_DURATION_BUCKETS_S,
      registers: [registry],
    });
    this.errors = new Counter({ name: 'dfs_graphql_errors_total', help: 'GraphQL errors by operation name (bounded) and extensions.code.', labelNames: ['operation_name', 'code'], registers: [registry] });
  }

  operationLabel(name: string | null | undefined): string {
    return name ? this.names.label(name) : 'anonymous';
  }

  plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async (rc) => {
        const t0 = process.hrtime.bigint();
        let name = this.operationLabel(rc.request.operationName);
        let type = 'unknown';
        return {
          didResolveOperation: async (ctx) => {
            name = this.operationLabel(ctx.operationName ?? ctx.request.operationName);
            type = ctx.operation?.operation ?? 'unknown';
          },
          didEncounterErrors: async (ctx) => {
            for (const e of ctx.errors) this.errors.inc({ operation_name: name, code: errorCodeLabel(e.extensions?.code) });
          },
          willSendResponse: async (ctx) => {
            const failed = (ctx.errors?.length ?? 0) > 0;
            this.duration.observe({ operation_name: name, operation_type: type, outcome: failed ? 'error' : 'success' }, Number(process.hrtime.bigint() - t0) / 1e9);
          },
        };
      },
    };
  }
}
