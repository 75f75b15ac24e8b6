/**
 * importResults: CSV text → validated rows → races → resolved names → one transaction per batch
 * of whole races. In strict mode the whole file is validated (and names resolved) before the
 * first write, so a rejected file writes nothing.
 */
import type { Driver } from 'neo4j-driver';
import { IssueLog } from '../import/issues.js';
import { readResultRows } from '../import/results-csv.js';
import { SERIES, batchRaces, planRaces, type PlannedRace } from '../import/results-plan.js';
import { DriverResolver, type DriverResolution } from '../names/resolve-driver.js';
import { RacingGraphWriter } from '../write/graph-writer.js';
import { loadDriverLookups } from '../write/lookups.js';
import { emptyStats, mergeStats } from '../write/write-stats.js';
import { EntityCollector, cypherDate, int, props } from './entity-params.js';
import { DEFAULT_BATCH_ROWS, checkSize, makeReport, rejectIfNeeded, type ImportOptions, type ImportReport } from './import-report.js';

export interface ImportDeps {
  readonly driver: Driver;
  readonly database: string;
}

export async function importResults(deps: ImportDeps, csv: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const startedAt = Date.now();
  checkSize(csv, 'input.csv');
  const issues = new IssueLog();
  const warnings = new IssueLog();
  const { rows, total } = readResultRows(csv, issues);
  let races = planRaces(rows, issues, warnings);

  // Names: resolved against the graph before any write; two spellings of one driver in one race is an error.
  const resolver = new DriverResolver(await loadDriverLookups(deps.driver, deps.database));
  const resolved = new Map<number, DriverResolution>();
  for (const race of races) {
    const seen = new Map<string, number>();
    for (const r of race.rows) {
      const res = resolver.resolve(r.driverRaw, r.nascarId);
      const at = seen.get(res.driverId);
      if (at !== undefined) issues.add(r.line, 'driver', `'${r.driverRaw}' is the same driver (${res.driverId}) as line ${at} of ${race.id}`);
      else seen.set(res.driverId, r.line);
      resolved.set(r.line, res);
    }
  }
  races = races.map((race) => ({ ...race, rows: race.rows.filter((r) => !issues.has(r.line)) })).filter((race) => race.rows.length > 0);
  const accepted = races.reduce((n, race) => n + race.rows.length, 0);
  const lenient = opts.lenient ?? false;
  rejectIfNeeded('RESULTS', 'input.csv', issues, { lenient, rows: total, accepted });

  const stats = emptyStats();
  const batches = batchRaces(races, opts.batchRows ?? DEFAULT_BATCH_ROWS);
  if (!opts.dryRun) {
    const writer = new RacingGraphWriter(deps.driver, deps.database);
    for (const batch of batches) mergeStats(stats, await writer.writeResults(batchParams(batch, resolved)));
  }
  return makeReport('RESULTS', { opts, rows: total, accepted, issues, warnings, stats, batches: opts.dryRun ? 0 : batches.length, raceIds: races.map((r) => r.id), newDrivers: resolver.newDriverIds(), startedAt });
}

function batchParams(races: readonly PlannedRace[], resolved: ReadonlyMap<number, DriverResolution>) {
  const c = new EntityCollector('results');
  const results = [];
  const stints = new Map<string, { driverId: string; teamId: string; season: unknown }>();
  const teamMakes = new Map<string, { teamId: string; manufacturerId: string; season: unknown }>();
  for (const race of races) {
    const trackId = c.track(race.track, race.trackRaw);
    c.race(race.id, trackId, { series: SERIES, season: int(race.season), round: int(race.round), date: cypherDate(race.date), laps: int(race.laps), name: race.name });
    for (const r of race.rows) {
      const driverId = c.driver(resolved.get(r.line)!, r.nascarId);
      const teamId = c.team(r.team);
      const manufacturerId = c.manufacturer(r.make);
      if (teamId) stints.set(`${driverId}|${teamId}|${race.season}`, { driverId, teamId, season: int(race.season) });
      if (teamId && manufacturerId) teamMakes.set(`${teamId}|${manufacturerId}|${race.season}`, { teamId, manufacturerId, season: int(race.season) });
      results.push({
        raceId: race.id,
        driverId,
        props: props({ start: int(r.start), finish: int(r.finish), lapsLed: int(r.lapsLed), lapsCompleted: int(r.lapsCompleted), fastestLaps: int(r.fastestLaps), status: r.status, car: r.car, teamId, manufacturerId, points: int(r.points), rating: r.rating }),
      });
    }
  }
  return { ...c.params(), results, stints: [...stints.values()], teamMakes: [...teamMakes.values()] };
}
