/**
 * Results importer on the real Neo4j through the GraphQL API: graph shape, idempotent re-import,
 * corrections, strict rejection (every bad line listed, nothing written), lenient mode, dry run,
 * name normalisation across sources, and a real season loaded back as calibration data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResultsDocument, type ImportResultsMutation } from '../../client/__generated__/operations.js';
import { loadCalibrationData } from '../../src/racing/read/calibration-data.js';
import { gql } from '../support/graphql-client.js';
import { parseCupCsv } from '../support/cup-data.js';
import { TestRuns, race, realResultsCsv, resultsCsv, startRacingStack, type SynthRow } from '../support/racing.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
const runs = new TestRuns(1950);
const run = { token: runs.token, season: runs.season() };
const names = ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((n) => `${n} ${run.token} Tester`);
const id = (n: string) => n.toLowerCase().replace(/ /g, '-');

beforeAll(async () => {
  stack = await startRacingStack();
}, 120_000);
afterAll(async () => {
  if (stack) await runs.cleanup(stack.api.driver);
  await stack?.stop();
});

async function importResults(csv: string, opts: { lenient?: boolean; dryRun?: boolean } = {}) {
  return gql(stack.url, ImportResultsDocument, { input: { csv, ...opts } });
}
async function report(csv: string, opts: { lenient?: boolean; dryRun?: boolean } = {}): Promise<ImportResultsMutation['importResults']> {
  const r = await importResults(csv, opts);
  expect(r.errors).toBeUndefined();
  return r.data!.importResults;
}
async function cypher<T = Record<string, unknown>>(q: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await stack.api.driver.executeQuery(q, params);
  return records.map((r) => r.toObject() as T);
}
/** Everything the import wrote for this run's season, as comparable data. */
async function fingerprint(season: number) {
  return cypher(
    `MATCH (r:Race {season: $season})-[:AT]->(t:Track)
     MATCH (d:Driver)-[f:FINISHED]->(r)
     RETURN r.id AS race, properties(r) AS race_props, t.id AS track, d.id AS driver, properties(f) AS result,
            [(d)-[s:DROVE]->(tm) | [tm.id, s.season]] AS stints, [(a:Alias)-[:REFERS_TO]->(d) | a.raw] AS aliases
     ORDER BY race, driver`,
    { season },
  );
}

const twoRaceRows = (): SynthRow[] => [
  ...race(1, names, { team: (i) => (i < 2 ? `${run.token} Motorsports` : `${run.token} Racing`), make: (i) => (i % 2 ? 'Ford' : 'Chevrolet') }),
  // Race 2 spells the second finisher in capitals: one driver, two raw spellings.
  ...race(2, [names[1]!, names[0]!.toUpperCase(), names[2]!, names[3]!], { team: (i) => (i === 1 ? `${run.token} Motorsports` : `${run.token} Racing`) }),
];
const twoRaces = () => resultsCsv(run.season, twoRaceRows());

describe('importResults', () => {
  it('writes races at their track, drivers, FINISHED results, stints, makes and the alias table', async () => {
    const r = await report(twoRaces());
    expect(r).toMatchObject({ kind: 'RESULTS', rows: 8, accepted: 8, skipped: 0, issueCount: 0, updated: 0, batches: 1 });
    expect(r.raceIds).toEqual([`cup-${run.season}-01`, `cup-${run.season}-02`]);
    expect([...r.newDrivers].sort()).toEqual(names.map(id).sort());
    expect(r.relationshipsCreated).toBeGreaterThanOrEqual(8 + 2); // 8 FINISHED + 2 AT, plus stints and aliases

    const races = await cypher<{ id: string; date: string; laps: number; round: number; track: string; type: string }>(
      'MATCH (r:Race {season: $season})-[:AT]->(t:Track) RETURN r.id AS id, toString(r.date) AS date, r.laps AS laps, r.round AS round, t.id AS track, t.type AS type ORDER BY id',
      { season: run.season },
    );
    expect(races).toEqual([
      { id: `cup-${run.season}-01`, date: `${run.season}-03-11`, laps: 500, round: 1, track: 'bristol_concrete', type: 'short' },
      { id: `cup-${run.season}-02`, date: `${run.season}-03-12`, laps: 500, round: 2, track: 'bristol_concrete', type: 'short' },
    ]);
    const winner = await cypher('MATCH (d:Driver {id: $d})-[f:FINISHED]->(:Race {id: $r}) RETURN properties(f) AS f', { d: id(names[0]!), r: `cup-${run.season}-01` });
    expect(winner[0]!.f).toEqual({ start: 4, finish: 1, lapsLed: 500, fastestLaps: 40, lapsCompleted: 500, status: 'running', car: '1', teamId: `${run.token}-motorsports`, manufacturerId: 'chevrolet' });
    // The upper-cased spelling resolved to the same driver and is in the mapping table.
    const aliases = await cypher<{ raw: string; driver: string; method: string }>('MATCH (a:Alias {kind: "driver"})-[:REFERS_TO]->(d:Driver {id: $d}) RETURN a.raw AS raw, d.id AS driver, a.method AS method ORDER BY raw', { d: id(names[0]!) });
    expect(aliases.map((a) => [a.raw, a.method])).toEqual([
      [names[0]!.toUpperCase(), 'normalised'],
      [names[0], 'new'],
    ]);
    const stints = await cypher('MATCH (:Driver {id: $d})-[s:DROVE]->(t:Team) RETURN t.id AS team, s.season AS season ORDER BY team', { d: id(names[0]!) });
    expect(stints).toEqual([{ team: `${run.token}-motorsports`, season: run.season }]);
    const makes = await cypher('MATCH (:Team {id: $t})-[s:RUNS]->(m:Manufacturer) RETURN m.id AS make, s.season AS season ORDER BY make', { t: `${run.token}-motorsports` });
    expect(makes).toEqual([
      { make: 'chevrolet', season: run.season },
      { make: 'ford', season: run.season },
    ]);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await fingerprint(run.season);
    const r = await report(twoRaces());
    expect(r).toMatchObject({ accepted: 8, nodesCreated: 0, relationshipsCreated: 0, nodesDeleted: 0, relationshipsDeleted: 0, updated: 0, newDrivers: [] });
    expect(await fingerprint(run.season)).toEqual(before);
  });

  it('a corrected file updates exactly the lines that changed (and clears a value it no longer has)', async () => {
    const corrected = twoRaceRows().map((x) => (x.round === 2 && x.driver === names[3] ? { ...x, status: 'engine', laps: 312, fastest: null } : x));
    const r = await report(resultsCsv(run.season, corrected));
    expect(r).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, updated: 1 });
    const f = await cypher('MATCH (:Driver {id: $d})-[f:FINISHED]->(:Race {id: $r}) RETURN properties(f) AS f', { d: id(names[3]!), r: `cup-${run.season}-02` });
    expect(f[0]!.f).toMatchObject({ status: 'engine', lapsCompleted: 312 });
    expect(f[0]!.f).not.toHaveProperty('fastestLaps');
  });

  it('strict mode rejects the whole file, listing every bad line, and writes nothing', async () => {
    const other = { season: runs.season() };
    const bad = resultsCsv(other.season, race(3, names))
      .split('\n')
      .map((l, i) => (i === 2 ? l.replace(',running,', ',,') : i === 4 ? l.replace(/,500,0,/, ',500,999,') : l))
      .concat(['not,a,row'])
      .join('\n');
    const r = await importResults(bad);
    expect(r.data ?? null).toBeNull();
    const err = r.errors![0]!;
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv', issueCount: expect.any(Number), rows: 5 });
    const issues = err.extensions!.issues as { line: number; column: string | null; reason: string }[];
    expect([...new Set(issues.map((i) => i.line))]).toEqual([3, 5, 6]);
    expect(issues.filter((i) => i.line < 6).map((i) => [i.line, i.column])).toEqual([
      [3, 'status'],
      [5, 'laps_led'],
    ]);
    expect(err.message).toMatch(/3 bad line\(s\); nothing was written/);
    expect(await cypher('MATCH (r:Race {season: $s}) RETURN r.id AS id', { s: other.season })).toEqual([]);
  });

  it('lenient mode writes the good lines and reports the skipped ones', async () => {
    const other = { season: runs.season() };
    const drivers = names.map((n) => n.replace('Tester', 'Lenient'));
    const START = 10; // column index of `start` in RESULTS_HEADER
    const bad = resultsCsv(other.season, race(1, drivers))
      .split('\n')
      .map((l, i) => (i === 4 ? l.split(',').map((c, k) => (k === START ? 'x' : c)).join(',') : l))
      .join('\n');
    const r = await report(bad, { lenient: true });
    expect(r).toMatchObject({ lenient: true, rows: 4, accepted: 3, skipped: 1, issueCount: 1 });
    expect(r.issues).toEqual([{ line: 5, column: 'start', reason: "'x' is not a whole number" }]);
    const written = await cypher<{ d: string }>('MATCH (d:Driver)-[:FINISHED]->(:Race {season: $s}) RETURN d.id AS d ORDER BY d', { s: other.season });
    expect(written.map((w) => w.d)).toEqual(drivers.slice(0, 3).map(id).sort());
  });

  it('a dry run validates and resolves names but writes nothing', async () => {
    const other = { season: runs.season() };
    const r = await report(resultsCsv(other.season, race(1, names)), { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, accepted: 4, batches: 0, nodesCreated: 0, newDrivers: [] });
    expect(await cypher('MATCH (r:Race {season: $s}) RETURN r', { s: other.season })).toEqual([]);
  });
});

describe('importResults with the real Cup table', () => {
  it('imports a season line for line, reads it back as calibration data, and re-imports as a no-op', async () => {
    const csv = realResultsCsv([2023]);
    const r = await report(csv);
    expect(r).toMatchObject({ rows: 1_320, accepted: 1_320, issueCount: 0 });
    expect(r.raceIds).toHaveLength(36);

    const data = await loadCalibrationData(stack.api.driver, 'neo4j', { from: '2023-01-01', through: '2023-12-31' });
    const source = parseCupCsv(csv);
    expect(data.races.map((x) => [x.raceId, x.date, x.trackType, x.laps])).toEqual(source.races.map((x) => [`cup-${x.raceId}`, x.date, x.trackType, x.laps]));
    const line = (x: { start: number; finish: number; lapsLed: number; lapsCompleted: number; fastestLaps: number | null; status: string }) => [x.finish, x.start, x.lapsLed, x.lapsCompleted, x.fastestLaps, x.status];
    data.races.forEach((race, i) => expect(race.results.map(line)).toEqual([...source.races[i]!.results].sort((a, b) => a.finish - b.finish).map(line)));
    const daytona = data.races[0]!;
    expect(daytona.results[0]).toMatchObject({ driverId: 'ricky-stenhouse-jr', finish: 1, teamId: 'jtg-daugherty-racing', manufacturer: 'chevrolet' });

    const again = await report(csv);
    expect(again).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, updated: 0 });
  });

  it('resolves other sources’ spellings of known drivers to the same drivers', async () => {
    const other = { season: runs.season() };
    const spellings = ['Ricky Stenhouse Jr', 'John H. Nemechek', 'Daniel Suárez', 'AJ Allmendinger'];
    const r = await report(resultsCsv(other.season, race(1, spellings), 'Martinsville Speedway'));
    expect(r.newDrivers).toEqual([]);
    const got = await cypher<{ raw: string; id: string; method: string }>('UNWIND $raws AS raw MATCH (a:Alias {id: "driver|" + raw})-[:REFERS_TO]->(d) RETURN raw, d.id AS id, a.method AS method', { raws: spellings });
    expect(got.map((g) => [g.raw, g.id])).toEqual([
      ['Ricky Stenhouse Jr', 'ricky-stenhouse-jr'],
      ['John H. Nemechek', 'john-hunter-nemechek'],
      ['Daniel Suárez', 'daniel-suarez'],
      ['AJ Allmendinger', 'aj-allmendinger'],
    ]);
  });
});
