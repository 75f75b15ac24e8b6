import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkPagination } from '../../../src/graphql/pagination-guard.js';

describe('pagination guard', () => {
  it('refuses negative limits/offsets and first < 1, naming field and argument', () => {
    expect(() => checkPagination(parse('{ racesConnection(first: -5) { totalCount } }'))).toThrow(/racesConnection.first/);
    expect(() => checkPagination(parse('{ aliases(limit: -5) { raw } }'))).toThrow(/aliases.limit/);
    expect(() => checkPagination(parse('query Q($n: Int) { manufacturersConnection(first: $n, after: "x") { totalCount } }'), { n: 0 })).toThrow(/first: must be an integer >= 1/);
  });

  it('lets valid pages through', () => {
    expect(() => checkPagination(parse('{ racesConnection(first: 5) { totalCount } drivers(limit: 0, offset: 3) { id } }'))).not.toThrow();
    expect(() => checkPagination(parse('query Q($n: Int) { myJobs(first: $n) { hasNextPage } }'), { n: 10 })).not.toThrow();
  });
});
