import type { GraphQLScalarType, GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRacingGraphSchema } from '../../../src/graphql/racing/graph-schema.js';
import { buildSchema } from '../../../src/graphql/schema.js';

const LISTS = ['aliases', 'contests', 'drivers', 'manufacturers', 'payoutTiers', 'races', 'slates', 'teams', 'tracks'];
const RACING_QUERIES = [...LISTS.flatMap((p) => [p, `${p}Connection`]), 'driver', 'race', 'slate'];
const RACING_MUTATIONS = ['importResults', 'importDkSalaries', 'importFdSalaries', 'importPayouts', 'mapDriverAlias'];

// Building the @neo4j/graphql schema takes a few seconds on a busy 2-core machine.
let api: GraphQLSchema;
let graph: GraphQLSchema;
beforeAll(async () => {
  [graph, api] = await Promise.all([buildRacingGraphSchema(), buildSchema({ version: 't', startedAt: 0 })]);
}, 60_000);

describe('racing graph schema (@neo4j/graphql)', () => {
  it('generates a list and a connection query per node type plus the by-id queries, and no mutations', () => {
    const s = graph;
    expect(Object.keys(s.getQueryType()!.getFields()).sort()).toEqual([...RACING_QUERIES].sort());
    expect(s.getMutationType()).toBeFalsy();
  });

  it('merges into one API with the job schema, with the strict API DateTime', () => {
    const q = api.getQueryType()!.getFields();
    for (const f of ['health', 'job', 'drivers', 'racesConnection', 'slate']) expect(q[f], f).toBeDefined();
    const m = api.getMutationType()!.getFields();
    for (const f of [...RACING_MUTATIONS, 'submitPing', 'cancelJob']) expect(m[f], f).toBeDefined();
    expect(api.getSubscriptionType()!.getFields().jobProgress).toBeDefined();
    // Ours is strict (an instant with an offset); @neo4j/graphql's would accept a bare date.
    const dateTime = api.getType('DateTime') as GraphQLScalarType;
    expect(() => dateTime.parseValue('2026-04-12')).toThrow(/ISO-8601/);
    expect(dateTime.parseValue('2026-04-12T19:00:00Z')).toBe('2026-04-12T19:00:00Z');
    for (const t of ['Driver', 'RacesConnection', 'Result', 'Salary', 'ImportReport', 'ImportIssue', 'PageInfo', 'Job', 'JobEvent']) expect(api.getType(t), t).toBeDefined();
    // Generated CRUD mutations are switched off: the only racing writes are the admin imports.
    expect(Object.keys(api.getMutationType()!.getFields()).filter((f) => /^(create|update|delete)[A-Z]/.test(f) && !/Webhook|ApiKey/.test(f))).toEqual([]);
  });
});
