/** Resolvers of schema/jobs.graphql. Thin: validation and lifecycle live in JobService. */
import { ownerKeyOf, type JobEvent, type JobKind as WireKind, type JobPriority as WirePriority } from '../../../engine/contract/index.js';
import { UserInputError } from '../../errors.js';
import type { JobEvent as GqlJobEvent, JobOptions, Resolvers } from '../../__generated__/resolvers-types.js';
import { eventStream } from './event-iterator.js';
import { stateEvent, wireEvent } from './event-mapping.js';

const KIND: Record<string, WireKind> = { PING: 'ping', CALIBRATE: 'calibrate', SIMULATE: 'simulate', OWNERSHIP: 'ownership', OPTIMIZE: 'optimize', CONTEST_SIM: 'contestSim', PIPELINE: 'pipeline' };
const PRIORITY: Record<string, WirePriority> = { HIGH: 'high', NORMAL: 'normal', LOW: 'low' };

export function submitOptions(options: JobOptions | null | undefined, ownerId: string) {
  return {
    ownerId,
    priority: PRIORITY[options?.priority ?? 'NORMAL'] ?? 'normal',
    seed: options?.seed ?? null,
    idempotencyKey: options?.idempotencyKey ?? null,
    noCache: options?.noCache ?? false,
  };
}

const MAX_PAGE = 100;
const encodeCursor = (j: { createdAt: string; id: string }) => Buffer.from(JSON.stringify([j.createdAt, j.id])).toString('base64url');
function decodeCursor(c: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    /* fall through */
  }
  throw new UserInputError('after: not a cursor returned by myJobs', 'after');
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
    myJobs: async (_p, { filter, first, after }, ctx) => {
      const n = first ?? 20;
      if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new UserInputError(`first: must be in [1, ${MAX_PAGE}]`, 'first');
      const rows = await ctx.services.jobs.list(ctx.viewer.id, { status: filter?.status ?? null, kind: filter?.kind ? KIND[filter.kind] : null, first: n + 1, after: after ? decodeCursor(after) : null });
      const nodes = rows.slice(0, n);
      return { nodes, hasNextPage: rows.length > n, endCursor: rows.length > n ? encodeCursor(nodes.at(-1)!) : null };
    },
  },
  Mutation: {
    submitPing: (_p, { input, options }, ctx) => ctx.services.jobs.submit('ping', stripNulls(input ?? {}), submitOptions(options, ctx.viewer.id)),
    cancelJob: (_p, { id }, ctx) => ctx.services.jobs.cancel(id, ctx.viewer.id),
    replayJob: (_p, { id, priority }, ctx) => ctx.services.jobs.replay(id, ctx.viewer.id, priority ? PRIORITY[priority] : undefined),
  },
  Subscription: {
    jobProgress: {
      // Current state first, then live events, then exactly one terminal event. The state read runs
      // on the first next(), so an unknown or foreign job fails the stream as before.
      subscribe: (_p, { jobId }, ctx) =>
        eventStream({
          open: async () => {
            const first = { jobProgress: stateEvent(await ctx.services.jobs.get(jobId, ctx.viewer.id)) };
            return { first: [first], source: first.jobProgress.terminal ? null : ctx.services.hub.listen(jobId) };
          },
          map: (ev: JobEvent) => ({ jobProgress: wireEvent(ev) }),
          isLast: (p) => p.jobProgress.terminal,
        }),
      resolve: (payload: { jobProgress: GqlJobEvent }) => payload.jobProgress,
    },
    myJobs: {
      subscribe: (_p, _a, ctx) =>
        eventStream({
          open: async () => ({ source: ctx.services.hub.listenOwner(ownerKeyOf(ctx.viewer.id)) }),
          map: (ev: JobEvent) => ({ myJobs: wireEvent(ev) }),
        }),
      resolve: (payload: { myJobs: GqlJobEvent }) => payload.myJobs,
    },
  },
};

/** GraphQL passes explicit nulls for omitted optional input fields; the engine wants them absent. */
export function stripNulls<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
