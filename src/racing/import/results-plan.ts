/**
 * Validated result rows → races, with the checks that need a whole race: every row of a race
 * agrees on its date, track and name; a driver, a finishing position and a starting position
 * appear once. The later row of a conflict is the one reported (line + column). Then races are
 * cut into write batches at race boundaries, so a race is never half-written.
 */
import { nameKey } from '../names/normalise.js';
import type { TrackConfig } from '../tracks/track-catalog.js';
import type { IssueLog } from './issues.js';
import type { ResultRow } from './results-csv.js';

/** Series of the results importer. Race ids are `<series>-<season>-<round, 2 digits>`. */
export const SERIES = 'cup';

export interface PlannedRace {
  readonly id: string;
  readonly season: number;
  readonly round: number;
  readonly date: string;
  readonly name: string | null;
  readonly track: TrackConfig;
  readonly trackRaw: string;
  /** Race laps = the most laps any driver completed (the winner's). */
  readonly laps: number;
  readonly rows: readonly ResultRow[];
}

export function raceId(season: number, round: number): string {
  return `${SERIES}-${season}-${String(round).padStart(2, '0')}`;
}

/** Groups rows into races (date order), moving rows that conflict with their race into `issues`. */
export function planRaces(rows: readonly ResultRow[], issues: IssueLog, warnings: IssueLog): PlannedRace[] {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const id = raceId(r.season, r.round);
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }
  const races: PlannedRace[] = [];
  for (const [id, group] of groups) {
    // The reference values are the MAJORITY of the race's rows, so one bad row is the one reported.
    const ref = { date: mode(group, (r) => r.date), track: mode(group, (r) => r.track.id), name: mode(group, (r) => r.raceName ?? '') };
    const first = group.find((r) => r.date === ref.date && r.track.id === ref.track && (r.raceName ?? '') === ref.name) ?? group[0]!;
    const seen = { driver: new Map<string, number>(), finish: new Map<number, number>(), start: new Map<number, number>() };
    const kept: ResultRow[] = [];
    for (const r of group) {
      if (r.date !== first.date) issues.add(r.line, 'race_date', `${id} is dated ${first.date} on line ${first.line} but ${r.date} here`);
      if (r.track.id !== first.track.id) issues.add(r.line, 'track', `${id} is at ${first.track.id} on line ${first.line} but ${r.track.id} here`);
      if (r.raceName !== first.raceName) issues.add(r.line, 'race_name', `${id} is named '${first.raceName ?? ''}' on line ${first.line} but '${r.raceName ?? ''}' here`);
      const dup = (m: Map<string | number, number>, k: string | number, column: string, what: string) => {
        const at = m.get(k);
        if (at !== undefined) issues.add(r.line, column, `${what} already appears in ${id} on line ${at}`);
        else m.set(k, r.line);
      };
      dup(seen.driver as Map<string | number, number>, nameKey(r.driverRaw), 'driver', `driver '${r.driverRaw}'`);
      dup(seen.finish as Map<string | number, number>, r.finish, 'finish', `finishing position ${r.finish}`);
      dup(seen.start as Map<string | number, number>, r.start, 'start', `starting position ${r.start}`);
      if (!issues.has(r.line)) kept.push(r);
    }
    if (kept.length === 0) continue;
    const laps = Math.max(...kept.map((r) => r.lapsCompleted));
    const led = kept.reduce((s, r) => s + r.lapsLed, 0);
    // Sources count a lap led at a caution twice now and then: the totals of 3 of 396 real races run 1 over.
    if (led > laps) warnings.add(first.line, 'laps_led', `${id}: laps led add up to ${led}, more than the race's ${laps} laps`);
    races.push({ id, season: first.season, round: first.round, date: first.date, name: first.raceName, track: first.track, trackRaw: first.trackRaw, laps, rows: kept });
  }
  return races.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date)));
}

function mode<T>(rows: readonly ResultRow[], f: (r: ResultRow) => T): T {
  const counts = new Map<T, number>();
  for (const r of rows) counts.set(f(r), (counts.get(f(r)) ?? 0) + 1);
  let best = f(rows[0]!);
  for (const [k, n] of counts) if (n > counts.get(best)!) best = k;
  return best;
}

/** Consecutive races, each batch holding about `maxRows` rows (never splitting a race). */
export function batchRaces(races: readonly PlannedRace[], maxRows: number): PlannedRace[][] {
  const batches: PlannedRace[][] = [];
  let cur: PlannedRace[] = [];
  let n = 0;
  for (const race of races) {
    if (cur.length && n + race.rows.length > maxRows) {
      batches.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(race);
    n += race.rows.length;
  }
  if (cur.length) batches.push(cur);
  return batches;
}
