/**
 * The version of the data jobs read (racing graph). Importers bump it in the same transaction
 * as their writes (`bumpDataVersionCypher`), so the result cache never serves a result computed
 * on older data.
 */
import type { Driver } from 'neo4j-driver';

export const BUMP_DATA_VERSION_CYPHER = `MERGE (dv:DataVersion {id: 'graph'}) ON CREATE SET dv.version = 0 SET dv.version = dv.version + 1, dv.updatedAt = toString(datetime())`;

export async function dataVersion(driver: Driver, database: string): Promise<string> {
  const { records } = await driver.executeQuery(`OPTIONAL MATCH (dv:DataVersion {id: 'graph'}) RETURN coalesce(dv.version, 0) AS v`, {}, { database, routing: 'READ' });
  return String(records[0]?.get('v') ?? 0);
}
