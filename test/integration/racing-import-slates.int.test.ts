/**
 * DraftKings / FanDuel salary importers on the real Neo4j through the GraphQL API: the real
 * Bristol 2026 DraftKings slate bound to a race it creates, binding by lock date and by race id,
 * idempotent re-import, a corrected file that drops a driver, malformed files, lenient mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportDkSalariesDocument, ImportFdSalariesDocument, ImportResultsDocument, SlateWithSalariesDocument } from '../../client/__generated__/operations.js';
import { loadSlate } from '../../src/racing/read/calibration-data.js';
import { gql } from '../support/graphql-client.js';
import { BRISTOL_2026, TestRuns, bristolDkSalariesCsv, race, resultsCsv, startRacingStack } from '../support/racing.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
const runs = new TestRuns(1970);
const run = { token: runs.token, season: runs.season() };
const drivers = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'].map((n) => `${n} ${run.token} Tester`);
const id = (n: string) => n.toLowerCase().replace(/ /g, '-');
const raceId = `cup-${run.season}-01`;
const DK_HEADER = 'Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame';
// resultsCsv dates round 1 on <season>-03-11; the slate locks that afternoon (Eastern).
const dkRow = (name: string, i: number, salary = 11_000 - 500 * i) => `D,${name} (${run.season}${i}),${name},${run.season}${i},D,${salary},Test 500 @ Bristol 03/11/${run.season} 03:00PM ET,,${30 - i}.5`;
const dkCsv = (names: readonly string[]) => [DK_HEADER, ...names.map((n, i) => dkRow(n, i))].join('\n');

beforeAll(async () => {
  stack = await startRacingStack();
  const r = await gql(stack.url, ImportResultsDocument, { input: { csv: resultsCsv(run.season, race(1, drivers)) } });
  expect(r.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  if (stack) await runs.cleanup(stack.api.driver);
  await stack?.stop();
});

async function cypher(q: string, params: Record<string, unknown> = {}) {
  const { records } = await stack.api.driver.executeQuery(q, params);
  return records.map((r) => r.toObject());
}

describe('importDkSalaries', () => {
  it('imports the real Bristol 2026 slate, creating its (upcoming) race, and serves it through GraphQL', async () => {
    const r = await gql(stack.url, ImportDkSalariesDocument, { input: { csv: bristolDkSalariesCsv(), race: { ...BRISTOL_2026 } } });
    expect(r.errors).toBeUndefined();
    const rep = r.data!.importDkSalaries;
    expect(rep).toMatchObject({ kind: 'DK_SALARIES', rows: 37, accepted: 37, issueCount: 0, slateId: 'dk-cup-2026-08', raceIds: ['cup-2026-08'] });

    const slate = (await gql(stack.url, SlateWithSalariesDocument, { id: 'dk-cup-2026-08' })).data!.slate!;
    expect(slate).toMatchObject({ site: 'DK', salaryCap: 50_000, rosterSize: 6, lockTime: '2026-04-12T19:00:00Z', race: { id: 'cup-2026-08', date: '2026-04-12', laps: 500, track: { id: 'bristol_concrete', type: 'SHORT' } } });
    const edges = slate.driversConnection.edges;
    expect(slate.driversConnection.totalCount).toBe(37);
    expect(edges[0]).toMatchObject({ properties: { salary: 11_500, siteId: '90000001' }, node: { id: 'kyle-larson', name: 'Kyle Larson' } });
    expect(edges.map((e) => e.properties.salary)).toEqual([...edges.map((e) => e.properties.salary)].sort((a, b) => b - a));
    // DraftKings spellings get the ids the results importer gives these drivers.
    const ids = edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining(['john-hunter-nemechek', 'ricky-stenhouse-jr', 'aj-allmendinger', 'daniel-suarez', 'shane-van-gisbergen']));

    const loaded = await loadSlate(stack.api.driver, 'neo4j', 'dk-cup-2026-08');
    expect(loaded).toMatchObject({ slateId: 'dk-cup-2026-08', site: 'DK', salaryCap: 50_000, rosterSize: 6, raceId: 'cup-2026-08', trackType: 'short', laps: 500 });
    expect(loaded!.players).toHaveLength(37);
    expect(loaded!.players[0]).toEqual({ driverId: 'kyle-larson', name: 'Kyle Larson', salary: 11_500, siteId: '90000001' });
  });

  it('binds to the race dated on the lock day, and a re-import changes nothing', async () => {
    const first = await gql(stack.url, ImportDkSalariesDocument, { input: { csv: dkCsv(drivers) } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importDkSalaries).toMatchObject({ slateId: `dk-${raceId}`, raceIds: [raceId], accepted: 7, newDrivers: [] });
    const again = (await gql(stack.url, ImportDkSalariesDocument, { input: { csv: dkCsv(drivers) } })).data!.importDkSalaries;
    expect(again).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, relationshipsDeleted: 0, updated: 0 });
    const loaded = await loadSlate(stack.api.driver, 'neo4j', `dk-${raceId}`);
    // The race has results, so the slate knows each driver's starting position (backtests).
    expect(loaded!.players.map((p) => [p.driverId, p.salary, p.startPosition])).toEqual(drivers.map((d, i) => [id(d), 11_000 - 500 * i, drivers.length - i]));
  });

  it('a corrected file is mirrored: changed salaries updated, a dropped driver removed', async () => {
    const names = drivers.slice(0, 6);
    const csv = [DK_HEADER, ...names.map((n, i) => dkRow(n, i, i === 0 ? 12_000 : 11_000 - 500 * i))].join('\n');
    const r = (await gql(stack.url, ImportDkSalariesDocument, { input: { csv } })).data!.importDkSalaries;
    expect(r).toMatchObject({ accepted: 6, updated: 1, relationshipsDeleted: 1, relationshipsCreated: 0 });
    const priced = await cypher('MATCH (d:Driver)-[p:PRICED]->(:Slate {id: $s}) RETURN d.id AS d, p.salary AS salary ORDER BY salary DESC', { s: `dk-${raceId}` });
    expect(priced).toHaveLength(6);
    expect(priced[0]).toEqual({ d: id(drivers[0]!), salary: 12_000 });
  });

  it('rejects a malformed file with every bad line listed, and writes nothing', async () => {
    const other = { token: run.token, season: runs.season() };
    const csv = [DK_HEADER, dkRow(drivers[0]!, 0), 'QB,Josh Allen (1),Josh Allen,1,QB,8000,BUF@MIA 09/20/2026 01:00PM ET,BUF,24.5', dkRow(drivers[1]!, 1).replace(',10500,', ',cheap,'), dkRow(drivers[0]!, 5)].join('\n');
    const r = await gql(stack.url, ImportDkSalariesDocument, { input: { csv, slateId: `dk-bad-${other.token}`, race: { season: other.season, round: 1, date: `${other.season}-05-01`, track: 'Kansas Speedway' } } });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv' });
    const issues = r.errors![0]!.extensions!.issues as { line: number; column: string }[];
    expect(issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'Position'],
      [4, 'Salary'],
      [5, 'Name'],
    ]);
    expect(await cypher('MATCH (s:Slate {id: $s}) RETURN s', { s: `dk-bad-${other.token}` })).toEqual([]);
    expect(await cypher('MATCH (r:Race {id: $r}) RETURN r', { r: `cup-${other.season}-01` })).toEqual([]);
  });

  it('explains when it cannot tell which race a slate is for', async () => {
    const csv = [DK_HEADER, ...drivers.map((n, i) => dkRow(n, i).replace(`03/11/${run.season}`, `07/04/${run.season}`))].join('\n');
    const r = await gql(stack.url, ImportDkSalariesDocument, { input: { csv } });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.raceId' });
    expect(r.errors![0]!.message).toMatch(new RegExp(`no race within a day of ${run.season}-07-04`));
    const missing = await gql(stack.url, ImportDkSalariesDocument, { input: { csv, raceId: 'cup-1900-01' } });
    expect(missing.errors![0]!.message).toMatch(/race 'cup-1900-01' not found/);
  });
});

describe('importFdSalaries', () => {
  const FD = 'Id,Position,First Name,Nickname,Last Name,FPPG,Played,Salary,Game,Team,Opponent,Injury Indicator,Injury Details,Tier,,,Roster Position';
  const fdRow = (name: string, i: number) => `${run.season}-${100 + i},D,${name.split(' ')[0]},${name},Tester,${40 - i},3,${14_000 - 700 * i},,,,,,,,,D`;

  it('imports a FanDuel slate for a race id, with FanDuel rules (5 drivers, $50,000), lenient about bad lines', async () => {
    const csv = [FD, ...drivers.map(fdRow), `${run.season}-999,D,Bad,Bad ${run.token} Salary,X,1,1,lots,,,,,,,,,D`].join('\n');
    const r = await gql(stack.url, ImportFdSalariesDocument, { input: { csv, raceId, lockTime: `${run.season}-03-11T19:00:00Z`, lenient: true } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.importFdSalaries).toMatchObject({ kind: 'FD_SALARIES', slateId: `fd-${raceId}`, rows: 8, accepted: 7, skipped: 1, issues: [{ line: 9, column: 'Salary' }] });
    const loaded = await loadSlate(stack.api.driver, 'neo4j', `fd-${raceId}`);
    expect(loaded).toMatchObject({ site: 'FD', salaryCap: 50_000, rosterSize: 5, lockTime: `${run.season}-03-11T19:00:00Z` });
    expect(loaded!.players[0]).toMatchObject({ driverId: id(drivers[0]!), salary: 14_000, siteId: `${run.season}-100` });
  });
});
