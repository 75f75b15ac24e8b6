/**
 * Loads the combined Cup table (../shared/data, 2015-2025) into CalibrationData for tests and
 * benches. Dependency-free CSV parsing (quoted fields supported). Fails loudly when the file is
 * missing: real-data tests must never skip silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CalibrationData, CalibrationRace, CalibrationResultRow } from '../../engine/contract/calibration-types.js';
import { TRACK_TYPES, type TrackType } from '../../engine/contract/models.js';
import { parseCsvRows } from '../../engine/lineup/upload-csv.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CUP_CSV = path.resolve(REPO_ROOT, '../shared/data/combined_cup_2015_2025/cup_driver_races_2015_2025.csv');

/** Splits one CSV line ("quoted, fields" and "" escapes) with the engine's RFC 4180 parser. */
export function parseCsvLine(line: string): string[] {
  return parseCsvRows(line)[0] ?? [];
}

/** Rows of a whole CSV text, blank lines dropped. */
function csvRows(text: string): string[][] {
  return parseCsvRows(text).filter((r) => r.length > 1 || r[0] !== '');
}

/** Parses the combined CSV text. Driver id = NASCAR id (name where the id is missing). */
export function parseCupCsv(text: string): CalibrationData {
  const [header, ...rows] = csvRows(text);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`cup CSV: missing column ${name}`);
    return i;
  };
  const c = Object.fromEntries(
    ['season', 'race_num', 'race_date', 'track_type', 'driver', 'nascar_driver_id', 'team', 'make', 'start', 'finish', 'laps', 'laps_led', 'status', 'fastest_laps'].map((n) => [n, col(n)]),
  ) as Record<string, number>;
  const idByName = new Map<string, string>();
  for (const r of rows) if (r[c.nascar_driver_id]) idByName.set(r[c.driver], r[c.nascar_driver_id]);
  const byRace = new Map<string, { season: number; date: string; trackType: TrackType; results: CalibrationResultRow[] }>();
  for (const r of rows) {
    const raceId = `${r[c.season]}-${String(r[c.race_num]).padStart(2, '0')}`;
    const trackType = r[c.track_type] as TrackType;
    if (!TRACK_TYPES.includes(trackType)) throw new Error(`cup CSV: unknown track_type ${trackType} in ${raceId}`);
    let race = byRace.get(raceId);
    if (!race) {
      race = { season: Number(r[c.season]), date: r[c.race_date], trackType, results: [] };
      byRace.set(raceId, race);
    }
    race.results.push({
      driverId: r[c.nascar_driver_id] || idByName.get(r[c.driver]) || r[c.driver],
      teamId: r[c.team] || undefined,
      manufacturer: r[c.make] || undefined,
      start: Number(r[c.start]),
      finish: Number(r[c.finish]),
      lapsLed: Number(r[c.laps_led] || 0),
      fastestLaps: r[c.fastest_laps] === '' ? null : Number(r[c.fastest_laps]),
      lapsCompleted: Number(r[c.laps]),
      status: r[c.status],
    });
  }
  const races: CalibrationRace[] = [...byRace.entries()]
    .map(([raceId, r]) => ({ raceId, season: r.season, date: r.date, trackType: r.trackType, laps: Math.max(...r.results.map((x) => x.lapsCompleted)), results: r.results }))
    .sort((a, b) => (a.date === b.date ? a.raceId.localeCompare(b.raceId) : a.date.localeCompare(b.date)));
  return { races };
}

/** Reads and parses the shared Cup table; throws with the expected path when it is missing. */
export function loadCupData(file = CUP_CSV): CalibrationData {
  if (!existsSync(file)) throw new Error(`Cup data not found at ${file} (expected ../shared/data next to the repo)`);
  return parseCupCsv(readFileSync(file, 'utf8'));
}

/** Driver display names keyed by the ids loadCupData uses (for reports). */
export function cupDriverNames(file = CUP_CSV): Map<string, string> {
  const data = csvRows(readFileSync(file, 'utf8'));
  const h = data[0];
  const [iId, iName] = [h.indexOf('nascar_driver_id'), h.indexOf('driver')];
  return new Map(data.slice(1).map((r) => [r[iId] || r[iName], r[iName]]));
}
