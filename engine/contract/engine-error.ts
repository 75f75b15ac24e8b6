/**
 * Failures as they cross the wire: `{type, message, retryable, details}`.
 * Classified by the `type` string, never by instanceof (instanceof fails across worker
 * threads, processes and duplicate module copies). The actor maps retryable → nak(delay),
 * otherwise → FAILED + term.
 */

export const ENGINE_ERROR_TYPES = [
  'INVALID_INPUT', // bad spec or data: not retryable; details.field names the culprit
  'INFEASIBLE', // constraints cannot be met (optimizer): not retryable
  'CANCELLED', // cooperative cancellation observed
  'TIMEOUT', // job exceeded its per-kind deadline
  'DEPENDENCY_UNAVAILABLE', // Neo4j/NATS hiccup: retryable
  'INTERNAL', // bug: not retryable (retrying a deterministic bug repeats it)
] as const;
export type EngineErrorType = (typeof ENGINE_ERROR_TYPES)[number];

export interface EngineFailure {
  readonly type: EngineErrorType;
  readonly message: string;
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class EngineError extends Error implements EngineFailure {
  override readonly name = 'EngineError';
  readonly type: EngineErrorType;
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(type: EngineErrorType, message: string, opts: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.type = type;
    this.retryable = opts.retryable ?? type === 'DEPENDENCY_UNAVAILABLE';
    if (opts.details) this.details = opts.details;
  }

  /** The error again from a wire failure (a worker thread's reply). */
  static fromFailure(f: EngineFailure): EngineError {
    return new EngineError(f.type, f.message, { retryable: f.retryable, ...(f.details ? { details: { ...f.details } } : {}) });
  }

  toFailure(): EngineFailure {
    return { type: this.type, message: this.message, retryable: this.retryable, ...(this.details ? { details: this.details } : {}) };
  }
}

/** Bad input naming the field, e.g. invalidInput('payouts[3].prize', 'must be >= 0'). */
export function invalidInput(field: string, reason: string, details: Record<string, unknown> = {}): EngineError {
  return new EngineError('INVALID_INPUT', `${field}: ${reason}`, { details: { field, ...details } });
}

/** Normalise anything thrown into a wire failure. Unknown errors become INTERNAL (not retryable). */
export function toEngineFailure(err: unknown): EngineFailure {
  if (err && typeof err === 'object' && 'type' in err && 'retryable' in err && typeof (err as EngineFailure).type === 'string') {
    const e = err as EngineFailure;
    if ((ENGINE_ERROR_TYPES as readonly string[]).includes(e.type)) {
      return { type: e.type, message: String(e.message), retryable: Boolean(e.retryable), ...(e.details ? { details: e.details } : {}) };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'INTERNAL', message, retryable: false };
}
