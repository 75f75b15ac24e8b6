import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_SIZE, estimateCost } from '../../../src/security/query-cost.js';
import { aliasLimitRule, depthLimitRule } from '../../../src/security/query-limits.js';

const schema = buildSchema(`
  type Query { node(id: ID!): Node, nodes(first: Int = 20): NodeConnection!, tags: [String!]!, list: [Node!]! }
  type Node { id: ID!, name: String, children: [Node!]!, parent: Node, page(limit: Int): [Node!]! }
  type NodeConnection { nodes: [Node!]!, total: Int! }
`);

const check = (query: string, rules = [depthLimitRule(3), aliasLimitRule(2)]) => validate(schema, parse(query), [...specifiedRules, ...rules]).map((e) => e.extensions);

describe('depth limit', () => {
  it('counts nested field levels (root = 1), through fragments and inline fragments', () => {
    expect(check('{ node(id: 1) { parent { name } } }')).toEqual([]);
    expect(check('{ node(id: 1) { parent { parent { name } } } }')).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 3, actual: 4, http: { status: 400 } }]);
    expect(check('query { node(id: 1) { ...F } } fragment F on Node { parent { ... on Node { parent { id } } } }')[0]).toMatchObject({ limit: 'depth', actual: 4 });
  });

  it('ignores introspection, so the standard introspection query passes a modest limit', () => {
    expect(check('{ node(id: 1) { __typename parent { __typename } } }')).toEqual([]);
    expect(validate(schema, parse(getIntrospectionQuery()), [...specifiedRules, depthLimitRule(3)])).toEqual([]);
  });

  it('survives fragment cycles (reported by the spec rule, not a stack overflow)', () => {
    const errors = check('{ node(id: 1) { ...A } } fragment A on Node { parent { ...B } } fragment B on Node { parent { ...A } }');
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('alias limit', () => {
  it('counts aliased fields across the document', () => {
    expect(check('{ a: node(id: 1) { id } b: node(id: 2) { id } }')).toEqual([]);
    expect(check('{ a: node(id: 1) { id } b: node(id: 2) { id } c: node(id: 3) { x: id } }')[0]).toMatchObject({ limit: 'aliases', max: 2, actual: 4 });
  });
  it('does not count an alias equal to the field name', () => {
    expect(check('{ node: node(id: 1) { id: id name: name } }')).toEqual([]);
  });
});

describe('cost estimate', () => {
  const cost = (q: string, vars?: Record<string, unknown>) => estimateCost(schema, parse(q), undefined, vars);

  it('charges 1 per field plus children', () => {
    expect(cost('{ node(id: 1) { id name } }')).toBe(3);
  });

  it('multiplies lists by their page size (literal, variable or default) or DEFAULT_LIST_SIZE', () => {
    expect(cost('{ list { id } }')).toBe(2 * DEFAULT_LIST_SIZE);
    expect(cost('{ node(id: 1) { page(limit: 50) { id } } }')).toBe(1 + 2 * 50);
    expect(cost('query($n: Int) { node(id: 1) { page(limit: $n) { id } } }', { n: 7 })).toBe(1 + 2 * 7);
    // Connection: `first` (default 20) multiplies; its `nodes` list is not multiplied again.
    expect(cost('{ nodes { nodes { id } total } }')).toBe(20 * (1 + 2 + 1));
    expect(cost('{ nodes(first: 100) { nodes { children { id } } } }')).toBe(100 * (1 + 1 + DEFAULT_LIST_SIZE * 2));
  });

  it('grows multiplicatively with nesting, which is what the limit is for', () => {
    const deep = '{ list { children { children { children { id } } } } }';
    expect(cost(deep)).toBeGreaterThan(10_000);
  });

  it('picks the named operation and follows fragments', () => {
    const doc = 'query A { tags } query B { node(id: 1) { ...F } } fragment F on Node { id name }';
    expect(estimateCost(schema, parse(doc), 'A')).toBe(DEFAULT_LIST_SIZE);
    expect(estimateCost(schema, parse(doc), 'B')).toBe(3);
  });
});
