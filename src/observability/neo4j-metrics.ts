/**
 * Neo4j query latency, sessions and connection-pool usage (issue 9 §1), and a span per query when
 * tracing is on (§2: the Neo4j writes of a job appear in its trace).
 *
 * `instrument(driver)` patches the driver INSTANCE (executeQuery, session → executeRead /
 * executeWrite / close); the object stays the same, so `instanceof Driver` checks and
 * @neo4j/graphql keep working. executeQuery opens its sessions through a session factory bound at
 * driver construction, so its queries are counted once, as `execute_query`.
 *
 * Pool numbers come from the driver's internal pool (neo4j-driver 6 keeps per-address counts in
 * `_connectionProvider._connectionPool`); they are read defensively on scrape and NaN (unknown) if
 * a driver version changes that shape.
 */
import { SpanKind, trace } from '@opentelemetry/api';
import type { Driver, Session } from 'neo4j-driver';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { withSpan } from './trace-context.js';
import { tracingEnabled } from './tracing.js';

/** Seconds: 1 ms .. 10 s. */
export const NEO4J_DURATION_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export interface PoolStats {
  readonly inUse: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

type Bag = Record<string, unknown>;
const sumOf = (o: unknown, f: (v: unknown) => number): number => (o && typeof o === 'object' ? Object.values(o as Bag).reduce<number>((s, v) => s + f(v), 0) : 0);

/** Connection pool state from the driver's internals, or null when they are not there. */
export function readPoolStats(driver: Driver): PoolStats | null {
  const d = driver as unknown as Bag;
  const pool = ((d._connectionProvider as Bag | null | undefined)?._connectionPool ?? null) as Bag | null;
  if (!pool || typeof pool._activeResourceCounts !== 'object') return null;
  return {
    inUse: sumOf(pool._activeResourceCounts, (v) => (typeof v === 'number' ? v : 0)),
    idle: sumOf(pool._pools, (v) => (Array.isArray(v) ? v.length : typeof (v as Bag)?.length === 'number' ? ((v as Bag).length as number) : 0)),
    waiting: sumOf(pool._acquireRequests, (v) => (Array.isArray(v) ? v.length : 0)),
    max: typeof pool._maxSize === 'number' ? pool._maxSize : Number((d._config as Bag | undefined)?.maxConnectionPoolSize ?? 0),
  };
}

/** First Cypher clause keyword, e.g. 'MATCH' (a low-cardinality span attribute). */
export const cypherOperation = (q: string): string => /^\s*(?:CYPHER\s+\S+\s+)?([A-Za-z]+)/.exec(q)?.[1]?.toUpperCase() ?? 'UNKNOWN';

export class Neo4jMetrics {
  private readonly drivers: Driver[] = [];
  private readonly duration: Histogram<'api' | 'mode' | 'outcome'>;
  private readonly sessionsOpen: Gauge;

  constructor(registry: Registry) {
    const drivers = this.drivers;
    this.duration = new Histogram({ name: 'dfs_neo4j_query_duration_seconds', help: 'Neo4j executeQuery calls and managed transactions (api: execute_query | transaction), by access mode and outcome.', labelNames: ['api', 'mode', 'outcome'], buckets: NEO4J_DURATION_BUCKETS_S, registers: [registry] });
    this.sessionsOpen = new Gauge({ name: 'dfs_neo4j_sessions_open', help: 'Sessions opened with driver.session() and not yet closed.', registers: [registry] });
    const poolGauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          // NaN = unknown (internals not readable); a label-less gauge cannot be absent.
          const stats = drivers.map(readPoolStats).filter((s): s is PoolStats => s !== null);
          this.set(stats.length ? stats.reduce((n, s) => n + pick(s), 0) : Number.NaN);
        },
      });
    poolGauge('dfs_neo4j_pool_in_use', 'Pooled Bolt connections lent out now.', (s) => s.inUse);
    poolGauge('dfs_neo4j_pool_idle', 'Pooled Bolt connections idle now.', (s) => s.idle);
    poolGauge('dfs_neo4j_pool_waiting', 'Callers waiting to acquire a pooled connection.', (s) => s.waiting);
    poolGauge('dfs_neo4j_pool_max', 'Configured maximum pool size (per address).', (s) => s.max);
  }

  /** Patch `driver` in place (see the header); returns it for chaining. */
  instrument(driver: Driver, database?: string): Driver {
    this.drivers.push(driver);
    const executeQuery = driver.executeQuery.bind(driver);
    driver.executeQuery = ((query: Parameters<Driver['executeQuery']>[0], params?: unknown, config?: { routing?: string }) => {
      const text = typeof query === 'string' ? query : String((query as { text?: unknown }).text ?? query);
      const mode = config?.routing === 'READ' ? 'read' : 'write';
      return this.timed('execute_query', mode, `neo4j ${cypherOperation(text)}`, { 'db.query.text': text.slice(0, 1000), 'db.operation.name': cypherOperation(text) }, database, () => executeQuery(query, params, config as never));
    }) as Driver['executeQuery'];
    const session = driver.session.bind(driver);
    driver.session = ((cfg?: Parameters<Driver['session']>[0]) => this.instrumentSession(session(cfg), database)) as Driver['session'];
    return driver;
  }

  private instrumentSession(s: Session, database?: string): Session {
    this.sessionsOpen.inc();
    const read = s.executeRead.bind(s);
    const write = s.executeWrite.bind(s);
    const close = s.close.bind(s);
    let closed = false;
    s.executeRead = ((work, cfg) => this.timed('transaction', 'read', 'neo4j read transaction', {}, database, () => read(work, cfg))) as Session['executeRead'];
    s.executeWrite = ((work, cfg) => this.timed('transaction', 'write', 'neo4j write transaction', {}, database, () => write(work, cfg))) as Session['executeWrite'];
    s.close = async () => {
      if (!closed) this.sessionsOpen.dec();
      closed = true;
      await close();
    };
    return s;
  }

  private async timed<T>(api: string, mode: string, spanName: string, attrs: Record<string, string>, database: string | undefined, run: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    let outcome = 'ok';
    try {
      // Spans only inside a trace (a request, a job): background reads (scrapes, probes) would be noise.
      if (!tracingEnabled() || !trace.getActiveSpan()) return await run();
      return await withSpan(spanName, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'neo4j', ...(database ? { 'db.namespace': database } : {}), ...attrs } }, run);
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      this.duration.observe({ api, mode, outcome }, (performance.now() - t0) / 1000);
    }
  }
}
