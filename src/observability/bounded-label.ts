/**
 * Label values chosen by clients (GraphQL operation names, error codes) must not grow the number
 * of Prometheus series without bound: one series per value, forever, per process.
 *
 * `LabelLimiter` keeps every KNOWN value (e.g. the operation names of client/operations/*.graphql)
 * and admits at most `maxUnknown` other well-formed values, first come first served; the rest
 * become 'other'. Malformed values (not a GraphQL name) become 'invalid'.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_MAX_UNKNOWN_LABELS = 200;
export const OTHER_LABEL = 'other';
export const INVALID_LABEL = 'invalid';

/** A GraphQL Name, capped at 64 characters (longer ones are not worth a series). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class LabelLimiter {
  private readonly known: ReadonlySet<string>;
  private readonly admitted = new Set<string>();

  constructor(
    known: Iterable<string> = [],
    private readonly maxUnknown = DEFAULT_MAX_UNKNOWN_LABELS,
  ) {
    this.known = new Set(known);
  }

  /** The label to use for `value` (the value itself, 'other' or 'invalid'). */
  label(value: string): string {
    if (this.known.has(value) || this.admitted.has(value)) return value;
    if (!NAME.test(value)) return INVALID_LABEL;
    if (this.admitted.size >= this.maxUnknown) return OTHER_LABEL;
    this.admitted.add(value);
    return value;
  }

  /** Distinct values in use (known ones included): the upper bound on series per metric. */
  get size(): number {
    return this.known.size + this.admitted.size;
  }
}

/**
 * Operation names declared in `*.graphql` files under `dir` (the client's persisted operations).
 * A missing directory gives an empty list: the limiter then only caps.
 * Example: `mutation SubmitPing($input: PingInput!) {` → 'SubmitPing'.
 */
export function knownOperationNames(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/\b(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  }
  return [...names].sort();
}
