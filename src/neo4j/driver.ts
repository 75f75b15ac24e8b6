/** Neo4j driver creation and a bounded connectivity probe. */
import neo4j, { type Driver } from 'neo4j-driver';

export interface Neo4jOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export function createDriver(o: Neo4jOptions): Driver {
  // An empty password means the local dev DBMS with auth disabled.
  const auth = o.password ? neo4j.auth.basic(o.user, o.password) : undefined;
  return neo4j.driver(o.uri, auth, {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    // Fail fast with UNAVAILABLE while Neo4j is down (default retries for 30 s).
    maxTransactionRetryTime: 5_000,
    disableLosslessIntegers: true, // ints come back as JS numbers (all our ints are < 2^53)
    logging: { level: 'error', logger: () => {} },
  });
}

/** Resolves when Neo4j answers a query, rejects after `timeoutMs`. */
export async function probeNeo4j(driver: Driver, database: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([driver.executeQuery('RETURN 1', {}, { database }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
