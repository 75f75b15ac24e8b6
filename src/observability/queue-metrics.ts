/**
 * Job queue depth read from JetStream on scrape (issue 9 §1), cached for `ttlMs` so many
 * scrapers (or API replicas behind one Prometheus) cost one read per interval:
 *  - per priority, from each durable consumer: num_pending (not yet delivered) and
 *    num_ack_pending (delivered to an actor, not acked = running or waiting for a slot);
 *  - per priority and kind, from the JOBS stream's per-subject counts (work-queue retention keeps
 *    a message until it is acked, so this is pending + in flight for that kind);
 *  - live actors, from the ACTORS KV bucket (entries expire with the heartbeat TTL).
 * A failed read sets dfs_job_queue_up to 0 and drops the other series (dfs_engine_actors, which
 * has no labels, becomes NaN: unknown, not 0) instead of repeating stale numbers.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import { JOB_PRIORITIES, type NatsNames } from '../../engine/contract/index.js';

export interface QueueSnapshot {
  readonly consumers: readonly { priority: string; pending: number; ackPending: number; redelivered: number }[];
  readonly subjects: readonly { priority: string; kind: string; messages: number }[];
  readonly actors: number;
}

/** `jobs.high.ping` or `<prefix>.jobs.high.ping` → { priority: 'high', kind: 'ping' }. */
export function parseJobSubject(subject: string): { priority: string; kind: string } | null {
  const m = /(?:^|\.)jobs\.([^.]+)\.([^.]+)$/.exec(subject);
  return m ? { priority: m[1]!, kind: m[2]! } : null;
}

/** One read of the queue state (three JetStream API calls plus a KV key listing). */
export async function readQueueSnapshot(nc: NatsConnection, names: NatsNames): Promise<QueueSnapshot> {
  const jsm = await jetstreamManager(nc);
  const consumers = [];
  for (const p of JOB_PRIORITIES) {
    const ci = await jsm.consumers.info(names.jobsStream, names.consumerName(p));
    consumers.push({ priority: p, pending: ci.num_pending, ackPending: ci.num_ack_pending, redelivered: ci.num_redelivered });
  }
  const si = await jsm.streams.info(names.jobsStream, { subjects_filter: '>' });
  const subjects = Object.entries(si.state.subjects ?? {}).flatMap(([s, n]) => {
    const parsed = parseJobSubject(s);
    return parsed ? [{ ...parsed, messages: n }] : [];
  });
  const kv = await new Kvm(nc).open(names.actorsBucket);
  let actors = 0;
  for await (const _ of await kv.keys()) actors++;
  return { consumers, subjects, actors };
}

export class QueueMetrics {
  private cached: { at: number; snap: QueueSnapshot | null } | null = null;
  private inflight: Promise<QueueSnapshot | null> | null = null;

  constructor(
    registry: Registry,
    private readonly read: () => Promise<QueueSnapshot>,
    private readonly ttlMs: number,
    private readonly log?: Logger,
  ) {
    const snapshot = () => this.snapshot();
    new Gauge({
      name: 'dfs_job_queue_depth',
      help: 'Jobs in the JetStream queue per priority: state=pending (not delivered yet) or ack_pending (held by an actor).',
      labelNames: ['priority', 'state'],
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const c of s?.consumers ?? []) {
          this.set({ priority: c.priority, state: 'pending' }, c.pending);
          this.set({ priority: c.priority, state: 'ack_pending' }, c.ackPending);
        }
      },
    });
    new Gauge({
      name: 'dfs_job_queue_messages',
      help: 'Unacknowledged job messages (pending + in flight) per priority and kind.',
      labelNames: ['priority', 'kind'],
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const x of s?.subjects ?? []) this.set({ priority: x.priority, kind: x.kind }, x.messages);
      },
    });
    new Gauge({
      name: 'dfs_job_queue_redelivered',
      help: 'Job messages delivered more than once and not yet acked, per priority.',
      labelNames: ['priority'],
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const c of s?.consumers ?? []) this.set({ priority: c.priority }, c.redelivered);
      },
    });
    new Gauge({
      name: 'dfs_engine_actors',
      help: 'Engine actors with a live heartbeat in the ACTORS bucket.',
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.set(s ? s.actors : Number.NaN);
      },
    });
    new Gauge({
      name: 'dfs_job_queue_up',
      help: '1 when the last JetStream queue read succeeded, else 0.',
      registers: [registry],
      async collect() {
        this.set((await snapshot()) ? 1 : 0);
      },
    });
  }

  /** The cached snapshot, refreshed at most every ttlMs; concurrent callers share one read. */
  snapshot(): Promise<QueueSnapshot | null> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return Promise.resolve(this.cached.snap);
    this.inflight ??= this.read()
      .catch((err: unknown) => {
        this.log?.warn({ err }, 'queue metrics: JetStream read failed');
        return null;
      })
      .then((snap) => {
        this.cached = { at: Date.now(), snap };
        this.inflight = null;
        return snap;
      });
    return this.inflight;
  }
}
