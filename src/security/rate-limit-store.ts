/**
 * graphql-rate-limit `Store` shared by every API replica: a NATS JetStream KV bucket.
 *
 * Why NATS KV: NATS is already a required dependency of every replica (Redis is not part of this
 * design), KV gives per-key revisions for compare-and-set, and a bucket TTL expires idle
 * identities without a sweeper. Memory storage: counters are hot and disposable (a NATS restart
 * forgets them, which only ever loosens a limit for one window).
 *
 * Atomicity. graphql-rate-limit reads the timestamps (`getForIdentity`), decides, then writes
 * them back (`setForIdentity`): two replicas doing that at once would both read N and both write
 * N+1, losing a call. So this store RESERVES ON READ: `getForIdentity` appends "now" with a
 * revision-checked update (`kv.create` / `kv.update(key, value, revision)`, retried on a
 * wrong-last-sequence conflict) and returns the timestamps as they were before the append —
 * exactly what the limiter expects to read — and `setForIdentity` is a no-op. This is correct
 * for the way rate-limit.ts uses the limiter (one call per evaluation, rejected calls counted);
 * it does not support `readOnly`, `uncountRejected` or `arrayLengthField`.
 * Calls from one process for one key are also queued locally, so only cross-replica races
 * reach the compare-and-set, and the last value and revision this process wrote are remembered:
 * the update is tried against them first (one round trip), and only a conflict (another
 * replica wrote, or the entry expired) costs a fresh read.
 */
import { createHash } from 'node:crypto';
import { JetStreamApiCodes, StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Identity, Store } from 'graphql-rate-limit';

export const RATE_LIMIT_BUCKET = 'RATE_LIMITS';
export const DEFAULT_STORE_TIMEOUT_MS = 1_000; // a KV round trip; past it the limiter fails open
export const MAX_CAS_ATTEMPTS = 25;
export const MAX_REMEMBERED_KEYS = 10_000; // last-written values kept for the one-round-trip path

/** Bucket name for a NATS prefix, the same way engine/contract `natsNames` names its buckets. */
export function rateLimitBucketName(prefix = ''): string {
  return prefix ? `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_${RATE_LIMIT_BUCKET}` : RATE_LIMIT_BUCKET;
}

export async function openRateLimitBucket(nc: NatsConnection, prefix: string, windowMs: number): Promise<KV> {
  // TTL: an identity idle for a whole window has nothing left to remember.
  return new Kvm(nc).create(rateLimitBucketName(prefix), { ttl: Math.max(windowMs, 1_000), history: 1, storage: StorageType.Memory });
}

/** KV keys must be subject tokens: hash the identity (ids and IPs contain `:` `.` `@`...). */
export function rateLimitKey(identity: Identity): string {
  return createHash('sha256').update(`${identity.contextIdentity}\n${identity.fieldIdentity}`).digest('hex').slice(0, 40);
}

export interface NatsKvStoreOptions {
  readonly windowMs: number;
  /** Timestamps kept per key (≥ the largest `max` of any rule; more only wastes bytes). */
  readonly maxEntries: number;
  /** @default DEFAULT_STORE_TIMEOUT_MS */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const isConflict = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return code === JetStreamApiCodes.StreamWrongLastSequence || code === JetStreamApiCodes.StreamWrongLastSequenceUnknown || /wrong last sequence/i.test(String((err as Error).message));
};

export class NatsKvRateLimitStore implements Store {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lastWritten = new Map<string, { readonly revision: number; readonly value: readonly number[] }>();
  private readonly now: () => number;

  constructor(
    private readonly kv: KV,
    private readonly opts: NatsKvStoreOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Reserve a call for `identity` now; returns the live timestamps from BEFORE this call. */
  getForIdentity(identity: Identity): Promise<readonly number[]> {
    const key = rateLimitKey(identity);
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(() => withTimeout(this.reserve(key), this.opts.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS));
    this.queues.set(key, next);
    void next.finally(() => this.queues.get(key) === next && this.queues.delete(key)).catch(() => {});
    return next;
  }

  /** No-op: the call was recorded atomically by `getForIdentity` (see the header). */
  setForIdentity(): void {}

  /** Live timestamps for `identity` without recording a call (for Retry-After). */
  async peek(identity: Identity): Promise<number[]> {
    const e = await withTimeout(this.kv.get(rateLimitKey(identity)), this.opts.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS);
    return this.live(e && e.operation === 'PUT' ? decode(e.string()) : []);
  }

  private live(ts: readonly number[]): number[] {
    const since = this.now() - this.opts.windowMs;
    return ts.filter((t) => t > since).sort((a, b) => a - b);
  }

  private async reserve(key: string): Promise<number[]> {
    let known: { revision: number; value: readonly number[] } | null | undefined = this.lastWritten.get(key);
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      if (known === undefined) {
        const e = await this.kv.get(key);
        known = e && e.operation === 'PUT' ? { revision: e.revision, value: decode(e.string()) } : null;
      }
      const before = this.live(known?.value ?? []);
      const after = [...before, this.now()].slice(-this.opts.maxEntries);
      try {
        const revision = known ? await this.kv.update(key, JSON.stringify(after), known.revision) : await this.kv.create(key, JSON.stringify(after));
        this.remember(key, { revision, value: after });
        return before;
      } catch (err) {
        if (!isConflict(err)) throw err;
        this.lastWritten.delete(key);
        known = undefined; // another replica wrote (or the entry expired): re-read
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
    throw new Error(`rate-limit store: ${MAX_CAS_ATTEMPTS} compare-and-set conflicts in a row`);
  }

  private remember(key: string, v: { revision: number; value: readonly number[] }): void {
    this.lastWritten.delete(key);
    this.lastWritten.set(key, v);
    if (this.lastWritten.size > MAX_REMEMBERED_KEYS) this.lastWritten.delete(this.lastWritten.keys().next().value!);
  }
}

function decode(s: string): number[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v.filter((t): t is number => typeof t === 'number') : [];
  } catch {
    return [];
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate-limit store timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
