/**
 * Contest payout importer on the real Neo4j through the GraphQL API: JSON and CSV tables bound
 * to a slate, idempotent re-import, a shorter corrected table deleting dropped tiers, rejected
 * tables (strict and lenient alike), and the engine's read of the contest.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContestPayoutsDocument, ImportDkSalariesDocument, ImportPayoutsDocument, ImportResultsDocument } from '../../client/__generated__/operations.js';
import { REPO_ROOT } from '../../scripts/local-services.js';
import { loadContest } from '../../src/racing/read/calibration-data.js';
import { gql } from '../support/graphql-client.js';
import { TestRuns, race, resultsCsv, startRacingStack } from '../support/racing.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
const runs = new TestRuns(1990);
const season = runs.season();
const drivers = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'].map((n) => `${n} ${runs.token} Tester`);
const slateId = `dk-${runs.token}`;
const example = JSON.parse(readFileSync(resolve(REPO_ROOT, 'seed/example-contest.json'), 'utf8')) as { payouts: { fromRank: number; toRank: number; prize: number }[] };

beforeAll(async () => {
  stack = await startRacingStack();
  expect((await gql(stack.url, ImportResultsDocument, { input: { csv: resultsCsv(season, race(1, drivers)) } })).errors).toBeUndefined();
  const dk = ['Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame', ...drivers.map((d, i) => `D,${d} (${i + 1}),${d},${i + 1},D,${9000 - 300 * i},Test 500 03/11/${season} 03:00PM ET,,`)].join('\n');
  expect((await gql(stack.url, ImportDkSalariesDocument, { input: { csv: dk, slateId, raceId: `cup-${season}-01` } })).errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  if (stack) await runs.cleanup(stack.api.driver);
  await stack?.stop();
});

describe('importPayouts', () => {
  const json = () => JSON.stringify({ ...example, slateId, name: `Pit Stop ${runs.token}` });

  it('imports the example JSON table onto a slate and serves it sorted; the engine reads it as a ContestSpec', async () => {
    const r = await gql(stack.url, ImportPayoutsDocument, { input: { text: json(), format: 'JSON' } });
    expect(r.errors).toBeUndefined();
    const contestId = `${slateId}-pit-stop-${runs.token}`;
    expect(r.data!.importPayouts).toMatchObject({ kind: 'PAYOUTS', contestId, slateId, rows: example.payouts.length, accepted: example.payouts.length, issueCount: 0 });
    const c = (await gql(stack.url, ContestPayoutsDocument, { id: contestId })).data!.contests[0]!;
    expect(c).toMatchObject({ site: 'DK', entryFee: 5, fieldSize: 23_780, maxEntries: 150, slate: { id: slateId } });
    expect(c.payouts).toEqual(example.payouts);
    const spec = await loadContest(stack.api.driver, 'neo4j', contestId);
    expect(spec).toEqual({ contestId, slateId, entryFee: 5, fieldSize: 23_780, maxEntries: 150, payouts: example.payouts });
  });

  it('re-importing changes nothing; a shorter corrected CSV table replaces the tiers', async () => {
    const again = (await gql(stack.url, ImportPayoutsDocument, { input: { text: json(), format: 'JSON' } })).data!.importPayouts;
    expect(again).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, nodesDeleted: 0, updated: 0 });
    const contestId = `${slateId}-pit-stop-${runs.token}`;
    const csv = 'rank,prize\n1,1000\n2,500\n3-5,200\n6-20,50';
    const r = await gql(stack.url, ImportPayoutsDocument, { input: { text: csv, format: 'CSV', contestId, slateId, name: `Pit Stop ${runs.token}`, entryFee: 5, fieldSize: 200, maxEntries: 3 } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.importPayouts).toMatchObject({ contestId, accepted: 4, nodesDeleted: example.payouts.length - 4, nodesCreated: 0, updated: 1 + 4 }); // the contest and the 4 kept tiers
    const spec = await loadContest(stack.api.driver, 'neo4j', contestId);
    expect(spec).toMatchObject({ fieldSize: 200, maxEntries: 3 });
    expect(spec!.payouts).toEqual([
      { fromRank: 1, toRank: 1, prize: 1000 },
      { fromRank: 2, toRank: 2, prize: 500 },
      { fromRank: 3, toRank: 5, prize: 200 },
      { fromRank: 6, toRank: 20, prize: 50 },
    ]);
  });

  it('rejects a table with a gap or a rising prize, even in lenient mode, listing the lines; writes nothing', async () => {
    const csv = 'from_rank,to_rank,prize\n1,1,1000\n3,3,500\n4,4,800';
    for (const lenient of [false, true]) {
      const r = await gql(stack.url, ImportPayoutsDocument, { input: { text: csv, format: 'CSV', contestId: `bad-${runs.token}`, slateId, name: 'Bad', entryFee: 1, fieldSize: 100, maxEntries: 1, lenient } });
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
      expect((r.errors![0]!.extensions!.issues as { line: number; column: string }[]).map((i) => [i.line, i.column])).toEqual([
        [3, 'from_rank'],
        [4, 'prize'],
      ]);
    }
    expect((await gql(stack.url, ContestPayoutsDocument, { id: `bad-${runs.token}` })).data!.contests).toEqual([]);
  });

  it('needs an existing slate and sane contest numbers', async () => {
    const r = await gql(stack.url, ImportPayoutsDocument, { input: { text: 'rank,prize\n1,10', format: 'CSV', slateId: 'dk-no-such-slate', name: 'X', entryFee: 1, fieldSize: 10, maxEntries: 1 } });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slateId' });
    const m = await gql(stack.url, ImportPayoutsDocument, { input: { text: 'rank,prize\n1,10', format: 'CSV', slateId, name: 'X', entryFee: 1, fieldSize: 10, maxEntries: 11 } });
    expect(m.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxEntries' });
  });
});
