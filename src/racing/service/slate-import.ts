/**
 * importDkSalaries / importFdSalaries: a site salary CSV → a Slate bound to its Race, with one
 * PRICED relationship per driver. The whole slate is one transaction, and the slate mirrors the
 * file (a driver dropped from a corrected file loses its salary).
 *
 * The race is, in order: `raceId` (must exist); `race` (created when missing, left alone when it
 * exists so results stay the truth); else the race dated within a day of the lock time (from the
 * DraftKings Game Info or `lockTime`).
 */
import type { Site } from '../../../engine/contract/index.js';
import { UserInputError } from '../../errors.js';
import { IssueLog } from '../import/issues.js';
import { SERIES, raceId as makeRaceId } from '../import/results-plan.js';
import { SITE_RULES, readDkSalaries, readFdSalaries, type SlateFile } from '../import/salary-files.js';
import { DriverResolver } from '../names/resolve-driver.js';
import { raceById, racesNear } from '../read/race-lookup.js';
import { resolveTrack } from '../tracks/resolve-track.js';
import { RacingGraphWriter } from '../write/graph-writer.js';
import { loadDriverLookups } from '../write/lookups.js';
import { emptyStats } from '../write/write-stats.js';
import { EntityCollector, cypherDate, cypherDateTime, int, props } from './entity-params.js';
import { checkSize, makeReport, rejectIfNeeded, type ImportOptions, type ImportReport } from './import-report.js';
import type { ImportDeps } from './results-import.js';

export interface NewRaceInput {
  readonly season: number;
  readonly round: number;
  /** YYYY-MM-DD */
  readonly date: string;
  /** Track name as the feeds write it, or a configuration id (e.g. bristol_concrete). */
  readonly track: string;
  readonly name?: string | null;
  /** Scheduled laps. */
  readonly laps?: number | null;
}

export interface SlateTarget {
  readonly raceId?: string | null;
  readonly race?: NewRaceInput | null;
  /** @default `<site>-<raceId>`, e.g. dk-cup-2026-08 */
  readonly slateId?: string | null;
  readonly name?: string | null;
  /** ISO-8601 with offset; DraftKings files carry it in Game Info. */
  readonly lockTime?: string | null;
  readonly salaryCap?: number | null;
  readonly rosterSize?: number | null;
}

const ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export async function importSlate(deps: ImportDeps, site: Site, csv: string, target: SlateTarget, opts: ImportOptions = {}): Promise<ImportReport> {
  const startedAt = Date.now();
  checkSize(csv, 'input.csv');
  const kind = site === 'DK' ? 'DK_SALARIES' : 'FD_SALARIES';
  const issues = new IssueLog();
  const warnings = new IssueLog();
  const file: SlateFile = site === 'DK' ? readDkSalaries(csv, issues, warnings) : readFdSalaries(csv, issues);
  const lenient = opts.lenient ?? false;
  rejectIfNeeded(kind, 'input.csv', issues, { lenient, rows: file.total, accepted: file.players.length });

  const rules = { salaryCap: target.salaryCap ?? SITE_RULES[site].salaryCap, rosterSize: target.rosterSize ?? SITE_RULES[site].rosterSize };
  if (!Number.isInteger(rules.salaryCap) || rules.salaryCap < 1_000 || rules.salaryCap > 1_000_000) throw new UserInputError('salaryCap must be a whole number of dollars between 1,000 and 1,000,000', 'input.salaryCap');
  if (!Number.isInteger(rules.rosterSize) || rules.rosterSize < 1 || rules.rosterSize > 10) throw new UserInputError('rosterSize must be 1..10', 'input.rosterSize');
  if (file.players.length < rules.rosterSize) throw new UserInputError(`the slate has ${file.players.length} drivers, fewer than a roster of ${rules.rosterSize}`, 'input.csv');
  const lockTime = target.lockTime ?? file.lockTime;
  if (lockTime !== null && Number.isNaN(Date.parse(lockTime))) throw new UserInputError(`lockTime '${lockTime}' is not an ISO-8601 instant`, 'input.lockTime');

  const c = new EntityCollector(site === 'DK' ? 'draftkings' : 'fanduel');
  const race = await bindRace(deps, target, lockTime, c, warnings);
  const slateId = target.slateId ?? `${site.toLowerCase()}-${race.id}`;
  if (!ID.test(slateId)) throw new UserInputError(`slateId '${slateId}' must be lower-case letters, digits, '-' or '_'`, 'input.slateId');

  const resolver = new DriverResolver(await loadDriverLookups(deps.driver, deps.database));
  const salaries = [];
  const byDriver = new Map<string, number>();
  for (const p of file.players) {
    const res = resolver.resolve(p.nameRaw);
    const at = byDriver.get(res.driverId);
    if (at !== undefined) {
      issues.add(p.line, site === 'DK' ? 'Name' : 'Nickname', `'${p.nameRaw}' is the same driver (${res.driverId}) as line ${at}`);
      continue;
    }
    byDriver.set(res.driverId, p.line);
    salaries.push({ driverId: c.driver(res), props: props({ salary: int(p.salary), siteId: p.siteId, rosterPosition: p.rosterPosition, avgPoints: p.avgPoints }) });
  }
  rejectIfNeeded(kind, 'input.csv', issues, { lenient, rows: file.total, accepted: salaries.length });
  for (const id of resolver.newDriverIds()) warnings.add(byDriver.get(id) ?? 1, site === 'DK' ? 'Name' : 'Nickname', `new driver '${id}': no result or alias matched this name (map it with mapDriverAlias if it is a known driver)`);

  const slate = { id: slateId, props: props({ site, salaryCap: int(rules.salaryCap), rosterSize: int(rules.rosterSize), lockTime: lockTime ? cypherDateTime(lockTime) : null, name: target.name ?? file.event ?? `${site} ${race.name ?? race.id}` }) };
  const stats = opts.dryRun ? emptyStats() : await new RacingGraphWriter(deps.driver, deps.database).writeSlate({ ...c.params(), slate, raceId: race.id, salaries });
  return makeReport(kind, { opts, rows: file.total, accepted: salaries.length, issues, warnings, stats, batches: opts.dryRun ? 0 : 1, raceIds: [race.id], slateId, newDrivers: resolver.newDriverIds(), startedAt });
}

async function bindRace(deps: ImportDeps, t: SlateTarget, lockTime: string | null, c: EntityCollector, warnings: IssueLog): Promise<{ id: string; name: string | null }> {
  if (t.raceId) {
    const r = await raceById(deps.driver, deps.database, t.raceId);
    if (!r) throw new UserInputError(`race '${t.raceId}' not found: import its results first, or pass input.race to create it`, 'input.raceId');
    return r;
  }
  if (t.race) {
    const id = makeRaceId(t.race.season, t.race.round);
    const existing = await raceById(deps.driver, deps.database, id);
    if (existing) {
      // Results own an existing race; the slate only binds to it.
      if (existing.date !== t.race.date) warnings.add(1, null, `race ${id} exists, dated ${existing.date}, not ${t.race.date} as given: the slate was bound to it unchanged`);
      return existing;
    }
    const track = resolveTrack({ name: t.race.track, season: t.race.season, date: t.race.date, configId: /^[a-z0-9_]+$/.test(t.race.track) ? t.race.track : null });
    if (!track.ok) throw new UserInputError(track.reason, 'input.race.track');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t.race.date) || Number(t.race.date.slice(0, 4)) !== t.race.season) throw new UserInputError(`race date '${t.race.date}' must be YYYY-MM-DD in season ${t.race.season}`, 'input.race.date');
    c.race(id, c.track(track.track, null), { series: SERIES, season: int(t.race.season), round: int(t.race.round), date: cypherDate(t.race.date), name: t.race.name, laps: int(t.race.laps) });
    return { id, name: t.race.name ?? null };
  }
  if (!lockTime) throw new UserInputError('cannot tell which race this slate is for: pass input.raceId, input.race or input.lockTime', 'input.raceId');
  const date = easternDate(lockTime);
  const near = await racesNear(deps.driver, deps.database, date);
  if (near.length !== 1) throw new UserInputError(`${near.length === 0 ? 'no race' : `${near.length} races`} within a day of ${date} (the slate's lock): pass input.raceId or input.race`, 'input.raceId', { candidates: near.map((r) => r.id) });
  return near[0]!;
}

function easternDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
