import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelLimiter } from '../../../src/observability/bounded-label.js';
import { GraphqlMetrics, errorCodeLabel } from '../../../src/observability/graphql-metrics-plugin.js';
import { valueOf } from './metric-values.js';

const typeDefs = 'type Query { ok: Int, boom: Int, notFound: Int }';
const resolvers = {
  Query: {
    ok: () => 1,
    boom: () => {
      throw new Error('kaput');
    },
    notFound: () => {
      throw new GraphQLError('no such thing', { extensions: { code: 'NOT_FOUND' } });
    },
  },
};

let registry: Registry;
let server: ApolloServer;
beforeAll(async () => {
  registry = new Registry();
  const metrics = new GraphqlMetrics(registry, new LabelLimiter(['Known'], 1));
  server = new ApolloServer({ typeDefs, resolvers, plugins: [metrics.plugin()] });
  await server.start();
});
afterAll(async () => server?.stop());

const run = (query: string, operationName?: string) => server.executeOperation({ query, ...(operationName ? { operationName } : {}) });

describe('GraphQL RED plugin (a real Apollo request pipeline)', () => {
  it('times each operation under its name, type and outcome', async () => {
    await run('query Known { ok }');
    await run('query Known { ok }');
    await run('query Known { boom }');
    await run('{ ok }');
    expect(await valueOf(registry, 'dfs_graphql_operation_duration_seconds_count', { operation_name: 'Known', operation_type: 'query', outcome: 'success' })).toBe(2);
    expect(await valueOf(registry, 'dfs_graphql_operation_duration_seconds_count', { operation_name: 'Known', outcome: 'error' })).toBe(1);
    expect(await valueOf(registry, 'dfs_graphql_operation_duration_seconds_count', { operation_name: 'anonymous', operation_type: 'query' })).toBe(1);
  });

  it('counts errors by public code; unknown codes and unknown names beyond the cap are folded', async () => {
    await run('query Known { notFound }');
    await run('query Extra1 { boom }'); // admitted (cap 1)
    await run('query Extra2 { boom }'); // beyond the cap → other
    await run('query Broken { ok');
    expect(await valueOf(registry, 'dfs_graphql_errors_total', { operation_name: 'Known', code: 'NOT_FOUND' })).toBe(1);
    expect(await valueOf(registry, 'dfs_graphql_errors_total', { operation_name: 'Extra1', code: 'INTERNAL_SERVER_ERROR' })).toBe(1);
    expect(await valueOf(registry, 'dfs_graphql_errors_total', { operation_name: 'other' })).toBe(1);
    // A parse failure never resolves an operation: its type stays unknown.
    expect(await valueOf(registry, 'dfs_graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(await valueOf(registry, 'dfs_graphql_operation_duration_seconds_count', { operation_type: 'unknown', outcome: 'error' })).toBe(1);
    expect(errorCodeLabel('SOMETHING_NEW')).toBe('OTHER');
    expect(errorCodeLabel(42)).toBe('OTHER');
    expect(errorCodeLabel(undefined)).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCodeLabel('RATE_LIMITED')).toBe('RATE_LIMITED');
  });
});
