/**
 * What the engine actors load from the racing graph, each in ONE Cypher statement:
 *   loadCalibrationData → CalibrationData (races in date order with every driver's line),
 *   loadSlate           → a slate with its race, track type and priced drivers,
 *   loadContest         → a contest's entry fee, field, max entries and payout tiers.
 * Plain functions over a driver (STYLE #12: the actor owns the connection).
 */
import type { Driver } from 'neo4j-driver';
import type { CalibrationData, CalibrationRace, CalibrationResultRow } from '../../../engine/contract/calibration-types.js';
import type { ContestSpec, Site, SlatePlayer, TrackType } from '../../../engine/contract/index.js';
import { TRACK_TYPES } from '../../../engine/contract/index.js';

export interface CalibrationQuery {
  /** First race date included, YYYY-MM-DD. @default all */
  readonly from?: string;
  /** Last race date included, YYYY-MM-DD. @default all */
  readonly through?: string;
  /** @default 'cup' (the only series imported so far) */
  readonly series?: 'cup';
}

const CALIBRATION = `
MATCH (r:Race {series: $series})-[:AT]->(t:Track)
WHERE r.date IS NOT NULL
  AND ($from IS NULL OR r.date >= date($from))
  AND ($through IS NULL OR r.date <= date($through))
CALL (r) {
  MATCH (d:Driver)-[f:FINISHED]->(r)
  WITH d, f ORDER BY f.finish
  RETURN collect({driverId: d.id, teamId: f.teamId, manufacturer: f.manufacturerId, start: f.start, finish: f.finish,
                  lapsLed: f.lapsLed, fastestLaps: f.fastestLaps, lapsCompleted: f.lapsCompleted, status: f.status}) AS results
}
WITH r, t, results WHERE size(results) > 0
RETURN r.id AS raceId, r.season AS season, toString(r.date) AS date, t.type AS trackType, r.laps AS laps, results
ORDER BY r.date, r.id`;

/** Races with results, oldest first. Races without a date or results are left out. */
export async function loadCalibrationData(driver: Driver, database: string, opts: CalibrationQuery = {}): Promise<CalibrationData> {
  const { records } = await driver.executeQuery(CALIBRATION, { series: opts.series ?? 'cup', from: opts.from ?? null, through: opts.through ?? null }, { database, routing: 'READ' });
  const races: CalibrationRace[] = records.map((rec) => ({
    raceId: rec.get('raceId') as string,
    season: Number(rec.get('season')),
    date: rec.get('date') as string,
    trackType: trackType(rec.get('trackType')),
    laps: Number(rec.get('laps')),
    results: (rec.get('results') as Record<string, unknown>[]).map(toRow),
  }));
  return { races };
}

function toRow(x: Record<string, unknown>): CalibrationResultRow {
  return {
    driverId: x.driverId as string,
    ...(x.teamId ? { teamId: x.teamId as string } : {}),
    ...(x.manufacturer ? { manufacturer: x.manufacturer as string } : {}),
    start: Number(x.start),
    finish: Number(x.finish),
    lapsLed: Number(x.lapsLed),
    fastestLaps: x.fastestLaps === null || x.fastestLaps === undefined ? null : Number(x.fastestLaps),
    lapsCompleted: Number(x.lapsCompleted),
    status: x.status as string,
  };
}

function trackType(v: unknown): TrackType {
  if (!TRACK_TYPES.includes(v as TrackType)) throw new Error(`track type '${String(v)}' in the graph is not one of ${TRACK_TYPES.join(', ')}`);
  return v as TrackType;
}

export interface LoadedSlate {
  readonly slateId: string;
  readonly site: Site;
  readonly salaryCap: number;
  readonly rosterSize: number;
  readonly lockTime: string | null;
  readonly raceId: string;
  readonly trackType: TrackType;
  readonly laps: number | null;
  /** Highest salary first. `startPosition` is known once the race has results (backtests). */
  readonly players: readonly (SlatePlayer & { readonly startPosition?: number })[];
}

const SLATE = `
MATCH (s:Slate {id: $slateId})-[:FOR]->(r:Race)-[:AT]->(t:Track)
CALL (s, r) {
  MATCH (d:Driver)-[p:PRICED]->(s)
  OPTIONAL MATCH (d)-[f:FINISHED]->(r)
  WITH d, p, f ORDER BY p.salary DESC, d.id
  RETURN collect({driverId: d.id, name: d.name, salary: p.salary, siteId: p.siteId, startPosition: f.start}) AS players
}
RETURN s.id AS slateId, s.site AS site, s.salaryCap AS salaryCap, s.rosterSize AS rosterSize, toString(s.lockTime) AS lockTime,
       r.id AS raceId, t.type AS trackType, r.laps AS laps, players`;

/** Null when the slate does not exist. */
export async function loadSlate(driver: Driver, database: string, slateId: string): Promise<LoadedSlate | null> {
  const { records } = await driver.executeQuery(SLATE, { slateId }, { database, routing: 'READ' });
  const rec = records[0];
  if (!rec) return null;
  const laps = rec.get('laps') as number | null;
  return {
    slateId: rec.get('slateId') as string,
    site: rec.get('site') as Site,
    salaryCap: Number(rec.get('salaryCap')),
    rosterSize: Number(rec.get('rosterSize')),
    lockTime: rec.get('lockTime') as string | null,
    raceId: rec.get('raceId') as string,
    trackType: trackType(rec.get('trackType')),
    laps: laps === null ? null : Number(laps),
    players: (rec.get('players') as Record<string, unknown>[]).map((p) => ({
      driverId: p.driverId as string,
      name: p.name as string,
      salary: Number(p.salary),
      siteId: p.siteId as string,
      ...(p.startPosition === null || p.startPosition === undefined ? {} : { startPosition: Number(p.startPosition) }),
    })),
  };
}

const CONTEST = `
MATCH (c:Contest {id: $contestId})-[:ON]->(s:Slate)
CALL (c) {
  MATCH (c)-[:PAYS]->(t:PayoutTier)
  WITH t ORDER BY t.fromRank
  RETURN collect({fromRank: t.fromRank, toRank: t.toRank, prize: t.prize}) AS payouts
}
RETURN c.id AS contestId, s.id AS slateId, c.entryFee AS entryFee, c.fieldSize AS fieldSize, c.maxEntries AS maxEntries, payouts`;

export async function loadContest(driver: Driver, database: string, contestId: string): Promise<(ContestSpec & { readonly contestId: string; readonly slateId: string }) | null> {
  const { records } = await driver.executeQuery(CONTEST, { contestId }, { database, routing: 'READ' });
  const rec = records[0];
  if (!rec) return null;
  return {
    contestId: rec.get('contestId') as string,
    slateId: rec.get('slateId') as string,
    entryFee: Number(rec.get('entryFee')),
    fieldSize: Number(rec.get('fieldSize')),
    maxEntries: Number(rec.get('maxEntries')),
    payouts: (rec.get('payouts') as Record<string, unknown>[]).map((t) => ({ fromRank: Number(t.fromRank), toRank: Number(t.toRank), prize: Number(t.prize) })),
  };
}
