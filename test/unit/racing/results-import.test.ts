import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../../src/racing/import/issues.js';
import { readResultRows } from '../../../src/racing/import/results-csv.js';
import { batchRaces, planRaces } from '../../../src/racing/import/results-plan.js';

const HEADER = 'season,race_num,race_date,track,race_name,driver,nascar_driver_id,car,team,make,start,finish,laps,laps_led,status,fastest_laps';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const ok = (driver: string, start: number, finish: number, extra: Partial<Record<'laps' | 'led' | 'fl' | 'status' | 'date' | 'round', string>> = {}) =>
  `2024,${extra.round ?? '5'},${extra.date ?? '2024-03-17'},Bristol Motor Speedway,Food City 500,${driver},,${finish},Team A,Chevrolet,${start},${finish},${extra.laps ?? '500'},${extra.led ?? '0'},${extra.status ?? 'running'},${extra.fl ?? ''}`;

function read(text: string) {
  const issues = new IssueLog();
  const warnings = new IssueLog();
  const { rows, total } = readResultRows(text, issues);
  const races = planRaces(rows, issues, warnings);
  return { rows, total, races, issues: issues.items(), warnings: warnings.items() };
}

describe('results CSV validation', () => {
  it('accepts a race and derives its id, track configuration and laps (the winner’s laps completed)', () => {
    const r = read(csv(ok('Denny Hamlin', 3, 1, { led: '163', fl: '92' }), ok('Kyle Larson', 1, 2, { led: '100' }), ok('Ty Dillon', 30, 3, { laps: '480', status: 'Accident' })));
    expect(r.issues).toEqual([]);
    expect(r.races).toHaveLength(1);
    const race = r.races[0]!;
    expect(race).toMatchObject({ id: 'cup-2024-05', date: '2024-03-17', laps: 500, name: 'Food City 500' });
    expect(race.track.id).toBe('bristol_concrete');
    expect(race.rows.map((x) => [x.driverRaw, x.fastestLaps, x.status])).toEqual([
      ['Denny Hamlin', 92, 'running'],
      ['Kyle Larson', null, 'running'],
      ['Ty Dillon', null, 'Accident'],
    ]);
  });

  it('lists every bad cell with its line and column, and drops only the bad rows', () => {
    const r = read(
      csv(
        ok('Good One', 1, 1),
        '2024,5,2024-03-17,Bristol Motor Speedway,Food City 500,Bad Start,,2,T,Ford,zero,2,500,0,running,', // line 3
        '2024,5,2024-13-40,Bristol Motor Speedway,Food City 500,Bad Date,,3,T,Ford,3,3,500,0,running,', // line 4
        '2024,5,2024-03-17,Springfield Mile,Food City 500,Bad Track,,4,T,Ford,4,4,500,0,running,', // line 5
        ok('Led Too Much', 5, 5, { laps: '10', led: '11' }), // line 6
        '2024,5,2024-03-17,Bristol Motor Speedway,Food City 500,,,6,T,Ford,6,6,500,0,running,', // line 7
        '2024,5', // line 8
      ),
    );
    expect(r.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'start'],
      [4, 'race_date'],
      [5, 'track'],
      [6, 'laps_led'],
      [7, 'driver'],
      [8, null],
      [8, 'driver'],
      [8, 'finish'],
      [8, 'laps'],
      [8, 'laps_led'],
      [8, 'race_date'],
      [8, 'start'],
      [8, 'status'],
      [8, 'track'],
    ]);
    expect(r.issues.find((i) => i.line === 3)!.reason).toMatch(/'zero' is not a whole number/);
    expect(r.races[0]!.rows.map((x) => x.line)).toEqual([2]);
  });

  it('rejects a header without a required column, naming it', () => {
    const r = read('season,race_num,track,driver\n2024,1,Daytona,X');
    expect(r.total).toBe(0);
    expect(r.issues.map((i) => i.column)).toEqual(['finish', 'laps', 'laps_led', 'race_date', 'start', 'status']);
    expect(r.issues.every((i) => i.line === 1)).toBe(true);
  });

  it('finds race-level conflicts: duplicate drivers, positions and a row whose date disagrees with its race', () => {
    const r = read(csv(ok('Kyle Larson', 1, 1), ok('Denny Hamlin', 2, 2), ok('Ryan Blaney', 3, 2), ok('KYLE LARSON', 4, 4), ok('Joey Logano', 2, 5), ok('Chase Elliott', 6, 6, { date: '2024-03-18' })));
    expect(r.issues.map((i) => [i.line, i.column])).toEqual([
      [4, 'finish'],
      [5, 'driver'],
      [6, 'start'],
      [7, 'race_date'],
    ]);
    expect(r.races[0]!.rows.map((x) => x.driverRaw)).toEqual(['Kyle Larson', 'Denny Hamlin']);
  });

  it('warns when laps led add up to more than the race', () => {
    const r = read(csv(ok('A', 1, 1, { laps: '100', led: '60' }), ok('B', 2, 2, { laps: '100', led: '41' })));
    expect(r.issues).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.reason).toMatch(/101, more than the race's 100 laps/);
  });

  it('batches whole races in date order', () => {
    const rows = [1, 2, 3].flatMap((round) => [0, 1, 2].map((k) => ok(`D${k}`, k + 1, k + 1, { round: String(round), date: `2024-0${4 - round}-01` })));
    const { races } = read(csv(...rows));
    expect(races.map((x) => x.id)).toEqual(['cup-2024-03', 'cup-2024-02', 'cup-2024-01']);
    const batches = batchRaces(races, 5);
    expect(batches.map((b) => b.map((x) => x.id))).toEqual([['cup-2024-03'], ['cup-2024-02'], ['cup-2024-01']]);
    expect(batchRaces(races, 6).map((b) => b.length)).toEqual([2, 1]);
  });
});

describe('the real combined Cup table (../shared/data)', () => {
  const file = path.resolve(import.meta.dirname, '../../../../shared/data/combined_cup_2015_2025/cup_driver_races_2015_2025.csv');
  it('validates with no issues: 15,341 rows in 396 races, every track resolved to its era', () => {
    if (!existsSync(file)) throw new Error(`real data missing at ${file}`);
    const r = read(readFileSync(file, 'utf8'));
    expect(r.issues).toEqual([]);
    expect(r.total).toBe(15_341);
    expect(r.races).toHaveLength(396);
    // Era splits: the same feed name maps to two configurations.
    const atlanta = r.races.filter((x) => x.trackRaw === 'Atlanta Motor Speedway');
    expect(new Set(atlanta.filter((x) => x.season <= 2021).map((x) => x.track.id))).toEqual(new Set(['atlanta_pre_2022']));
    expect(new Set(atlanta.filter((x) => x.season >= 2022).map((x) => x.track.id))).toEqual(new Set(['atlanta_post_2022']));
  });

  it('resolves the same configuration from the track name alone as the table’s track_config_id says', () => {
    if (!existsSync(file)) throw new Error(`real data missing at ${file}`);
    const lines = readFileSync(file, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const drop = header.indexOf('track_config_id');
    const strip = (l: string) => l.split(',').filter((_, i) => i !== drop).join(',');
    // Only lines whose fields hold no quoted commas can be cut this simply (most of them).
    const simple = lines.slice(1).filter((l) => l && !l.includes('"'));
    const withId = read([lines[0], ...simple].join('\n'));
    const byName = read([strip(lines[0]!), ...simple.map(strip)].join('\n'));
    expect(byName.issues).toEqual([]);
    expect(byName.races.map((x) => [x.id, x.track.id])).toEqual(withId.races.map((x) => [x.id, x.track.id]));
  });
});
