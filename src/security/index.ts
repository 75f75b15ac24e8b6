/**
 * The security layer (issue 8), built once per API process and plugged into server.ts and
 * app.ts: authentication (JWT / API keys), graphql-shield permissions with rate limits on a
 * NATS-KV store shared by all replicas, query limits, CORS, HTTP guards and the audit log.
 * See docs/security.md. Add exports with intention.
 */
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config.js';
import { secretSetting } from '../config/secret-setting.js';
import { ApiKeyRepository } from '../auth/api-key-repository.js';
import { ApiKeyService } from '../auth/api-key-service.js';
import { Authenticator } from '../auth/authenticator.js';
import { devKeyBanner, mintDevAdminKey } from '../auth/dev-bootstrap.js';
import { createJwtVerifier } from '../auth/jwt-verifier.js';
import type { GraphQLContext, Viewer } from '../graphql/context.js';
import { costLimitPlugin, retryAfterPlugin } from './apollo-plugins.js';
import { createAudit, type Audit } from './audit.js';
import { corsMiddleware, originAllowed } from './cors.js';
import { graphqlHttpErrors, responseDeadline } from './http-guards.js';
import { ontologyTypeNames } from './ontology-types.js';
import { protectSchema } from './permissions.js';
import { aliasLimitRule, depthLimitRule } from './query-limits.js';
import { createRateLimitRules, RATE_TIERS } from './rate-limit.js';
import { NatsKvRateLimitStore, openRateLimitBucket } from './rate-limit-store.js';
import { createWsHooks, wsViewer, type WsHookOptions } from './ws-hooks.js';

export { ANONYMOUS, isAdmin, isAuthenticated } from '../auth/viewer.js';
export type { ApiKeyService } from '../auth/api-key-service.js';
export { wsViewer };

export interface SecurityDeps {
  readonly config: ApiConfig;
  readonly driver: Driver;
  readonly nc: NatsConnection;
  readonly log: Logger;
}

export interface SecurityLayer {
  readonly audit: Audit;
  readonly apiKeys: ApiKeyService;
  readonly authenticator: Authenticator;
  /** The permissions (graphql-shield + rate limits) applied to the final executable schema. */
  protect(schema: GraphQLSchema): GraphQLSchema;
  readonly http: {
    /** Before the GraphQL handler: CORS and the response deadline. */
    readonly before: readonly RequestHandler[];
    readonly bodyLimitBytes: number;
    /** After it: JSON errors for oversized/invalid bodies. */
    readonly errors: ErrorRequestHandler;
    /** The caller of an HTTP request (throws 401 UNAUTHENTICATED on a bad credential). */
    viewer(req: Request): Promise<{ viewer: Viewer; clientIp: string | undefined }>;
    /** Apollo options: introspection policy, static validation rules, plugins. Batching stays off. */
    readonly apollo: { readonly introspection: boolean; readonly validationRules: ValidationRule[]; readonly plugins: ApolloServerPlugin<GraphQLContext>[]; readonly allowBatchedHttpRequests: false };
  };
  readonly ws: {
    /** ws `verifyClient`: refuse upgrades from browser origins that are neither this host nor allowed. */
    verifyClient(info: { origin: string; req: IncomingMessage }): boolean;
    readonly maxPayloadBytes: number;
    hooks(schema: GraphQLSchema, formatError: WsHookOptions['formatError']): ReturnType<typeof createWsHooks>;
  };
}

export async function createSecurity({ config, driver, nc, log }: SecurityDeps): Promise<SecurityLayer> {
  const audit = createAudit(log);
  const repo = new ApiKeyRepository(driver, config.NEO4J_DATABASE);
  const apiKeys = new ApiKeyService(repo, audit, config.API_KEY_CACHE_MS);
  const secret = secretSetting('JWT_SECRET', config.JWT_SECRET, config.JWT_SECRET_FILE, 32); // 256 bits for HS256
  const jwt =
    secret || config.JWT_JWKS_URL
      ? createJwtVerifier({ secret, jwksUrl: config.JWT_JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, clockSkewSeconds: config.JWT_CLOCK_SKEW_S, rolesClaim: config.JWT_ROLES_CLAIM })
      : null;
  const authenticator = new Authenticator({ jwt, apiKeys, users: repo, audit, devBypass: config.AUTH_DEV_BYPASS, onUserRefreshError: (err) => log.warn({ err }, 'could not refresh (:User) from a JWT; continuing') });
  if (config.AUTH_DEV_BYPASS) audit.record('auth.dev_bypass', { message: 'AUTH_DEV_BYPASS=true: callers without credentials act as the admin user "dev"' });
  if (config.NODE_ENV === 'development' && !config.AUTH_DEV_BYPASS && !jwt) process.stderr.write(devKeyBanner(await mintDevAdminKey(apiKeys, repo)));

  let rateLimits = null;
  if (config.RATE_LIMIT_ENABLED) {
    const max = { read: config.RATE_LIMIT_READ_MAX, write: config.RATE_LIMIT_WRITE_MAX, expensive: config.RATE_LIMIT_EXPENSIVE_MAX };
    const kv = await openRateLimitBucket(nc, config.NATS_PREFIX, config.RATE_LIMIT_WINDOW_MS);
    const store = new NatsKvRateLimitStore(kv, { windowMs: config.RATE_LIMIT_WINDOW_MS, maxEntries: Math.max(...RATE_TIERS.map((t) => max[t])) + 1 });
    rateLimits = createRateLimitRules({ windowMs: config.RATE_LIMIT_WINDOW_MS, max, store, audit, log });
  }

  const introspection = config.INTROSPECTION ?? config.NODE_ENV !== 'production';
  const validationRules = [depthLimitRule(config.MAX_QUERY_DEPTH), aliasLimitRule(config.MAX_ALIASES)];
  const trustProxy = config.TRUST_PROXY !== false;
  const wsClientIp = (req: IncomingMessage) => (trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]!.trim() || req.socket.remoteAddress : req.socket.remoteAddress);

  return {
    audit,
    apiKeys,
    authenticator,
    protect: (schema) => protectSchema(schema, { audit, rateLimits, publicGraphTypes: ontologyTypeNames(schema) }),
    http: {
      before: [corsMiddleware(config.CORS_ORIGINS), responseDeadline(config.REQUEST_TIMEOUT_MS)],
      bodyLimitBytes: config.MAX_BODY_BYTES,
      errors: graphqlHttpErrors(config.MAX_BODY_BYTES),
      async viewer(req) {
        const viewer = await authenticator.authenticate({ authorization: req.get('authorization'), apiKey: req.get('x-api-key') }, { ip: req.ip, transport: 'http' });
        return { viewer, clientIp: req.ip };
      },
      apollo: { introspection, validationRules, plugins: [costLimitPlugin(config.MAX_QUERY_COST), retryAfterPlugin()], allowBatchedHttpRequests: false },
    },
    ws: {
      verifyClient: ({ origin, req }) => !origin || sameHost(origin, req.headers.host) || originAllowed(origin, config.CORS_ORIGINS),
      maxPayloadBytes: config.MAX_BODY_BYTES,
      hooks: (schema, formatError) => createWsHooks({ authenticator, schema, rules: validationRules, introspection, maxCost: config.MAX_QUERY_COST, formatError, clientIp: wsClientIp }),
    },
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
