/** Small reads the importers need to bind a slate to its race and a contest to its slate. */
import type { Driver } from 'neo4j-driver';
import { withNeo4j } from '../../neo4j/translate-error.js';

export interface RaceRef {
  readonly id: string;
  readonly date: string | null;
  readonly name: string | null;
  readonly trackId: string | null;
}

const RACE_FIELDS = 'r.id AS id, toString(r.date) AS date, r.name AS name, [(r)-[:AT]->(t:Track) | t.id][0] AS trackId';

const toRace = (rec: { get(k: string): unknown }): RaceRef => ({ id: rec.get('id') as string, date: rec.get('date') as string | null, name: rec.get('name') as string | null, trackId: rec.get('trackId') as string | null });

export async function raceById(driver: Driver, database: string, id: string): Promise<RaceRef | null> {
  const { records } = await withNeo4j(() => driver.executeQuery(`MATCH (r:Race {id: $id}) RETURN ${RACE_FIELDS}`, { id }, { database, routing: 'READ' }));
  return records[0] ? toRace(records[0]) : null;
}

/**
 * Races dated within a day of `date` (a night race's lock can fall on the next UTC day and
 * sources date postponed races by the day they ran).
 */
export async function racesNear(driver: Driver, database: string, date: string): Promise<RaceRef[]> {
  const { records } = await withNeo4j(() =>
    driver.executeQuery(`MATCH (r:Race) WHERE r.date >= date($date) - duration('P1D') AND r.date <= date($date) + duration('P1D') RETURN ${RACE_FIELDS} ORDER BY r.date`, { date }, { database, routing: 'READ' }),
  );
  return records.map(toRace);
}

export async function slateSite(driver: Driver, database: string, id: string): Promise<string | null> {
  const { records } = await withNeo4j(() => driver.executeQuery('MATCH (s:Slate {id: $id}) RETURN s.site AS site', { id }, { database, routing: 'READ' }));
  return records[0] ? (records[0].get('site') as string) : null;
}
