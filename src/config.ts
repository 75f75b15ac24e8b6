/**
 * The API's configuration: read once from the environment, typed, validated, frozen.
 * The only file of src/ that reads process.env (STYLE.md #6). Every variable is listed in
 * README.md § Configuration.
 */
import { z } from 'zod';
import { bool, logLevel, ms, parseEnv, port } from './config/env-schema.js';

export const DEFAULT_PORT = 4000;
export const DEFAULT_NEO4J_URI = 'bolt://127.0.0.1:7687';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000; // 10 s to drain HTTP/WS before forcing
export const DEFAULT_READY_TIMEOUT_MS = 2_000; // each /ready dependency probe

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
  /** Serve the offline GraphQL IDE at GET <GRAPHQL_PATH> for browsers and at /ide. */
  IDE_ENABLED: bool(true),
});

export type ApiConfig = Readonly<z.infer<typeof schema>>;

export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(schema, env);
}
