/**
 * The one place Neo4j driver errors are translated into public API errors (STYLE.md #4).
 * Connectivity and transient errors → UNAVAILABLE (retryable); constraint violations → CONFLICT;
 * anything else is rethrown and becomes INTERNAL_SERVER_ERROR in the normaliser.
 */
import { ConflictError, UnavailableError } from '../errors.js';

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.ClientError.Cluster.NotALeader']);

export function isNeo4jUnavailable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.') || /ECONNREFUSED|connection.*(closed|refused)/i.test(String((err as Error)?.message ?? ''));
}

export function translateNeo4jError(err: unknown): Error {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (isNeo4jUnavailable(err)) return new UnavailableError('neo4j', 'The graph database is unavailable; retry shortly.', err);
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') return new ConflictError('A record with the same key already exists.', { neo4jCode: code });
  return err instanceof Error ? err : new Error(String(err));
}

/** Run `fn`, translating driver errors. */
export async function withNeo4j<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw translateNeo4jError(err);
  }
}
