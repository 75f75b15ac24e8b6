/**
 * Apollo Server plugins of the security layer: the cost limit (needs the variables, so it runs
 * after the operation is resolved, before execution) and the Retry-After header for
 * RATE_LIMITED responses.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { estimateCost } from './query-cost.js';
import { queryLimitError } from './query-limits.js';

export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const cost = estimateCost(schema, document, operationName, request.variables ?? {});
          if (cost > maxCost) throw queryLimitError('cost', maxCost, cost);
        },
      };
    },
  };
}

/** RATE_LIMITED errors carry `retryAfter` (s); HTTP clients also get the standard header. */
export function retryAfterPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const waits = (response.body.singleResult.errors ?? []).filter((e) => e.extensions?.code === ErrorCode.RATE_LIMITED).map((e) => Number(e.extensions?.retryAfter ?? 1));
          if (waits.length) response.http.headers.set('retry-after', String(Math.max(...waits)));
        },
      };
    },
  };
}
