/** Resolvers of schema/jobs.graphql. Thin: validation and lifecycle live in JobService. */
import type { JobKind as WireKind, JobPriority as WirePriority } from '../../../engine/contract/index.js';
import type { JobEvent as GqlJobEvent, JobOptions, Resolvers } from '../../__generated__/resolvers-types.js';
import { stateEvent, wireEvent } from './event-mapping.js';

const KIND: Record<string, WireKind> = { PING: 'ping', CALIBRATE: 'calibrate', SIMULATE: 'simulate', OWNERSHIP: 'ownership', OPTIMIZE: 'optimize', CONTEST_SIM: 'contestSim' };
const PRIORITY: Record<string, WirePriority> = { HIGH: 'high', NORMAL: 'normal', LOW: 'low' };

export function submitOptions(options: JobOptions | null | undefined, ownerId: string) {
  return {
    ownerId,
    priority: PRIORITY[options?.priority ?? 'NORMAL'] ?? 'normal',
    seed: options?.seed ?? null,
    idempotencyKey: options?.idempotencyKey ?? null,
  };
}

export const jobResolvers: Resolvers = {
  // Internal values are the wire strings; GraphQL names are the public enum.
  JobKind: KIND as never,
  JobPriority: PRIORITY as never,
  Job: {
    result: (job) => job.resultSummary,
  },
  Query: {
    job: (_p, { id }, ctx) => ctx.services.jobs.get(id, ctx.viewer.id),
  },
  Mutation: {
    submitPing: (_p, { input, options }, ctx) => ctx.services.jobs.submit('ping', stripNulls(input ?? {}), submitOptions(options, ctx.viewer.id)),
    cancelJob: (_p, { id }, ctx) => ctx.services.jobs.cancel(id, ctx.viewer.id),
  },
  Subscription: {
    jobProgress: {
      // Current state first, then live events, then exactly one terminal event.
      subscribe: async function* (_p, { jobId }, ctx) {
        const job = await ctx.services.jobs.get(jobId, ctx.viewer.id);
        const first = stateEvent(job);
        yield { jobProgress: first };
        if (first.terminal) return;
        const events = ctx.services.hub.listen(jobId);
        try {
          for await (const ev of events) {
            const out = wireEvent(ev);
            yield { jobProgress: out };
            if (out.terminal) return;
          }
        } finally {
          await events.return();
        }
      },
      resolve: (payload: { jobProgress: GqlJobEvent }) => payload.jobProgress,
    },
  },
};

/** GraphQL passes explicit nulls for omitted optional input fields; the engine wants them absent. */
export function stripNulls<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
