/**
 * Public error codes (stable API: clients switch on `extensions.code`) and the one normaliser.
 * Internal classes set the code; anything unknown becomes INTERNAL_SERVER_ERROR and is masked
 * outside development. Errors are matched by code string, never instanceof (STYLE.md #5).
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));
/** Apollo's own codes that are safe to pass through unchanged. */
const PASSTHROUGH = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

abstract class CodedError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { extensions: { ...extensions, code }, originalError: cause instanceof Error ? cause : undefined });
  }
}

/** Bad input; `field` names the offending argument path (e.g. `input.spec.samples`). */
export class UserInputError extends CodedError {
  constructor(message: string, field?: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, { ...(field ? { field } : {}), ...details });
  }
}
export class NotFoundError extends CodedError {
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${what} '${id}' not found`, { id });
  }
}
export class ConflictError extends CodedError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}
/** A dependency (Neo4j, NATS) is down; clients may retry. */
export class UnavailableError extends CodedError {
  constructor(dependency: 'neo4j' | 'nats' | 'engine' | 'identity-provider', message: string, cause?: unknown) {
    super(ErrorCode.UNAVAILABLE, message, { dependency, retryable: true }, cause);
  }
}

/**
 * No or bad credentials. `reason` is safe to show (e.g. `missing`, `expired`, `invalid`,
 * `revoked`); the credential itself is never echoed. `http401` makes Apollo answer 401 with
 * `WWW-Authenticate: Bearer` (a bad credential on the request); a permission rule refusing an
 * anonymous caller leaves it off (a GraphQL error in a 200 response, like any field error).
 */
export class UnauthenticatedError extends CodedError {
  constructor(message = 'Authentication required', reason = 'missing', http401 = false) {
    super(ErrorCode.UNAUTHENTICATED, message, { reason, ...(http401 ? { http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } } : {}) });
  }
}
/** Authenticated, but the role or API-key scope does not allow the operation. */
export class ForbiddenError extends CodedError {
  constructor(message = 'Not allowed', details: Record<string, unknown> = {}) {
    super(ErrorCode.FORBIDDEN, message, details);
  }
}
/** Too many calls; `retryAfter` is in whole seconds (also sent as the HTTP Retry-After header). */
export class RateLimitedError extends CodedError {
  constructor(message: string, retryAfterSeconds: number, details: Record<string, unknown> = {}) {
    super(ErrorCode.RATE_LIMITED, message, { ...details, retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)), retryable: true });
  }
}

export interface FormatErrorOptions {
  /** Include stack traces and unmasked internal messages. @default false */
  readonly development: boolean;
  readonly onInternalError?: (err: unknown) => void;
}

/**
 * Apollo `formatError`: keeps public codes, maps anything else to INTERNAL_SERVER_ERROR with a
 * masked message (outside development). Never throws.
 */
export function makeFormatError(opts: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const code = String(formatted.extensions?.code ?? '');
      if (PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return stripStack(formatted, opts.development);
      if (PASSTHROUGH.has(code)) return stripStack(formatted, opts.development);
      // graphql-js appends a code-less error after 50 variable errors (Apollo has already labelled
      // it INTERNAL_SERVER_ERROR): it is still bad input.
      if ((!code || code === ErrorCode.INTERNAL_SERVER_ERROR) && formatted.message.startsWith('Too many errors processing variables')) {
        return { ...stripStack(formatted, opts.development), extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
      }
      // Cypher that Neo4j refuses as a statement error was built from the client's arguments by
      // @neo4j/graphql (e.g. impossible cursor/aggregate combinations found by fuzzing): report it
      // as bad input, and still log it, since it can also be a translation bug.
      const neo4jCode = String((error as { originalError?: { code?: unknown } } | null)?.originalError?.code ?? '');
      if (neo4jCode.startsWith('Neo.ClientError.Statement.')) {
        opts.onInternalError?.(error);
        return { message: 'The query could not be executed with these arguments (check pagination cursors and filters).', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.BAD_USER_INPUT, neo4jCode } };
      }
      opts.onInternalError?.(error);
      return {
        message: opts.development ? formatted.message : 'Internal server error',
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(opts.development && formatted.extensions?.stacktrace ? { stacktrace: formatted.extensions.stacktrace } : {}) },
      };
    } catch {
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  };
}

function stripStack(f: GraphQLFormattedError, development: boolean): GraphQLFormattedError {
  if (development || !f.extensions?.stacktrace) return f;
  const { stacktrace: _s, ...ext } = f.extensions;
  return { ...f, extensions: ext };
}
