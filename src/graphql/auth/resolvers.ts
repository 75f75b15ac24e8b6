/** Resolvers of schema/auth.graphql and the boundary scalars of schema/scalars.graphql. Thin: rules live in ApiKeyService. */
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import type { Scope } from '../context.js';
import { isAuthenticated, scopesOf } from '../../auth/viewer.js';
import { MoneyScalar, PercentScalar, SeedScalar } from './scalars.js';

const ROLE = { USER: 'user', ADMIN: 'admin' } as const;
const SCOPE = { READ: 'read', WRITE: 'write', ADMIN: 'admin' } as const;
const METHOD = { JWT: 'jwt', API_KEY: 'apiKey', DEV: 'dev' } as const;

export const authResolvers: Resolvers = {
  Seed: SeedScalar,
  Money: MoneyScalar,
  Percent: PercentScalar,
  // Internal values are the lower-case strings used in Viewer and on (:ApiKey).scopes.
  Role: ROLE as never,
  ApiKeyScope: SCOPE as never,
  AuthMethod: METHOD as never,
  Viewer: {
    roles: (v) => [...v.roles] as never,
    scopes: (v) => scopesOf(v) as never,
    authMethod: (v) => (v.method ?? 'jwt') as never,
    expiresAt: (v) => (v.expiresAt ? new Date(v.expiresAt * 1000).toISOString() : null),
    apiKeyId: (v) => v.apiKeyId ?? null,
  },
  ApiKey: {
    scopes: (k) => [...k.scopes] as never,
  },
  Query: {
    viewer: (_p, _a, ctx) => (isAuthenticated(ctx.viewer) ? ctx.viewer : null),
    myApiKeys: (_p, { includeRevoked }, ctx) => ctx.services.apiKeys.list(ctx.viewer, includeRevoked ?? false),
  },
  Mutation: {
    createApiKey: (_p, { name, scopes }, ctx) => ctx.services.apiKeys.create(ctx.viewer, name, scopes as unknown as Scope[]),
    revokeApiKey: (_p, { id }, ctx) => ctx.services.apiKeys.revoke(ctx.viewer, id),
  },
};
