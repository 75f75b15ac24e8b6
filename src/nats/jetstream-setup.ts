/**
 * Declares the JetStream topology (idempotent; safe for every API replica and actor to call).
 *  - JOBS: work-queue retention, file storage, 2 min duplicate window (Nats-Msg-Id = jobId);
 *    one durable pull consumer per priority (work-queue streams need non-overlapping filters).
 *  - JOB_EVENTS: limits retention, file storage, kept 7 days, last-per-subject = current state.
 *  - KV ACTORS (TTL = actor liveness) and KV JOB_CANCEL (cancellation flags).
 */
import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { JOB_PRIORITIES, type NatsNames } from '../../engine/contract/index.js';

const NS_PER_MS = 1_000_000;
export const EVENTS_MAX_AGE_MS = 7 * 24 * 3600 * 1000; // 7 days
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000; // 2 min

export interface TopologyOptions {
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  readonly actorTtlMs: number;
}

async function ensureStream(jsm: JetStreamManager, name: string, cfg: Parameters<JetStreamManager['streams']['add']>[0]): Promise<void> {
  try {
    await jsm.streams.info(name);
    await jsm.streams.update(name, cfg);
  } catch (err) {
    if (!/not found/i.test(String((err as Error).message))) throw err;
    await jsm.streams.add({ ...cfg, name });
  }
}

export async function ensureTopology(nc: NatsConnection, names: NatsNames, opts: TopologyOptions): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, names.jobsStream, {
    name: names.jobsStream,
    subjects: JOB_PRIORITIES.map((p) => names.jobFilter(p)),
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: DUPLICATE_WINDOW_MS * NS_PER_MS,
  });
  await ensureStream(jsm, names.eventsStream, {
    name: names.eventsStream,
    subjects: [names.eventsWildcard()],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: EVENTS_MAX_AGE_MS * NS_PER_MS,
    max_msgs_per_subject: 1_000,
    allow_direct: true,
  });
  for (const p of JOB_PRIORITIES) {
    const cfg = {
      durable_name: names.consumerName(p),
      filter_subject: names.jobFilter(p),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: opts.ackWaitMs * NS_PER_MS,
      max_deliver: opts.maxDeliver,
      max_ack_pending: 10_000,
    };
    try {
      await jsm.consumers.info(names.jobsStream, cfg.durable_name);
      await jsm.consumers.update(names.jobsStream, cfg.durable_name, { ack_wait: cfg.ack_wait, max_deliver: cfg.max_deliver, max_ack_pending: cfg.max_ack_pending });
    } catch (err) {
      if (!/not found/i.test(String((err as Error).message))) throw err;
      await jsm.consumers.add(names.jobsStream, cfg);
    }
  }
  const kvm = new Kvm(nc);
  await kvm.create(names.actorsBucket, { ttl: opts.actorTtlMs, history: 1, storage: StorageType.File });
  await kvm.create(names.cancelBucket, { ttl: EVENTS_MAX_AGE_MS, history: 1, storage: StorageType.File });
}
