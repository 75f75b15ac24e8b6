/**
 * What an import changed, summed over its statements: Neo4j's own counters for creations and
 * deletions, plus `updated` = existing nodes/relationships whose properties really changed (the
 * statements compare before they SET, so a re-import of the same file reports, and writes, zero).
 */
import type { QueryResult } from 'neo4j-driver';

export interface WriteStats {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  updated: number;
  statements: number;
}

export const emptyStats = (): WriteStats => ({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, updated: 0, statements: 0 });

/** Adds one statement's counters (and its `updated` column, when it returns one). */
export function addResult(stats: WriteStats, res: QueryResult): void {
  const c = res.summary.counters.updates();
  stats.nodesCreated += c.nodesCreated;
  stats.nodesDeleted += c.nodesDeleted;
  stats.relationshipsCreated += c.relationshipsCreated;
  stats.relationshipsDeleted += c.relationshipsDeleted;
  stats.statements++;
  const rec = res.records[0];
  if (rec && rec.has('updated')) stats.updated += Number(rec.get('updated'));
}

export function mergeStats(into: WriteStats, from: WriteStats): void {
  into.nodesCreated += from.nodesCreated;
  into.nodesDeleted += from.nodesDeleted;
  into.relationshipsCreated += from.relationshipsCreated;
  into.relationshipsDeleted += from.relationshipsDeleted;
  into.updated += from.updated;
  into.statements += from.statements;
}
