/**
 * The real data the seed (and the racing tests and bench) read from ../shared/data, turned into
 * the file formats the importers accept. Nothing here is bundled with the product: the data's
 * licences do not allow it (see ../shared/data/README.md), so everything is read at seed time
 * and a missing folder is reported, not worked around.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { csvField } from '../src/racing/import/csv.js';
import { REPO_ROOT } from './local-services.js';

export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');
export const COMBINED_RESULTS = 'combined_cup_2015_2025/cup_driver_races_2015_2025.csv';
export const CRUMMYPICKS_DK = 'nascar_dfs_hub_crummypicks/dk_salaries.csv';

export class MissingDataError extends Error {
  override readonly name = 'MissingDataError';
}

export function sharedFile(rel: string, root = SHARED_DATA): string {
  const f = path.resolve(root, rel);
  if (!existsSync(f)) throw new MissingDataError(`real data not found: ${f} (expected the shared data folder next to the repo)`);
  return f;
}

/** The combined Cup results table restricted to `seasons`, header kept (the importer's format). */
export function realResultsCsv(seasons: readonly number[], root = SHARED_DATA): string {
  const lines = readFileSync(sharedFile(COMBINED_RESULTS, root), 'utf8').split(/\r?\n/);
  const wanted = new Set(seasons.map(String));
  return [lines[0], ...lines.slice(1).filter((l) => wanted.has(l.slice(0, 4)))].join('\n');
}

/** The Bristol 2026-04-12 race the real DraftKings slate is for (not in the results: it was upcoming). */
export const BRISTOL_2026 = { season: 2026, round: 8, date: '2026-04-12', track: 'bristol_concrete', name: 'Bass Pro Shops 500', laps: 500 } as const;

/**
 * The real Bristol 2026 Cup DraftKings salaries (CrummyPicks export) as a DKSalaries.csv. The
 * source has no DraftKings player ids, so ids are synthetic (90000001...); names and salaries
 * are real. Lock: 3:00 PM Eastern on race day.
 */
export function bristolDkSalariesCsv(root = SHARED_DATA): string {
  const rows = readFileSync(sharedFile(CRUMMYPICKS_DK, root), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.split(',')[1] === 'cup');
  const header = 'Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame';
  const lines = rows.map((l, i) => {
    const f = l.split(',');
    const [name, salary, id] = [f[6]!, f[8]!, String(90_000_001 + i)];
    return ['D', `${name} (${id})`, name, id, 'D', salary, 'Bass Pro Shops 500 @ Bristol Motor Speedway 04/12/2026 03:00PM ET', '', ''].map(csvField).join(',');
  });
  return [header, ...lines].join('\n');
}
