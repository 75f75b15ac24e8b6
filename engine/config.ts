/**
 * The engine actor's configuration (the only engine file that reads process.env).
 */
import { z } from 'zod';
import { KERNEL_BACKEND_CHOICES } from './backend/select-backend.js';
import { logLevel, ms, parseEnv } from '../src/config/env-schema.js';
import { actorMetricsEnv, tracingEnv } from '../src/observability/telemetry-env.js';

import {
  DEFAULT_ACK_WAIT_MS,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_DELIVER,
  DEFAULT_PROGRESS_INTERVAL_MS,
  DEFAULT_PROGRESS_MIN_FRACTION,
} from './contract/defaults.js';

const schema = z.object({
  LOG_LEVEL: logLevel,
  NEO4J_URI: z.string().default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/).default(''),
  ACTOR_ID: z.string().optional(),
  /** Jobs run at once by one actor process (each in its own worker thread). */
  ACTOR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Kernel backend (docs/backends.md): auto = tfjs on a CUDA GPU when present, else the CPU reference. */
  ENGINE_BACKEND: z.enum(KERNEL_BACKEND_CHOICES).default('auto'),
  ACK_WAIT_MS: ms(DEFAULT_ACK_WAIT_MS),
  MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(DEFAULT_MAX_DELIVER),
  PROGRESS_INTERVAL_MS: ms(DEFAULT_PROGRESS_INTERVAL_MS),
  PROGRESS_MIN_FRACTION: z.coerce.number().min(0).max(1).default(DEFAULT_PROGRESS_MIN_FRACTION),
  HEARTBEAT_MS: ms(DEFAULT_HEARTBEAT_MS),
  // --- Observability (issue 9; docs/operations.md): METRICS_PORT/HOST, OTEL_*.
  ...actorMetricsEnv,
  ...tracingEnv,
});

export type EngineConfig = Readonly<z.infer<typeof schema>>;

export function loadEngineConfig(env: Record<string, string | undefined> = process.env): EngineConfig {
  return parseEnv(schema, env);
}
