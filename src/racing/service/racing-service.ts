/**
 * The racing graph's write side as one service for the GraphQL layer (Services.racing): the four
 * importers and the alias override. Authorisation is NOT here: resolvers call `requireAdmin`
 * first (src/graphql/guards.ts), so the security layer can change who may import in one place.
 */
import type { Driver } from 'neo4j-driver';
import type { Site } from '../../../engine/contract/index.js';
import { UserInputError } from '../../errors.js';
import { withNeo4j } from '../../neo4j/translate-error.js';
import { BUMP_DATA_VERSION_CYPHER } from '../../jobs/data-version.js';
import { cleanName, nameKey } from '../names/normalise.js';
import type { ImportOptions, ImportReport } from './import-report.js';
import { importPayouts, type PayoutsInput } from './payout-import.js';
import { importResults } from './results-import.js';
import { importSlate, type SlateTarget } from './slate-import.js';

export interface DriverAliasMapping {
  readonly raw: string;
  readonly driverId: string;
  /** The alias existed and pointed at another driver. */
  readonly previousDriverId: string | null;
}

export class RacingService {
  private readonly deps: { driver: Driver; database: string };

  constructor(driver: Driver, database: string) {
    this.deps = { driver, database };
  }

  importResults(csv: string, opts: ImportOptions): Promise<ImportReport> {
    return this.versioned(importResults(this.deps, csv, opts));
  }

  importSalaries(site: Site, csv: string, target: SlateTarget, opts: ImportOptions): Promise<ImportReport> {
    return this.versioned(importSlate(this.deps, site, csv, target, opts));
  }

  importPayouts(input: PayoutsInput, opts: ImportOptions): Promise<ImportReport> {
    return this.versioned(importPayouts(this.deps, input, opts));
  }

  /**
   * An import that changed the graph bumps the data version, so the job result cache (keyed on
   * spec + data version + seed) never serves a result computed on older data.
   */
  private async versioned(run: Promise<ImportReport>): Promise<ImportReport> {
    const r = await run;
    const changed = r.nodesCreated + r.nodesDeleted + r.relationshipsCreated + r.relationshipsDeleted + r.updated > 0;
    if (changed && !r.dryRun) await withNeo4j(() => this.deps.driver.executeQuery(BUMP_DATA_VERSION_CYPHER, {}, { database: this.deps.database }));
    return r;
  }

  /**
   * Points a raw driver spelling at a driver (creating or re-pointing its alias): the fix when
   * an import created a new driver for a known one spelled differently. Later imports resolve
   * that spelling through the alias; rows already written are not moved.
   */
  async mapDriverAlias(rawName: string, driverId: string): Promise<DriverAliasMapping> {
    const raw = cleanName(rawName);
    if (!raw || raw.length > 80) throw new UserInputError('raw must be a driver name of 1..80 characters', 'raw');
    const { records } = await withNeo4j(() =>
      this.deps.driver.executeQuery(
        `MATCH (d:Driver {id: $driverId})
         MERGE (a:Alias {id: $aliasId}) ON CREATE SET a.kind = 'driver', a.raw = $raw, a.key = $key, a.source = 'admin', a.method = 'admin'
         WITH a, d, [(a)-[:REFERS_TO]->(o:Driver) | o.id][0] AS previous
         FOREACH (x IN [(a)-[x:REFERS_TO]->(o) WHERE o <> d | x] | DELETE x)
         MERGE (a)-[:REFERS_TO]->(d)
         SET a.method = 'admin'
         RETURN previous`,
        { driverId, aliasId: `driver|${raw}`, raw, key: nameKey(raw) },
        { database: this.deps.database },
      ),
    );
    if (!records[0]) throw new UserInputError(`driver '${driverId}' not found`, 'driverId');
    const previous = records[0].get('previous') as string | null;
    return { raw, driverId, previousDriverId: previous === driverId ? null : previous };
  }

  /** True when no race has been imported (the API then suggests `npm run seed`). */
  async isEmpty(): Promise<boolean> {
    const { records } = await this.deps.driver.executeQuery('MATCH (r:Race) RETURN count(r) > 0 AS any', {}, { database: this.deps.database, routing: 'READ' });
    return !records[0]?.get('any');
  }
}
