/**
 * Versioned, idempotent schema migrations, run at API start-up. Each migration's statements
 * use IF NOT EXISTS so a half-applied migration can simply run again; a (:Migration {version})
 * node records what has been applied. Add new migrations at the END with the next version.
 */
import type { Driver } from 'neo4j-driver';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'jobs',
    statements: [
      'CREATE CONSTRAINT job_id IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE',
      'CREATE CONSTRAINT job_result_id IF NOT EXISTS FOR (r:JobResult) REQUIRE r.id IS UNIQUE',
      'CREATE INDEX job_status IF NOT EXISTS FOR (j:Job) ON (j.status)',
      'CREATE CONSTRAINT job_idempotency IF NOT EXISTS FOR (j:Job) REQUIRE j.idempotencyScope IS UNIQUE',
      'CREATE INDEX job_owner IF NOT EXISTS FOR (j:Job) ON (j.ownerId, j.createdAt)',
      'CREATE INDEX job_spec_hash IF NOT EXISTS FOR (j:Job) ON (j.specHash)',
      'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE',
    ],
  },
  {
    version: 2,
    name: 'job cache and webhooks',
    statements: [
      'CREATE INDEX job_cache_key IF NOT EXISTS FOR (j:Job) ON (j.cacheKey)',
      'CREATE CONSTRAINT webhook_id IF NOT EXISTS FOR (w:Webhook) REQUIRE w.id IS UNIQUE',
      'CREATE INDEX webhook_owner IF NOT EXISTS FOR (w:Webhook) ON (w.ownerKey)',
      'CREATE CONSTRAINT webhook_delivery_id IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.id IS UNIQUE',
    ],
  },
];

/** Registry other modules extend (e.g. the racing graph) before `runMigrations` is called. */
const extra: Migration[] = [];
export function registerMigrations(ms: readonly Migration[]): void {
  extra.push(...ms);
}

export function allMigrations(): Migration[] {
  const all = [...MIGRATIONS, ...extra].sort((a, b) => a.version - b.version);
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.version === all[i - 1]!.version) throw new Error(`duplicate migration version ${all[i]!.version}`);
  }
  return all;
}

/** Apply pending migrations in order. Returns the versions applied by this call. */
export async function runMigrations(driver: Driver, database: string, migrations = allMigrations()): Promise<number[]> {
  const applied: number[] = [];
  const { records } = await driver.executeQuery('MATCH (m:Migration) RETURN m.version AS v', {}, { database }).catch(() => ({ records: [] }));
  const done = new Set(records.map((r) => Number(r.get('v'))));
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // Schema statements cannot share a transaction with writes: run each on its own.
    for (const s of m.statements) await driver.executeQuery(s, {}, { database });
    await driver.executeQuery('MERGE (m:Migration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()', { version: m.version, name: m.name }, { database });
    applied.push(m.version);
  }
  return applied;
}
