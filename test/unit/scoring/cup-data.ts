/**
 * Read-only access to the real Cup data in ../shared/data for tests and the race-sim bench
 * (file reading must never live in engine/). Fails loudly when a file is missing — a test
 * that silently skipped its real-data check would prove nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_DATA = path.resolve(repoRoot, '../shared/data');
export const CUP_DRIVER_RACES = path.join(SHARED_DATA, 'combined_cup_2015_2025/cup_driver_races_2015_2025.csv');
export const CRUMMY_RESULTS = path.join(SHARED_DATA, 'nascar_dfs_hub_crummypicks/race_results.csv');
export const CRUMMY_DFS_POINTS = path.join(SHARED_DATA, 'nascar_dfs_hub_crummypicks/dfs_points_computed.csv');

/** Parse a CSV with a header row into records. Handles double-quoted fields ("a,b", "" escapes). */
export function readCsv(file: string): Record<string, string>[] {
  if (!existsSync(file)) throw new Error(`real-data file missing: ${file} (expected the shared data folder beside the repo, see ../shared/data/README.md)`);
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export interface CupDriverRace {
  readonly season: number;
  readonly raceNum: number;
  readonly trackType: string;
  readonly driver: string;
  readonly start: number;
  readonly finish: number;
  readonly laps: number;
  readonly lapsLed: number;
  readonly status: string;
  /** LapRaptor fastest laps (DraftKings definition), 2019–2025 only. */
  readonly fastestLaps: number | null;
  /** DK points as published in the combined table (only where fastest laps are known). */
  readonly dkPoints: number | null;
}

const optNum = (s: string): number | null => (s === '' ? null : Number(s));

export function loadCupDriverRaces(): CupDriverRace[] {
  return readCsv(CUP_DRIVER_RACES).map((r) => ({
    season: Number(r.season),
    raceNum: Number(r.race_num),
    trackType: r.track_type,
    driver: r.driver,
    start: Number(r.start),
    finish: Number(r.finish),
    laps: Number(r.laps),
    lapsLed: Number(r.laps_led),
    status: r.status,
    fastestLaps: optNum(r.fastest_laps),
    dkPoints: optNum(r.dk_points),
  }));
}

/** Group driver rows into races (key season-raceNum), in file order. */
export function groupRaces(rows: readonly CupDriverRace[]): CupDriverRace[][] {
  const byRace = new Map<string, CupDriverRace[]>();
  for (const r of rows) {
    const key = `${r.season}-${r.raceNum}`;
    const list = byRace.get(key);
    if (list) list.push(r);
    else byRace.set(key, [r]);
  }
  return [...byRace.values()];
}
