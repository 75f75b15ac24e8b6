/**
 * The racing graph through GraphQL on the real Neo4j: cursor pagination, filters (node and
 * relationship properties, nested), sorting, aggregations, and the Cypher statement count per
 * request (no N+1: one statement per root field, whatever the page size or depth).
 */
import { graphql, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriverSeasonDocument, DriversDocument, ImportResultsDocument, RaceResultsDocument, RacesPageDocument, type RacesPageQuery } from '../../client/__generated__/operations.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { createLogger } from '../../src/logger.js';
import { gql } from '../support/graphql-client.js';
import { TestRuns, race, resultsCsv, startRacingStack, type SynthRow } from '../support/racing.js';
import type { Stack } from '../support/stack.js';
import { countStatements, type StatementCounter } from '../support/statement-counter.js';

let stack: Stack;
const runs = new TestRuns(2030);
const season = runs.season();
const drivers = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'].map((n) => `${n} ${runs.token} Tester`);
const id = (n: string) => n.toLowerCase().replace(/ /g, '-');
const TRACKS = ['Bristol Motor Speedway', 'Talladega Superspeedway', 'Watkins Glen International'] as const;
const trackOf = (round: number) => TRACKS[round <= 6 ? 0 : round <= 9 ? 1 : 2];
/** 12 races; the running order rotates by one place per round, so every driver has a different record. */
const rows: SynthRow[] = Array.from({ length: 12 }, (_, k) => race(k + 1, [...drivers.slice(k % 6), ...drivers.slice(0, k % 6)])).flat();

beforeAll(async () => {
  stack = await startRacingStack();
  const files = TRACKS.map((t) => resultsCsv(season, rows.filter((r) => trackOf(r.round) === t), t));
  const csv = [files[0], ...files.slice(1).map((f) => f.split('\n').slice(1).join('\n'))].join('\n');
  const r = await gql(stack.url, ImportResultsDocument, { input: { csv } });
  expect(r.errors).toBeUndefined();
  expect(r.data!.importResults.accepted).toBe(72);
}, 120_000);
afterAll(async () => {
  if (stack) await runs.cleanup(stack.api.driver);
  await stack?.stop();
});

describe('reading the racing graph through GraphQL', () => {
  it('pages races with cursors in the requested order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (;;) {
      const r = await gql(stack.url, RacesPageDocument, { where: { season: { eq: season } }, first: 5, after, sort: [{ date: 'ASC' }] });
      expect(r.errors).toBeUndefined();
      const page: RacesPageQuery['racesConnection'] = r.data!.racesConnection;
      expect(page.totalCount).toBe(12);
      seen.push(...page.edges.map((e) => e.node.id));
      pages.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, k) => `cup-${season}-${String(k + 1).padStart(2, '0')}`));
  });

  it('filters on node fields, related nodes and relationship properties, and sorts descending', async () => {
    const road = await gql(stack.url, RacesPageDocument, { where: { season: { eq: season }, track: { type: { eq: 'ROAD' } } }, first: 10, sort: [{ round: 'DESC' }] });
    expect(road.data!.racesConnection.edges.map((e) => [e.node.round, e.node.track!.id])).toEqual([
      [12, 'watkins_glen'],
      [11, 'watkins_glen'],
      [10, 'watkins_glen'],
    ]);
    // Races a given driver won: a filter through the FINISHED relationship's properties.
    const won = await gql(stack.url, RacesPageDocument, { where: { season: { eq: season }, driversConnection: { some: { node: { id: { eq: id(drivers[2]!) } }, edge: { finish: { eq: 1 } } } } }, first: 10 });
    expect(won.data!.racesConnection.edges.map((e) => e.node.round)).toEqual([3, 9]);
    const named = await gql(stack.url, DriversDocument, { where: { name: { contains: runs.token }, id: { startsWith: 'd' } }, sort: [{ name: 'DESC' }] });
    expect(named.data!.drivers.map((d) => d.id)).toEqual([id(drivers[3]!)]);
  });

  it('sorts and filters a race’s results on the relationship', async () => {
    const r = await gql(stack.url, RaceResultsDocument, { id: `cup-${season}-08`, where: { edge: { finish: { lte: 3 } } } });
    const res = r.data!.race!;
    expect(res.track).toEqual({ id: 'talladega_oval', type: 'SUPERSPEEDWAY' });
    expect(res.driversConnection.totalCount).toBe(3);
    expect(res.driversConnection.edges.map((e) => [e.properties.finish, e.node.id])).toEqual([
      [1, id(drivers[1]!)],
      [2, id(drivers[2]!)],
      [3, id(drivers[3]!)],
    ]);
  });

  it('aggregates a driver’s results (count, average/min/max finish, total laps led), also within a filter', async () => {
    const mine = rows.filter((r) => r.driver === drivers[0]);
    const finishes = mine.map((r) => r.finish);
    const r = await gql(stack.url, DriverSeasonDocument, { id: id(drivers[0]!), where: { node: { season: { eq: season } } } });
    const agg = r.data!.driver!.racesConnection.aggregate;
    expect(agg.count.nodes).toBe(12);
    expect(agg.edge!.finish).toMatchObject({ min: Math.min(...finishes), max: Math.max(...finishes) });
    expect(agg.edge!.finish.average).toBeCloseTo(finishes.reduce((a, b) => a + b, 0) / 12, 9); // Neo4j sums in its own order
    expect(agg.edge!.lapsLed.sum).toBe(mine.reduce((a, b) => a + (b.led ?? 0), 0));
    const road = await gql(stack.url, DriverSeasonDocument, { id: id(drivers[0]!), where: { node: { season: { eq: season }, track: { type: { eq: 'ROAD' } } } } });
    expect(road.data!.driver!.racesConnection.aggregate.count.nodes).toBe(3);
  });
});

describe('Cypher statements per GraphQL request (no N+1)', () => {
  let counter: StatementCounter;
  let schema: GraphQLSchema;
  const ctx = () => ({ viewer: { id: 'reader', roles: ['user'] }, services: {}, log: createLogger({ level: 'silent', name: 't' }), requestId: 'n+1' });
  async function statementsFor(source: string, variableValues: Record<string, unknown> = {}): Promise<number> {
    counter.reset();
    const r = await graphql({ schema, source, variableValues, contextValue: ctx() });
    expect(r.errors).toBeUndefined();
    return counter.statements.length;
  }

  beforeAll(async () => {
    counter = countStatements(stack.api.driver);
    schema = await buildSchema({ version: 't', startedAt: 0, driver: counter.driver, database: 'neo4j' });
    await statementsFor('{ tracks(limit: 1) { id } }'); // warm-up: the library reads the server version once per process
  }, 60_000);

  const deep = `query Deep($season: Int!, $n: Int!) {
    racesConnection(where: { season: { eq: $season } }, first: $n, sort: [{ date: ASC }]) {
      totalCount
      edges { node {
        id track { id type races(limit: 2) { id } }
        driversConnection(sort: [{ edge: { finish: ASC } }]) {
          edges { properties { finish lapsLed } node { id name teams { id manufacturers { id } } races(limit: 3) { id track { id } } } }
          aggregate { edge { finish { average } } }
        }
      } }
    }
  }`;

  it('runs ONE statement for a deep query, whether it returns 2 races or 12 (each with 6 drivers, their teams and other races)', async () => {
    expect(await statementsFor(deep, { season, n: 2 })).toBe(1);
    expect(await statementsFor(deep, { season, n: 12 })).toBe(1);
    expect(counter.statements[0]).toMatch(/MATCH/);
  });

  it('runs one statement per root field', async () => {
    const q = `query ($id: ID!, $season: Int!) {
      driver(id: $id) { id racesConnection { totalCount } }
      races(where: { season: { eq: $season } }) { id drivers { id } }
      tracks(where: { type: { eq: ROAD } }) { id races(where: { season: { eq: $season } }) { id } }
    }`;
    expect(await statementsFor(q, { id: id(drivers[0]!), season })).toBe(3);
  });
});
