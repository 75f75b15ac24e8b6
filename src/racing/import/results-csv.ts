/**
 * Historical Cup results CSV → validated rows. One row per driver per race, as in the shared
 * combined table and nascaR.data (extra columns are ignored):
 *
 *   season,race_num,race_date,track,track_config_id,race_name,driver,nascar_driver_id,car,team,make,start,finish,laps,laps_led,status,fastest_laps
 *   2024,5,2024-03-17,Bristol Motor Speedway,bristol_concrete,Food City 500,Denny Hamlin,1361,11,Joe Gibbs Racing,Toyota,3,1,500,163,running,92
 *
 * `laps` is the driver's laps COMPLETED; the race's laps are the winner's. `track_config_id` is
 * optional (the track name + season/date resolve it otherwise); `fastest_laps` is optional and
 * empty before 2019 (loop data). Every bad cell is recorded in the IssueLog.
 */
import { cleanName, nameKey, normaliseStatus } from '../names/normalise.js';
import { resolveTrack } from '../tracks/resolve-track.js';
import type { TrackConfig } from '../tracks/track-catalog.js';
import type { IssueLog } from './issues.js';
import { readTable, type TableSpec } from './table.js';

export const RESULTS_COLUMNS: TableSpec = {
  required: ['season', 'race_num', 'race_date', 'track', 'driver', 'start', 'finish', 'laps', 'laps_led', 'status'],
  optional: ['track_config_id', 'race_name', 'nascar_driver_id', 'car', 'team', 'make', 'fastest_laps', 'points', 'driver_rating'],
};

export interface ResultRow {
  readonly line: number;
  readonly season: number;
  readonly round: number;
  readonly date: string;
  readonly track: TrackConfig;
  readonly trackRaw: string;
  readonly raceName: string | null;
  readonly driverRaw: string;
  readonly nascarId: number | null;
  readonly car: string | null;
  readonly team: string | null;
  readonly make: string | null;
  readonly start: number;
  readonly finish: number;
  readonly lapsCompleted: number;
  readonly lapsLed: number;
  readonly fastestLaps: number | null;
  readonly status: string;
  readonly points: number | null;
  readonly rating: number | null;
}

const MAX_FIELD = 43; // the largest Cup field since 1998; positions above it are typos

/** Reads every row; returns the rows without issues (bad rows are in `issues`). Also the data-row count. */
export function readResultRows(text: string, issues: IssueLog): { rows: ResultRow[]; total: number } {
  const rows: ResultRow[] = [];
  let total = 0;
  for (const r of readTable(text, RESULTS_COLUMNS, issues)) {
    total++;
    const season = r.int('season', { required: true, min: 1949, max: 2100 });
    const round = r.int('race_num', { required: true, min: 1, max: 60 });
    const date = r.date('race_date', { required: true });
    const trackRaw = r.str('track', { required: true });
    const configId = r.str('track_config_id');
    const driverRaw = r.str('driver', { required: true, maxLength: 80 });
    const start = r.int('start', { required: true, min: 1, max: MAX_FIELD });
    const finish = r.int('finish', { required: true, min: 1, max: MAX_FIELD });
    const lapsCompleted = r.int('laps', { required: true, min: 0, max: 2_000 });
    const lapsLed = r.int('laps_led', { required: true, min: 0, max: 2_000 });
    const fastestLaps = r.int('fastest_laps', { min: 0, max: 2_000 });
    const status = r.str('status', { required: true, maxLength: 40 });
    const nascarId = r.int('nascar_driver_id', { min: 1 });
    const row = {
      raceName: r.str('race_name', { maxLength: 120 }),
      car: r.str('car', { maxLength: 6 }),
      team: r.str('team', { maxLength: 120 }),
      make: r.str('make', { maxLength: 40 }),
      points: r.int('points', { min: -100, max: 100 }),
      rating: r.num('driver_rating', { min: 0, max: 160 }),
    };
    if (driverRaw !== null && nameKey(driverRaw) === '') issues.add(r.line, 'driver', `'${driverRaw}' has no letters or digits`);
    if (lapsCompleted !== null && lapsLed !== null && lapsLed > lapsCompleted) issues.add(r.line, 'laps_led', `laps led (${lapsLed}) exceed laps completed (${lapsCompleted})`);
    if (lapsCompleted !== null && fastestLaps !== null && fastestLaps > lapsCompleted) issues.add(r.line, 'fastest_laps', `fastest laps (${fastestLaps}) exceed laps completed (${lapsCompleted})`);
    let track: TrackConfig | null = null;
    if (trackRaw !== null && season !== null) {
      const t = resolveTrack({ name: trackRaw, season, date, configId });
      if (t.ok) track = t.track;
      else issues.add(r.line, configId ? 'track_config_id' : 'track', t.reason);
    }
    if (issues.has(r.line)) continue;
    rows.push({
      line: r.line,
      season: season!,
      round: round!,
      date: date!,
      track: track!,
      trackRaw: cleanName(trackRaw!),
      driverRaw: cleanName(driverRaw!),
      nascarId,
      start: start!,
      finish: finish!,
      lapsCompleted: lapsCompleted!,
      lapsLed: lapsLed!,
      fastestLaps,
      status: normaliseStatus(status!),
      ...row,
    });
  }
  return { rows, total };
}
