/**
 * Helpers shared by the two config loaders (src/config.ts and engine/config.ts): parse an env
 * object with a zod schema and fail with ONE message naming every bad variable.
 */
import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
}

export function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): Readonly<z.infer<T>> {
  // Empty strings mean "unset" (docker-compose passes VAR= for optional values).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const res = schema.safeParse(cleaned);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(res.data);
}

export const port = (def: number) => z.coerce.number().int().min(0).max(65535).default(def);
export const ms = (def: number) => z.coerce.number().int().min(0).default(def);
export const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
