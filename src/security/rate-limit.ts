/**
 * Rate limits as graphql-shield rules, built on graphql-rate-limit's limiter
 * (`getGraphQLRateLimiter`, the core that its `createRateLimitRule` wraps) and the shared NATS KV
 * store. We wrap the limiter ourselves, rather than use `createRateLimitRule`, to (a) attach a
 * precise Retry-After (it needs `max` and the stored timestamps, which createRateLimitRule's
 * `createError(message)` never sees), (b) audit each hit with the viewer, and (c) create the rule
 * with the same graphql-shield copy the schema uses (graphql-rate-limit's CJS build would pull in
 * shield's CJS copy beside our ESM one).
 *
 * Identity: the user id when authenticated, else the client IP. Budgets are per TIER, shared by
 * every field of the tier (all expensive mutations draw from one budget), over a sliding window.
 * Rejected calls count too, so a client that ignores Retry-After stays limited.
 * If the store is unreachable the limiter FAILS OPEN (logged): NATS being down already stops job
 * submission, and read traffic should not fail because counters cannot be updated.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { getGraphQLRateLimiter, type Identity } from 'graphql-rate-limit';
import { rule, type IRule } from 'graphql-shield';
import type { Logger } from 'pino';
import { RateLimitedError } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { isAuthenticated } from '../auth/viewer.js';
import type { Audit } from './audit.js';
import type { NatsKvRateLimitStore } from './rate-limit-store.js';

export type RateTier = 'read' | 'write' | 'expensive';
export const RATE_TIERS: readonly RateTier[] = ['read', 'write', 'expensive'];

export interface RateLimitOptions {
  readonly windowMs: number;
  readonly max: Readonly<Record<RateTier, number>>;
  readonly store: NatsKvRateLimitStore;
  readonly audit: Audit;
  readonly log: Logger;
}

/** Who is counted: `u:<user id>` or `ip:<address>`. */
export function rateIdentity(ctx: Pick<GraphQLContext, 'viewer' | 'clientIp'>): string {
  return isAuthenticated(ctx.viewer) ? `u:${ctx.viewer.id}` : `ip:${ctx.clientIp ?? 'unknown'}`;
}

/** Seconds until one more call fits: the (n - max)-th oldest stored call must leave the window. */
export function retryAfterSeconds(timestamps: readonly number[], max: number, windowMs: number, now: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  const i = sorted.length - max;
  if (i < 0) return 1;
  return Math.max(1, Math.ceil((sorted[i]! + windowMs - now) / 1000));
}

export function createRateLimitRules(opts: RateLimitOptions): Record<RateTier, IRule> {
  const limiter = getGraphQLRateLimiter({ store: opts.store, identifyContext: (ctx: GraphQLContext) => rateIdentity(ctx) });
  const make = (tier: RateTier): IRule =>
    rule(`rateLimit:${tier}`, { cache: 'no_cache' })(async (parent: unknown, args: Record<string, unknown>, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
      const max = opts.max[tier];
      // The tier, not the field, is the counted unit: the limiter keys on info.fieldName.
      const tierInfo = { ...info, fieldName: `tier:${tier}` } as GraphQLResolveInfo;
      try {
        const message = await limiter({ parent, args, context: ctx, info: tierInfo }, { max, window: `${opts.windowMs}` });
        if (!message) return true;
        const identity: Identity = { contextIdentity: rateIdentity(ctx), fieldIdentity: tierInfo.fieldName };
        const retryAfter = retryAfterSeconds(await opts.store.peek(identity).catch(() => []), max, opts.windowMs, Date.now());
        opts.audit.record('ratelimit.hit', { tier, field: `${info.parentType.name}.${info.fieldName}`, userId: ctx.viewer.id || undefined, ip: ctx.clientIp, max, windowMs: opts.windowMs, retryAfter });
        return new RateLimitedError(`Too many ${tier} operations: at most ${max} per ${opts.windowMs / 1000} s. Retry after ${retryAfter} s.`, retryAfter, { tier, limit: max, windowSeconds: opts.windowMs / 1000 });
      } catch (err) {
        opts.log.error({ err, tier }, 'rate-limit store unavailable; allowing the call (fail open)');
        return true;
      }
    });
  return { read: make('read'), write: make('write'), expensive: make('expensive') };
}
