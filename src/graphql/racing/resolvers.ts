/** Resolvers of schema/racing.graphql: admin check, then the import service. Thin on purpose. */
import type { ImportPayoutsInput, ImportSalariesInput, Resolvers } from '../../__generated__/resolvers-types.js';
import type { GraphQLContext } from '../context.js';
import { requireAdmin } from '../guards.js';
import type { ImportOptions, ImportReport } from '../../racing/service/import-report.js';

const options = (i: { lenient?: boolean | null; dryRun?: boolean | null }): ImportOptions => ({ lenient: i.lenient ?? false, dryRun: i.dryRun ?? false });

function logged(ctx: GraphQLContext, report: ImportReport): ImportReport {
  const { issues: _i, warnings: _w, raceIds: _r, newDrivers, ...summary } = report;
  ctx.log.info({ import: { ...summary, newDrivers: newDrivers.length }, viewer: ctx.viewer.id }, 'racing import');
  return report;
}

const salaries = (site: 'DK' | 'FD') => async (_p: unknown, { input }: { input: ImportSalariesInput }, ctx: GraphQLContext) => {
  requireAdmin(ctx.viewer, `import ${site} salaries`);
  const target = { raceId: input.raceId, race: input.race, slateId: input.slateId, name: input.name, lockTime: input.lockTime, salaryCap: input.salaryCap, rosterSize: input.rosterSize };
  return logged(ctx, await ctx.services.racing.importSalaries(site, input.csv, target, options(input)));
};

export const racingResolvers: Resolvers = {
  Mutation: {
    importResults: async (_p, { input }, ctx) => {
      requireAdmin(ctx.viewer, 'import results');
      return logged(ctx, await ctx.services.racing.importResults(input.csv, options(input)));
    },
    importDkSalaries: salaries('DK'),
    importFdSalaries: salaries('FD'),
    importPayouts: async (_p, { input }: { input: ImportPayoutsInput }, ctx) => {
      requireAdmin(ctx.viewer, 'import payout tables');
      return logged(ctx, await ctx.services.racing.importPayouts({ ...input, format: input.format }, options(input)));
    },
    mapDriverAlias: async (_p, { raw, driverId }, ctx) => {
      requireAdmin(ctx.viewer, 'map driver aliases');
      return ctx.services.racing.mapDriverAlias(raw, driverId);
    },
  },
};
