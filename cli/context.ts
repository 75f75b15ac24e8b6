/** What every command gets: the SDK client, the parsed flags and its positionals. */
import type { DfsClient } from '../client/index.js';

export type Flags = Record<string, string | boolean | undefined>;

export interface CommandContext {
  readonly client: DfsClient;
  readonly flags: Flags;
  /** Positionals after the command name. */
  readonly args: readonly string[];
}

/** A usage mistake: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function int(flags: Flags, name: string): number | undefined {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer (got ${v})`);
  return n;
}

export function num(flags: Flags, name: string): number | undefined {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got ${v})`);
  return n;
}

export function json(flags: Flags, name: string): Record<string, unknown> | undefined {
  const v = str(flags, name);
  if (v === undefined) return undefined;
  try {
    const o = JSON.parse(v) as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('not an object');
    return o as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`--${name} must be a JSON object (${(err as Error).message})`);
  }
}
