/**
 * The API's configuration: read once from the environment, typed, validated, frozen.
 * The only file of src/ that reads process.env (STYLE.md #6). Every variable is listed in
 * README.md § Configuration.
 */
import { z } from 'zod';
import { bool, logLevel, ms, parseEnv, port } from './config/env-schema.js';
import { DEFAULT_ACK_WAIT_MS, DEFAULT_MAX_DELIVER } from '../engine/contract/defaults.js';
import { securityConfigIssues } from './security/config-rules.js';
import { parseOrigins } from './security/cors.js';
import * as SEC from './security/defaults.js';
import { apiMetricsEnv, tracingEnv } from './observability/telemetry-env.js';

export const DEFAULT_PORT = 4000;
export const DEFAULT_NEO4J_URI = 'bolt://127.0.0.1:7687';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000; // 10 s to drain HTTP/WS before forcing
export const DEFAULT_READY_TIMEOUT_MS = 2_000; // each /ready dependency probe
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024; // 10 MiB per HTTP request / WS message (CSV imports up to 8 MiB)
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000; // 120 s: a 10-season CSV import takes ~20-60 s on 2 cores

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(DEFAULT_PORT),
  GRAPHQL_PATH: z.string().startsWith('/').default('/graphql'),
  LOG_LEVEL: logLevel,
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'must be a bolt:// or neo4j:// URI').default(DEFAULT_NEO4J_URI),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  NATS_URL: z.string().regex(/^(nats|tls|ws|wss):\/\//, 'must be a nats:// URL').default(DEFAULT_NATS_URL),
  /** Namespaces every NATS stream/subject/bucket (tests use a unique prefix per run). */
  NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only').default(''),
  SHUTDOWN_GRACE_MS: ms(DEFAULT_SHUTDOWN_GRACE_MS),
  READY_TIMEOUT_MS: ms(DEFAULT_READY_TIMEOUT_MS),
  /** JetStream job consumers (declared by the API, shared with the actors: keep them equal). */
  ACK_WAIT_MS: ms(DEFAULT_ACK_WAIT_MS),
  MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(DEFAULT_MAX_DELIVER),
  /** Allow webhooks to loopback/private addresses. @default true outside production */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Retry delays of failed webhook deliveries, comma-separated ms. */
  WEBHOOK_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 1000,5000,30000')
    .default('1000,5000,30000,120000,600000')
    .transform((s) => s.split(',').map(Number)),
  /**
   * Key material (≥ 32 characters) that seals webhook signing secrets in Neo4j, or a file
   * holding it. Required in production; development uses a fixed, public development key.
   */
  WEBHOOK_SECRET_KEY: z.string().min(32, 'at least 32 characters').optional(),
  WEBHOOK_SECRET_KEY_FILE: z.string().optional(),
  /** The key being rotated out (or a file holding it): its sealed secrets still open and are resealed at start-up. */
  WEBHOOK_SECRET_KEY_PREVIOUS: z.string().min(32, 'at least 32 characters').optional(),
  WEBHOOK_SECRET_KEY_PREVIOUS_FILE: z.string().optional(),
  /** Serve the offline GraphQL IDE at GET <GRAPHQL_PATH> for browsers and at /ide. */
  IDE_ENABLED: bool(true),
  // --- Observability (issue 9; docs/operations.md): METRICS_*, OTEL_*.
  ...apiMetricsEnv,
  ...tracingEnv,
  // --- Security (issue 8; docs/security.md). Secrets come only from env or *_FILE, never logged.
  /** HS256 secret for bearer JWTs (≥ 32 chars), or a file holding it. */
  JWT_SECRET: z.string().min(32, 'at least 32 characters (256 bits) for HS256').optional(),
  JWT_SECRET_FILE: z.string().optional(),
  /** JWKS endpoint for RS256/ES256/EdDSA tokens (needs JWT_ISSUER and JWT_AUDIENCE). */
  JWT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  JWT_ISSUER: z.string().optional(),
  /** Accepted audiences, comma separated. */
  JWT_AUDIENCE: z.string().transform(parseOrigins).optional(),
  JWT_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(SEC.DEFAULT_JWT_CLOCK_SKEW_S),
  JWT_ROLES_CLAIM: z.string().default(SEC.DEFAULT_JWT_ROLES_CLAIM),
  /** Development only: callers without credentials act as an admin. Refused in production. */
  AUTH_DEV_BYPASS: bool(false),
  API_KEY_CACHE_MS: ms(SEC.DEFAULT_API_KEY_CACHE_MS),
  /** Allowed browser origins, comma separated; `*` is refused in production. @default none */
  CORS_ORIGINS: z.string().default('').transform(parseOrigins),
  /** Schema introspection. @default true outside production */
  INTROSPECTION: z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes').optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(100).default(SEC.DEFAULT_MAX_QUERY_DEPTH),
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(SEC.DEFAULT_MAX_QUERY_COST),
  MAX_ALIASES: z.coerce.number().int().min(0).default(SEC.DEFAULT_MAX_ALIASES),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_BODY_BYTES),
  REQUEST_TIMEOUT_MS: ms(DEFAULT_REQUEST_TIMEOUT_MS),
  /** Express `trust proxy` (true, false, a hop count or CIDR list): how the client IP is found behind a load balancer. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(SEC.DEFAULT_RATE_LIMIT_WINDOW_MS),
  RATE_LIMIT_READ_MAX: z.coerce.number().int().min(1).max(10_000).default(SEC.DEFAULT_RATE_LIMIT_READ_MAX),
  RATE_LIMIT_WRITE_MAX: z.coerce.number().int().min(1).max(10_000).default(SEC.DEFAULT_RATE_LIMIT_WRITE_MAX),
  RATE_LIMIT_EXPENSIVE_MAX: z.coerce.number().int().min(1).max(10_000).default(SEC.DEFAULT_RATE_LIMIT_EXPENSIVE_MAX),
}).superRefine((cfg, ctx) => {
  for (const i of securityConfigIssues(cfg)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});

export type ApiConfig = Readonly<z.infer<typeof schema>>;

export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(schema, env);
}
