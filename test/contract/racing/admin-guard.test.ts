/**
 * Racing writes are admin-only: the resolvers refuse anonymous callers (UNAUTHENTICATED) and
 * non-admins (FORBIDDEN) before the import service is touched. Executed on the real merged
 * schema, with a recording stand-in for the service (the unit under test is the resolver).
 */
import { graphql, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../../src/graphql/context.js';
import { requireAdmin } from '../../../src/graphql/guards.js';
import { buildSchema } from '../../../src/graphql/schema.js';
import { createLogger } from '../../../src/logger.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ version: 't', startedAt: 0 });
}, 60_000);

const calls: string[] = [];
const report = { kind: 'RESULTS', lenient: false, dryRun: true, rows: 0, accepted: 0, skipped: 0, issues: [], issueCount: 0, warnings: [], nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, updated: 0, batches: 0, raceIds: [], slateId: null, contestId: null, newDrivers: [], durationMs: 0 };
const racing = {
  importResults: async () => (calls.push('importResults'), report),
  importSalaries: async () => (calls.push('importSalaries'), { ...report, kind: 'DK_SALARIES' }),
  importPayouts: async () => (calls.push('importPayouts'), { ...report, kind: 'PAYOUTS' }),
  mapDriverAlias: async (raw: string, driverId: string) => (calls.push('mapDriverAlias'), { raw, driverId, previousDriverId: null }),
};
const run = (viewer: Viewer, source: string) => graphql({ schema, source, contextValue: { viewer, services: { racing }, log: createLogger({ level: 'silent', name: 't' }), requestId: 'r' } });

const MUTATIONS = [
  'mutation { importResults(input: { csv: "x" }) { rows } }',
  'mutation { importDkSalaries(input: { csv: "x" }) { rows } }',
  'mutation { importFdSalaries(input: { csv: "x" }) { rows } }',
  'mutation { importPayouts(input: { text: "x", format: CSV }) { rows } }',
  'mutation { mapDriverAlias(raw: "x", driverId: "y") { driverId } }',
];

describe('racing writes are admin-only', () => {
  it.each([
    ['an anonymous caller', { id: '', roles: [], method: 'anonymous' } as Viewer, 'UNAUTHENTICATED'],
    ['a user', { id: 'u1', roles: ['user'] } as Viewer, 'FORBIDDEN'],
    ['an admin whose key lacks the admin scope', { id: 'u2', roles: ['user', 'admin'], scopes: ['read', 'write'] } as Viewer, 'FORBIDDEN'],
  ])('%s is refused every import and the alias override', async (_who, viewer, code) => {
    calls.length = 0;
    for (const m of MUTATIONS) {
      const r = await run(viewer, m);
      expect(r.errors?.[0]?.extensions?.code, m).toBe(code);
    }
    expect(calls).toEqual([]);
  });

  it('an admin reaches the service', async () => {
    calls.length = 0;
    for (const m of MUTATIONS) expect((await run({ id: 'a', roles: ['user', 'admin'] }, m)).errors).toBeUndefined();
    expect(calls).toEqual(['importResults', 'importSalaries', 'importSalaries', 'importPayouts', 'mapDriverAlias']);
    expect(() => requireAdmin({ id: 'a', roles: ['admin'] }, 'x')).not.toThrow();
  });
});
