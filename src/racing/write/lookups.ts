/**
 * Reads what driver-name resolution needs from the graph, once per import: the alias table and
 * the NASCAR ids. Small (hundreds of rows), so it is loaded whole instead of per row.
 */
import type { Driver } from 'neo4j-driver';
import type { DriverLookups } from '../names/resolve-driver.js';

export async function loadDriverLookups(driver: Driver, database: string): Promise<DriverLookups> {
  const [aliases, drivers] = await Promise.all([
    driver.executeQuery("MATCH (a:Alias {kind: 'driver'})-[:REFERS_TO]->(d:Driver) RETURN a.raw AS raw, d.id AS id", {}, { database, routing: 'READ' }),
    driver.executeQuery('MATCH (d:Driver) RETURN d.id AS id, d.nascarId AS nascarId', {}, { database, routing: 'READ' }),
  ]);
  const byNascarId = new Map<number, string>();
  for (const r of drivers.records) {
    const n = r.get('nascarId') as number | null;
    if (n !== null) byNascarId.set(Number(n), r.get('id') as string);
  }
  return {
    aliases: new Map(aliases.records.map((r) => [r.get('raw') as string, r.get('id') as string])),
    byNascarId,
    ids: new Set(drivers.records.map((r) => r.get('id') as string)),
  };
}
