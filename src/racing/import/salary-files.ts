/**
 * DraftKings and FanDuel NASCAR salary exports → one slate file shape.
 *
 * DraftKings (DKSalaries.csv):
 *   Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame
 *   D,Kyle Larson (40112233),Kyle Larson,40112233,D,11500,Bass Pro Shops 500 @ Bristol 04/12/2026 03:00PM ET,,48.2
 * FanDuel (players list; unnamed spacer columns are ignored, Tier is optional):
 *   Id,Position,First Name,Nickname,Last Name,FPPG,Played,Salary,Game,Team,Opponent,Injury Indicator,Injury Details,Tier,Roster Position
 *   120456-88231,D,Kyle,Kyle Larson,Larson,52.1,8,14000,,,,,,,D
 * Drivers are position "D"; a file of another sport is rejected row by row.
 */
import type { Site } from '../../../engine/contract/index.js';
import { cleanName, nameKey } from '../names/normalise.js';
import { parseGameInfo } from './eastern-time.js';
import type { IssueLog } from './issues.js';
import { readTable, type TableRow } from './table.js';

export interface SlatePlayerRow {
  readonly line: number;
  readonly nameRaw: string;
  readonly siteId: string;
  readonly salary: number;
  readonly rosterPosition: string | null;
  readonly avgPoints: number | null;
}

export interface SlateFile {
  readonly site: Site;
  readonly players: readonly SlatePlayerRow[];
  /** Data rows read (good and bad). */
  readonly total: number;
  /** Lock time from the file (DraftKings Game Info), ISO UTC; null for FanDuel. */
  readonly lockTime: string | null;
  /** Race date from the file (Eastern date of the lock), YYYY-MM-DD. */
  readonly date: string | null;
  /** Event text of the Game Info cell, e.g. 'Bass Pro Shops 500 @ Bristol'. */
  readonly event: string | null;
}

/** Site rules of a classic NASCAR contest (used when the import does not override them). */
export const SITE_RULES: Readonly<Record<Site, { readonly salaryCap: number; readonly rosterSize: number }>> = {
  DK: { salaryCap: 50_000, rosterSize: 6 },
  FD: { salaryCap: 50_000, rosterSize: 5 },
};

const SALARY = { required: true, min: 100, max: 100_000 } as const;

export function readDkSalaries(text: string, issues: IssueLog, warnings: IssueLog): SlateFile {
  const spec = { required: ['Position', 'Name + ID', 'Name', 'ID', 'Roster Position', 'Salary', 'Game Info'], optional: ['TeamAbbrev', 'AvgPointsPerGame'] };
  const players: SlatePlayerRow[] = [];
  const locks = new Map<string, { date: string; event: string; line: number }>();
  let total = 0;
  for (const r of readTable(text, spec, issues)) {
    total++;
    const name = r.str('Name', { required: true, maxLength: 80 });
    const id = r.str('ID', { required: true, maxLength: 20 });
    if (id !== null && !/^\d+$/.test(id)) issues.add(r.line, 'ID', `'${id}' is not a DraftKings player id (digits)`);
    const nameId = r.str('Name + ID', { required: true, maxLength: 110 });
    if (nameId !== null && id !== null && !nameId.endsWith(`(${id})`)) issues.add(r.line, 'Name + ID', `'${nameId}' does not end with the row's ID (${id})`);
    checkDriverPosition(r, 'Position', issues);
    const salary = r.int('Salary', SALARY);
    const avgPoints = r.num('AvgPointsPerGame', { min: -100, max: 1_000 });
    const gameInfo = r.str('Game Info', { required: true });
    if (gameInfo !== null) {
      const g = parseGameInfo(gameInfo);
      if (!g) issues.add(r.line, 'Game Info', `'${gameInfo}' has no lock time like '04/12/2026 03:00PM ET'`);
      else if (!locks.has(g.lockTime)) locks.set(g.lockTime, { date: g.date, event: g.event, line: r.line });
    }
    if (issues.has(r.line)) continue;
    players.push({ line: r.line, nameRaw: cleanName(name!), siteId: id!, salary: salary!, rosterPosition: r.str('Roster Position'), avgPoints });
  }
  // A classic NASCAR slate is one race: one lock. Several mean a mixed export; lock at the first.
  const sorted = [...locks.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (sorted.length > 1) warnings.add(sorted[1]![1].line, 'Game Info', `the file has ${sorted.length} different lock times; the slate locks at the earliest (${sorted[0]![0]})`);
  const first = sorted[0];
  checkDuplicates(players, issues, 'ID', 'Name');
  return { site: 'DK', players: players.filter((p) => !issues.has(p.line)), total, lockTime: first?.[0] ?? null, date: first?.[1].date ?? null, event: first?.[1].event || null };
}

export function readFdSalaries(text: string, issues: IssueLog): SlateFile {
  const spec = { required: ['Id', 'Salary'], optional: ['Position', 'First Name', 'Nickname', 'Last Name', 'FPPG', 'Game', 'Roster Position'] };
  const players: SlatePlayerRow[] = [];
  let total = 0;
  let headerChecked = false;
  for (const r of readTable(text, spec, issues)) {
    if (!headerChecked && !r.has('Nickname') && !(r.has('First Name') && r.has('Last Name'))) {
      issues.add(1, 'Nickname', "missing the driver's name: expected a 'Nickname' column or 'First Name' and 'Last Name'");
      break;
    }
    headerChecked = true;
    total++;
    const id = r.str('Id', { required: true, maxLength: 30 });
    if (id !== null && !/^\d+(-\d+)?$/.test(id)) issues.add(r.line, 'Id', `'${id}' is not a FanDuel player id like 120456-88231`);
    const nick = r.str('Nickname', { maxLength: 80 });
    const full = [r.str('First Name', { maxLength: 40 }), r.str('Last Name', { maxLength: 40 })].filter(Boolean).join(' ');
    const name = nick ?? (full || null);
    if (name === null) issues.add(r.line, r.has('Nickname') ? 'Nickname' : 'Last Name', 'value is required');
    if (r.has('Position')) checkDriverPosition(r, 'Position', issues);
    const salary = r.int('Salary', SALARY);
    const avgPoints = r.num('FPPG', { min: -100, max: 1_000 });
    if (issues.has(r.line)) continue;
    players.push({ line: r.line, nameRaw: cleanName(name!), siteId: id!, salary: salary!, rosterPosition: r.str('Roster Position'), avgPoints });
  }
  checkDuplicates(players, issues, 'Id', 'Nickname');
  return { site: 'FD', players: players.filter((p) => !issues.has(p.line)), total, lockTime: null, date: null, event: null };
}

function checkDriverPosition(r: TableRow, column: string, issues: IssueLog): void {
  const pos = r.str(column, { required: true });
  if (pos !== null && pos.toUpperCase() !== 'D') issues.add(r.line, column, `position '${pos}' is not a NASCAR driver ('D'): is this a salary file of another sport?`);
}

/** A site id or a driver may appear once per slate; the later line is the one reported. */
function checkDuplicates(players: readonly SlatePlayerRow[], issues: IssueLog, idColumn: string, nameColumn: string): void {
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  for (const p of players) {
    const atId = ids.get(p.siteId);
    if (atId !== undefined) issues.add(p.line, idColumn, `player id ${p.siteId} already appears on line ${atId}`);
    else ids.set(p.siteId, p.line);
    const k = nameKey(p.nameRaw);
    const atName = names.get(k);
    if (atName !== undefined) issues.add(p.line, nameColumn, `driver '${p.nameRaw}' already appears on line ${atName}`);
    else names.set(k, p.line);
  }
}
