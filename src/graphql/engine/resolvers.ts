/**
 * Submit mutations and typed result queries of the engine job kinds (schema/mcmc.graphql,
 * simulation.graphql, lineup.graphql). Results are read from the stored job result.
 */
import type { CalibrationResult } from '../../../engine/contract/calibration-types.js';
import type { OwnershipProjection } from '../../../engine/contract/contest-types.js';
import type { SimulationOutput } from '../../../engine/contract/job-inputs.js';
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { UserInputError } from '../../errors.js';
import { stripNulls, submitOptions } from '../jobs/resolvers.js';

const OBJECTIVES = { MEAN: 'mean', CVAR: 'cvar', PROB_TARGET: 'probTarget', LEVERAGE: 'leverage', PAYOUT: 'payout' } as const;

/** The stored result of an optimize job (engine/jobs/optimize-job.ts). */
interface StoredPortfolio {
  readonly slateId: string;
  readonly site: string;
  readonly lineups: readonly { driverIds: readonly string[]; names: readonly string[]; salary: number; totalOwnership: number; heldOut: unknown }[];
  readonly exposures?: unknown;
  readonly heldOut?: unknown;
  readonly stats: unknown;
  readonly uploadCsv: string;
}

export const engineResolvers: Resolvers = {
  Query: {
    calibration: async (_p, { jobId }, ctx) => {
      const r = await ctx.services.results.read<CalibrationResult>(jobId, ctx.viewer.id, 'calibrate');
      if (!r) return null;
      const c = r.result;
      return {
        jobId,
        seed: c.seed,
        races: c.data.races,
        trainRaces: c.data.trainRaces,
        testRaces: c.data.testRaces,
        lastTrainDate: c.data.lastTrainDate,
        diagnostics: { ...c.diagnostics },
        evaluation: c.evaluation,
        parameters: c.summaries,
      };
    },
    simulation: async (_p, { jobId }, ctx) => {
      const r = await ctx.services.results.read<SimulationOutput>(jobId, ctx.viewer.id, 'simulate');
      if (!r) return null;
      const { summary, slateId } = r.result;
      return { jobId, slateId, scenarios: summary.scenarios, drivers: summary.perDriver, checks: summary.checks, _summary: summary };
    },
    portfolio: async (_p, { jobId }, ctx) => {
      const r = await ctx.services.results.read<StoredPortfolio>(jobId, ctx.viewer.id, 'optimize');
      if (!r) return null;
      const p = r.result;
      return { jobId, slateId: p.slateId, site: p.site, lineups: p.lineups.map((l) => ({ ...l, driverIds: [...l.driverIds], names: [...l.names] })), exposures: p.exposures ?? null, heldOut: p.heldOut ?? null, stats: p.stats, uploadCsv: p.uploadCsv };
    },
    contestSimulation: async (_p, { jobId }, ctx) => {
      const r = await ctx.services.results.read<{ lineups: unknown; portfolio: unknown; scenarios: number; totalEntries: number }>(jobId, ctx.viewer.id, 'contestSim');
      if (!r) return null;
      return { jobId, lineups: r.result.lineups, portfolio: r.result.portfolio, scenarios: r.result.scenarios, totalEntries: r.result.totalEntries };
    },
    ownership: async (_p, { jobId }, ctx) => {
      const r = await ctx.services.results.read<OwnershipProjection>(jobId, ctx.viewer.id, 'ownership');
      if (!r) return null;
      return { jobId, drivers: [...r.result.drivers], intervalLevel: r.result.intervalLevel, impliedSalaryUsage: r.result.impliedSalaryUsage };
    },
  },
  // (portfolio/contestSimulation below read the stored optimize / contestSim results)
  Calibration: {
    parameters: (c, { prefix, first }) => {
      const n = first ?? 100;
      if (n < 1 || n > 10_000) throw new UserInputError('first: must be in [1, 10000]', 'first');
      return c.parameters.filter((p) => !prefix || p.name.startsWith(prefix)).slice(0, n);
    },
  },
  Simulation: {
    correlation: (s, { driverA, driverB }) => {
      const summary = s._summary;
      const a = summary.drivers.indexOf(driverA);
      const b = summary.drivers.indexOf(driverB);
      if (a < 0) throw new UserInputError(`driverA: '${driverA}' is not in this simulation`, 'driverA');
      if (b < 0) throw new UserInputError(`driverB: '${driverB}' is not in this simulation`, 'driverB');
      return summary.dkCorrelation[a * summary.drivers.length + b]!;
    },
  },
  Mutation: {
    submitPipeline: (_p, { input, options }, ctx) => {
      const spec = JSON.parse(JSON.stringify(stripNulls(input), (_k, v: unknown) => (v === null ? undefined : v))) as Record<string, unknown>;
      return ctx.services.jobs.submit('pipeline', spec, submitOptions(options, ctx.viewer.id));
    },
    submitOptimization: (_p, { input, options }, ctx) =>
      ctx.services.jobs.submit('optimize', { ...stripNulls(input), objective: OBJECTIVES[input.objective ?? 'MEAN'] }, submitOptions(options, ctx.viewer.id)),
    submitContestSim: (_p, { input, options }, ctx) => ctx.services.jobs.submit('contestSim', stripNulls(input), submitOptions(options, ctx.viewer.id)),
    submitCalibration: (_p, { input, options }, ctx) => ctx.services.jobs.submit('calibrate', stripNulls(input ?? {}), submitOptions(options, ctx.viewer.id)),
    submitSimulation: (_p, { input, options }, ctx) => ctx.services.jobs.submit('simulate', stripNulls(input), submitOptions(options, ctx.viewer.id)),
    submitOwnership: (_p, { input, options }, ctx) =>
      ctx.services.jobs.submit('ownership', { ...stripNulls(input), ...(input.overrides ? { overrides: input.overrides.map((o) => ({ ...o })) } : {}) }, submitOptions(options, ctx.viewer.id)),
  },
};
