/**
 * graphql-shield permissions derived from policy.ts. Default deny (`fallbackRule: deny`): a field
 * with no rule is refused with UNAUTHENTICATED (anonymous caller) or FORBIDDEN (authenticated).
 * `allowExternalErrors` lets typed errors thrown by resolvers (NOT_FOUND from owner checks,
 * BAD_USER_INPUT...) reach the client unchanged instead of becoming the fallback error.
 *
 * Subscriptions: graphql-middleware wraps a subscription field's `resolve` (run once per EVENT)
 * when it has one, and its `subscribe` only otherwise; so the shield tree allows every
 * Subscription field and protectSchema() evaluates the real rule once, in `subscribe`, before
 * any resolver code runs (and before any rate-limit budget is spent per event).
 */
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, chain, deny, rule, shield, type IRule } from 'graphql-shield';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { GraphQLContext, Scope } from '../graphql/context.js';
import { hasScope, isAdmin, isAuthenticated } from '../auth/viewer.js';
import type { Audit } from './audit.js';
import { NESTED_TYPES, OPERATION_POLICIES, type OperationPolicy, type RootType } from './policy.js';
import type { RateTier } from './rate-limit.js';

export interface PermissionDeps {
  readonly audit: Audit;
  /** Object types generated for the public racing ontology (ontology-types.ts): readable as a group. */
  readonly publicGraphTypes?: ReadonlySet<string>;
  /** Null disables rate limiting (RATE_LIMIT_ENABLED=false). */
  readonly rateLimits: Readonly<Record<RateTier, IRule>> | null;
}

// graphql-shield exports no IOptions/ShieldRule from its entry point; derive them.
type ShieldRule = IRule | ReturnType<typeof chain>;
type IOptions = Parameters<IRule['resolve']>[4];
type Ctx = GraphQLContext & { _shield?: { cache: Record<string, unknown> } };
const where = (info: GraphQLResolveInfo) => `${info.parentType.name}.${info.fieldName}`;

function refuse(deps: PermissionDeps, ctx: Ctx, info: GraphQLResolveInfo, rule: string): Error {
  const anonymous = !isAuthenticated(ctx.viewer);
  deps.audit.record('authz.denied', { field: where(info), rule, userId: ctx.viewer.id || undefined, method: ctx.viewer.method, ip: ctx.clientIp });
  return anonymous ? new UnauthenticatedError(`Authentication required for ${info.fieldName}`) : new ForbiddenError(`Not allowed: ${info.fieldName} (${rule})`);
}

export function buildRules(deps: PermissionDeps) {
  const authenticated = rule('authenticated', { cache: 'contextual' })((_p, _a, ctx: Ctx, info: GraphQLResolveInfo) => isAuthenticated(ctx.viewer) || refuse(deps, ctx, info, 'authentication'));
  const scope = (s: Scope) => rule(`scope:${s}`, { cache: 'contextual' })((_p, _a, ctx: Ctx, info: GraphQLResolveInfo) => hasScope(ctx.viewer, s) || refuse(deps, ctx, info, `scope ${s.toUpperCase()}`));
  const admin = rule('admin', { cache: 'contextual' })((_p, _a, ctx: Ctx, info: GraphQLResolveInfo) => isAdmin(ctx.viewer) || refuse(deps, ctx, info, 'admin role and ADMIN scope'));
  const scopes = { read: scope('read'), write: scope('write') };

  /** The rule of one root operation: access check first, then its rate-limit tier (chain stops at the first refusal). */
  return function ruleFor(root: RootType, policy: OperationPolicy): ShieldRule {
    const steps: ShieldRule[] = [];
    switch (policy.access) {
      case 'public':
        break;
      case 'user':
        steps.push(authenticated, root === 'Mutation' ? scopes.write : scopes.read);
        break;
      case 'admin':
        steps.push(authenticated, admin);
        break;
      case 'closed':
        return deny;
      default:
        return unreachable(policy.access);
    }
    const limit = deps.rateLimits?.[policy.tier ?? (root === 'Mutation' ? 'write' : 'read')];
    if (limit) steps.push(limit);
    return steps.length === 0 ? allow : steps.length === 1 ? steps[0]! : chain(...steps);
  };
}

function unreachable(x: never): never {
  throw new Error(`unhandled access ${String(x)}`);
}

/** Apply the permissions to the final executable schema (after every context's resolvers are bound). */
export function protectSchema(schema: GraphQLSchema, deps: PermissionDeps): GraphQLSchema {
  const ruleFor = buildRules(deps);
  const options: IOptions = {
    debug: false,
    allowExternalErrors: true,
    fallbackRule: deny,
    hashFunction: ({ parent, args }) => JSON.stringify([parent, args]), // only 'strict' caches use it; none do
    fallbackError: (_err, _parent, _args, ctx, info) => refuse(deps, ctx as unknown as Ctx, info, 'no rule (default deny)'),
  };
  const roots: Record<RootType, ReturnType<GraphQLSchema['getQueryType']>> = { Query: schema.getQueryType(), Mutation: schema.getMutationType(), Subscription: schema.getSubscriptionType() };
  const tree: Record<string, ShieldRule | Record<string, ShieldRule>> = {};
  const subscriptionRules: Record<string, ShieldRule> = {};
  for (const root of ['Query', 'Mutation', 'Subscription'] as const) {
    const type = roots[root];
    if (!type) continue;
    const fields: Record<string, ShieldRule> = {};
    for (const name of Object.keys(type.getFields())) {
      const policy = OPERATION_POLICIES[root][name];
      if (policy) fields[name] = ruleFor(root, policy); // no policy: fallbackRule (deny)
    }
    if (root === 'Subscription') Object.assign(subscriptionRules, fields);
    tree[type.name] = root === 'Subscription' ? allow : fields; // Subscription: guardSubscribe below (dropped from the map)
  }
  const allowed = [...Object.keys(NESTED_TYPES), ...(deps.publicGraphTypes ?? [])].filter((t) => schema.getType(t));
  for (const typeName of allowed) tree[typeName] = allow;

  // Types whose every field is `allow` keep their own resolvers: wrapping each field in shield's
  // async middleware only to say "allow" made large ontology reads ~3x slower (every field a
  // promise). Dropping them from the generated map is the same decision at no cost; every other
  // type (including ones nobody listed) keeps its wrapper and the deny fallback.
  const middleware = shield(tree, options).generate(schema) as Record<string, unknown>;
  for (const typeName of [...allowed, roots.Subscription?.name]) if (typeName) delete middleware[typeName];
  const protectedSchema = applyMiddleware(schema, middleware as never);
  const sub = protectedSchema.getSubscriptionType();
  for (const [name, field] of Object.entries(sub?.getFields() ?? {})) {
    const inner = field.subscribe ?? defaultFieldResolver; // graphql-js's own fallback
    const check = subscriptionRules[name] ?? deny;
    field.subscribe = guardSubscribe(inner, check, options);
  }
  return protectedSchema;
}

/** Evaluate a shield rule the way shield's own middleware does, then subscribe. */
function guardSubscribe(inner: GraphQLFieldResolver<unknown, unknown>, check: ShieldRule, options: IOptions): GraphQLFieldResolver<unknown, unknown> {
  return async (parent, args, ctx, info) => {
    const c = ctx as Ctx;
    c._shield ??= { cache: {} };
    let res: boolean | string | Error;
    try {
      res = await check.resolve(parent as object, args as object, c as never, info, options);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
    if (res === true) return inner(parent, args, ctx, info);
    if (res === false) return typeof options.fallbackError === 'function' ? options.fallbackError(null, parent as object, args as object, c as never, info) : options.fallbackError;
    return typeof res === 'string' ? new Error(res) : res;
  };
}
