/**
 * Typed errors of the SDK. Every failure a caller can act on carries the API's
 * `extensions.code` (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, ...) so code can branch on
 * it, and `hint` says in one line how to fix the common ones (the CLI prints exactly that).
 */

export interface GraphqlErrorBody {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

/** The API answered with an error. `code` is `extensions.code` (or `HTTP_<status>`). */
export class DfsApiError extends Error {
  override readonly name = 'DfsApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly extensions: Record<string, unknown> = {},
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Nothing answered at the URL (connection refused, DNS, TLS): the API is not running there. */
export class DfsUnreachableError extends Error {
  override readonly name = 'DfsUnreachableError';
  readonly code = 'UNREACHABLE';
  constructor(
    readonly url: string,
    readonly causeText: string,
  ) {
    super(`cannot reach ${url}: is the API running? (npm start) [${causeText}]`);
  }
}

/** Why fetch failed, without Node's "fetch failed" noise (ECONNREFUSED, ENOTFOUND...). */
export function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

const CREDENTIAL_HINT = 'pass --api-key / DFS_API_KEY with the key `npm start` prints (dev), or create one with the createApiKey mutation';

/** Builds the typed error for the first GraphQL error of a response. */
export function toApiError(first: GraphqlErrorBody | undefined, status: number, url: string): DfsApiError {
  const ext = first?.extensions ?? {};
  const code = String(ext.code ?? `HTTP_${status}`);
  const message = first?.message ?? `unexpected response from ${url}: HTTP ${status}`;
  let hint: string | undefined;
  if (code === 'UNAUTHENTICATED' || status === 401) {
    const reason = ext.reason ? ` (${String(ext.reason)})` : '';
    hint = ext.reason === 'missing' ? `401: no credential sent; ${CREDENTIAL_HINT}` : `401: the API key or token was refused${reason}; ${CREDENTIAL_HINT}`;
  } else if (code === 'FORBIDDEN') hint = `403: ${message} (this needs a key with more scopes or the admin role)`;
  return new DfsApiError(message, code, status, ext, hint);
}

/** One line for humans: the hint when there is one, else `message (CODE)`. */
export function describeError(err: unknown): string {
  if (err instanceof DfsUnreachableError) return err.message;
  if (err instanceof DfsApiError) {
    if (err.hint) return err.hint;
    const field = err.extensions.field ? ` [${String(err.extensions.field)}]` : '';
    return `${err.message}${field} (${err.code})`;
  }
  return err instanceof Error ? err.message : String(err);
}
