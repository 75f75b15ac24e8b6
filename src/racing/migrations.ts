/**
 * Schema of the racing graph (issue #3), as versioned migrations registered with
 * src/neo4j/migrations.ts and run at API start-up. Racing owns versions 100–199 so contexts
 * never collide on a number. Every statement is IF NOT EXISTS: re-running is harmless.
 *
 * Graph:
 *   (:Driver {id, name, nascarId})-[:FINISHED {start, finish, lapsLed, fastestLaps, lapsCompleted, status, car, teamId, manufacturerId, points, rating}]->(:Race)
 *   (:Driver)-[:DROVE {season}]->(:Team)-[:RUNS {season}]->(:Manufacturer)
 *   (:Race {id, series, season, round, date, name, laps})-[:AT]->(:Track {id, name, configuration, lengthMiles, type, surface, family})
 *   (:Slate {id, site, salaryCap, rosterSize, lockTime, name})-[:FOR]->(:Race)
 *   (:Driver)-[:PRICED {salary, siteId, rosterPosition, avgPoints}]->(:Slate)
 *   (:Contest {id, name, site, entryFee, fieldSize, maxEntries})-[:ON]->(:Slate); (:Contest)-[:PAYS]->(:PayoutTier {id, fromRank, toRank, prize})
 *   (:Alias {id, kind, raw, key, source, method})-[:REFERS_TO]->(:Driver|:Track)   ← the name mapping table
 */
import { allMigrations, registerMigrations, type Migration } from '../neo4j/migrations.js';

const unique = (label: string, prop = 'id') => `CREATE CONSTRAINT ${label.toLowerCase()}_${prop.toLowerCase()} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${prop} IS UNIQUE`;

export const RACING_MIGRATIONS: readonly Migration[] = [
  {
    version: 100,
    name: 'racing graph: keys',
    statements: ['Driver', 'Team', 'Manufacturer', 'Track', 'Race', 'Slate', 'Contest', 'PayoutTier', 'Alias'].map((l) => unique(l)),
  },
  {
    version: 101,
    name: 'racing graph: lookup indexes',
    statements: [
      // Importers resolve drivers by NASCAR id; the API filters and sorts on these.
      'CREATE INDEX driver_nascar_id IF NOT EXISTS FOR (d:Driver) ON (d.nascarId)',
      'CREATE INDEX driver_name IF NOT EXISTS FOR (d:Driver) ON (d.name)',
      'CREATE INDEX race_date IF NOT EXISTS FOR (r:Race) ON (r.date)',
      'CREATE INDEX race_season_round IF NOT EXISTS FOR (r:Race) ON (r.season, r.round)',
      'CREATE INDEX track_type IF NOT EXISTS FOR (t:Track) ON (t.type)',
      'CREATE INDEX slate_site IF NOT EXISTS FOR (s:Slate) ON (s.site)',
      'CREATE INDEX alias_kind_raw IF NOT EXISTS FOR (a:Alias) ON (a.kind, a.raw)',
      'CREATE INDEX finished_finish IF NOT EXISTS FOR ()-[f:FINISHED]-() ON (f.finish)',
    ],
  },
];

/**
 * Adds the racing migrations to the shared registry; idempotent (several APIs in one process,
 * as in the integration tests, call it once each).
 */
export function registerRacingMigrations(): void {
  const have = new Set(allMigrations().map((m) => m.version));
  const missing = RACING_MIGRATIONS.filter((m) => !have.has(m.version));
  if (missing.length) registerMigrations(missing);
}
