/**
 * The Cypher of the importers: UNWIND a batch, MERGE on the unique key (ON CREATE sets the
 * properties), then SET only when a property differs: re-importing the same file writes nothing
 * and reports `updated: 0`, and `updated` counts exactly the existing entities that changed.
 * Parameters never contain nulls: absent values are left out of the maps, so `+=`/`=` and the
 * equality checks see exactly the properties the file provides.
 */

/** Node upsert with change detection; `label` comes from a fixed list, never from input. */
export function upsertNodes(label: 'Track' | 'Race' | 'Slate' | 'Contest' | 'PayoutTier'): string {
  return `
UNWIND $rows AS row
MERGE (n:${label} {id: row.id}) ON CREATE SET n += row.props
WITH n, row, all(k IN keys(row.props) WHERE coalesce(n[k] = row.props[k], false)) AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET n += row.props)
RETURN sum(CASE WHEN same THEN 0 ELSE 1 END) AS updated`;
}

/** Create-only names: the first spelling seen stays the display name. */
export const MERGE_TEAMS = `
UNWIND $rows AS row
MERGE (n:Team {id: row.id}) ON CREATE SET n.name = row.name`;

export const MERGE_MANUFACTURERS = `
UNWIND $rows AS row
MERGE (n:Manufacturer {id: row.id}) ON CREATE SET n.name = row.name`;

/** Drivers keep their first name; a NASCAR id is filled in when a later file brings one. */
export const MERGE_DRIVERS = `
UNWIND $rows AS row
MERGE (d:Driver {id: row.id}) ON CREATE SET d.name = row.name, d.nascarId = row.nascarId
WITH d, row WHERE row.nascarId IS NOT NULL AND d.nascarId IS NULL
SET d.nascarId = row.nascarId
RETURN count(d) AS updated`;

/** The name mapping table: one (:Alias) per raw spelling (per track era), pointing at its entity. */
export function mergeAliases(target: 'Driver' | 'Track'): string {
  return `
UNWIND $rows AS row
MERGE (a:Alias {id: row.id}) ON CREATE SET a += row.props
WITH a, row
MATCH (x:${target} {id: row.targetId})
MERGE (a)-[:REFERS_TO]->(x)`;
}

/** Race → its track: one AT relationship; a stale one (the race moved configuration) is removed. */
export const LINK_RACE_TRACKS = `
UNWIND $rows AS row
MATCH (r:Race {id: row.id}), (t:Track {id: row.trackId})
MERGE (r)-[:AT]->(t)
WITH r, t
FOREACH (s IN [(r)-[s:AT]->(o:Track) WHERE o <> t | s] | DELETE s)`;

/**
 * Results: FINISHED carries the whole line of the file (SET = replaces, so a corrected file also
 * clears a value it no longer has).
 */
export const MERGE_RESULTS = `
UNWIND $rows AS row
MATCH (d:Driver {id: row.driverId}), (race:Race {id: row.raceId})
MERGE (d)-[f:FINISHED]->(race) ON CREATE SET f = row.props
WITH f, row, size(keys(f)) = size(keys(row.props)) AND all(k IN keys(row.props) WHERE coalesce(f[k] = row.props[k], false)) AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET f = row.props)
RETURN sum(CASE WHEN same THEN 0 ELSE 1 END) AS updated`;

/** Who drove for whom, and which make a team ran, by season (distinct rows, built in TS). */
export const MERGE_STINTS = `
UNWIND $rows AS row
MATCH (d:Driver {id: row.driverId}), (t:Team {id: row.teamId})
MERGE (d)-[:DROVE {season: row.season}]->(t)`;

export const MERGE_TEAM_MAKES = `
UNWIND $rows AS row
MATCH (t:Team {id: row.teamId}), (m:Manufacturer {id: row.manufacturerId})
MERGE (t)-[:RUNS {season: row.season}]->(m)`;

/** A slate → its race (exactly one FOR). */
export const LINK_SLATE_RACE = `
MATCH (s:Slate {id: $slateId}), (r:Race {id: $raceId})
MERGE (s)-[:FOR]->(r)
WITH s, r
FOREACH (x IN [(s)-[x:FOR]->(o:Race) WHERE o <> r | x] | DELETE x)`;

/** Salaries: the slate mirrors the file, so drivers no longer in it lose their PRICED. */
export const MERGE_SALARIES = `
MATCH (s:Slate {id: $slateId})
FOREACH (x IN [(d:Driver)-[x:PRICED]->(s) WHERE NOT d.id IN $driverIds | x] | DELETE x)
WITH s
UNWIND $rows AS row
MATCH (d:Driver {id: row.driverId})
MERGE (d)-[p:PRICED]->(s) ON CREATE SET p = row.props
WITH p, row, size(keys(p)) = size(keys(row.props)) AND all(k IN keys(row.props) WHERE coalesce(p[k] = row.props[k], false)) AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET p = row.props)
RETURN sum(CASE WHEN same THEN 0 ELSE 1 END) AS updated`;

/** A contest → its slate and payout tiers; tiers no longer in the table are deleted. */
export const LINK_CONTEST = `
MATCH (c:Contest {id: $contestId}), (s:Slate {id: $slateId})
MERGE (c)-[:ON]->(s)
WITH c, s
FOREACH (x IN [(c)-[x:ON]->(o:Slate) WHERE o <> s | x] | DELETE x)
WITH c
FOREACH (t IN [(c)-[:PAYS]->(t:PayoutTier) WHERE NOT t.id IN $tierIds | t] | DETACH DELETE t)
WITH c
UNWIND $tierIds AS tid
MATCH (t:PayoutTier {id: tid})
MERGE (c)-[:PAYS]->(t)`;
