/**
 * The driver instrumentation on a stand-in driver (the real neo4j-driver is exercised by the
 * integration tests): timing by api/mode/outcome, the instance keeps its identity, sessions are
 * counted once, pool stats read from the driver's internal shape or NaN without it.
 */
import type { Driver } from 'neo4j-driver';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { Neo4jMetrics, cypherOperation, readPoolStats } from '../../../src/observability/neo4j-metrics.js';
import { valueOf } from './metric-values.js';

function standIn() {
  const calls: string[] = [];
  const session = {
    executeRead: async (work: (tx: unknown) => unknown) => work('tx'),
    executeWrite: async () => {
      throw new Error('write failed');
    },
    close: async () => void calls.push('close'),
  };
  const driver = {
    executeQuery: async function (this: unknown, q: string, _p?: unknown, cfg?: { routing?: string }) {
      calls.push(`${q}|${cfg?.routing ?? 'WRITE'}|${this === driver}`);
      if (q.startsWith('BAD')) throw new Error('syntax');
      return { records: [] };
    },
    session: () => session,
    _connectionProvider: { _connectionPool: { _maxSize: 50, _activeResourceCounts: { 'a:7687': 3, 'b:7687': 1 }, _pools: { 'a:7687': { length: 2 }, 'b:7687': [1, 2, 3] }, _acquireRequests: { 'a:7687': [{}, {}] } } },
  };
  return { driver: driver as unknown as Driver, calls };
}

describe('Neo4jMetrics.instrument', () => {
  it('times executeQuery by routing mode and outcome, calling the original with its own this', async () => {
    const registry = new Registry();
    const { driver, calls } = standIn();
    const same = new Neo4jMetrics(registry).instrument(driver, 'neo4j');
    expect(same).toBe(driver);
    await driver.executeQuery('MATCH (n) RETURN n', {}, { routing: 'READ' });
    await driver.executeQuery('CREATE (n)', {});
    await expect(driver.executeQuery('BAD', {})).rejects.toThrow('syntax');
    expect(calls).toEqual(['MATCH (n) RETURN n|READ|true', 'CREATE (n)|WRITE|true', 'BAD|WRITE|true']);
    expect(await valueOf(registry, 'dfs_neo4j_query_duration_seconds_count', { api: 'execute_query', mode: 'read', outcome: 'ok' })).toBe(1);
    expect(await valueOf(registry, 'dfs_neo4j_query_duration_seconds_count', { api: 'execute_query', mode: 'write', outcome: 'ok' })).toBe(1);
    expect(await valueOf(registry, 'dfs_neo4j_query_duration_seconds_count', { api: 'execute_query', mode: 'write', outcome: 'error' })).toBe(1);
  });

  it('times managed transactions and counts open sessions (a double close counts once)', async () => {
    const registry = new Registry();
    const { driver } = standIn();
    new Neo4jMetrics(registry).instrument(driver);
    const s = driver.session();
    expect(await valueOf(registry, 'dfs_neo4j_sessions_open')).toBe(1);
    expect(await s.executeRead(async (tx) => `got ${String(tx)}`)).toBe('got tx');
    await expect(s.executeWrite(async () => 1)).rejects.toThrow('write failed');
    await s.close();
    await s.close();
    expect(await valueOf(registry, 'dfs_neo4j_sessions_open')).toBe(0);
    expect(await valueOf(registry, 'dfs_neo4j_query_duration_seconds_count', { api: 'transaction', mode: 'read', outcome: 'ok' })).toBe(1);
    expect(await valueOf(registry, 'dfs_neo4j_query_duration_seconds_count', { api: 'transaction', mode: 'write', outcome: 'error' })).toBe(1);
  });

  it('exports pool usage from the driver internals, NaN when they are not there', async () => {
    const registry = new Registry();
    const { driver } = standIn();
    new Neo4jMetrics(registry).instrument(driver);
    expect(readPoolStats(driver)).toEqual({ inUse: 4, idle: 5, waiting: 2, max: 50 });
    expect(await valueOf(registry, 'dfs_neo4j_pool_in_use')).toBe(4);
    expect(await valueOf(registry, 'dfs_neo4j_pool_waiting')).toBe(2);
    const bare = new Registry();
    new Neo4jMetrics(bare).instrument({ executeQuery: async () => ({}), session: () => ({}) } as unknown as Driver);
    expect(readPoolStats({} as Driver)).toBeNull();
    expect(await valueOf(bare, 'dfs_neo4j_pool_in_use')).toBeNaN();
  });
});

describe('cypherOperation', () => {
  it('names the first clause', () => {
    expect(cypherOperation('  match (j:Job) RETURN j')).toBe('MATCH');
    expect(cypherOperation('CYPHER runtime=slotted MERGE (a)')).toBe('MERGE');
    expect(cypherOperation('// hi')).toBe('UNKNOWN');
  });
});
