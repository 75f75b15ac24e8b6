/**
 * Fan-out of job events to many local subscribers with ONE JetStream ordered consumer per job
 * per API instance. The consumer starts at the LAST event of `events.job.<id>` (deliver policy
 * last-per-subject), so a subscriber that attaches late still sees the latest state and cannot
 * miss an event that happened between its state read and its attach.
 */
import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { isTerminalEvent, parseJobEvent, type JobEvent, type NatsNames } from '../../engine/contract/index.js';
import { AsyncQueue } from './async-queue.js';

interface Channel {
  readonly listeners: Set<AsyncQueue<JobEvent>>;
  last: JobEvent | null;
  stop: () => Promise<void>;
}

export class ProgressHub {
  private readonly channels = new Map<string, Channel>();
  private readonly ownerSubs = new Set<Subscription>();
  private closed = false;

  constructor(
    private readonly js: JetStreamClient,
    private readonly nc: NatsConnection,
    private readonly names: NatsNames,
    private readonly log: Logger,
  ) {}

  /**
   * Live events of every job of one owner (core NATS subscription on the owner's subject
   * wildcard: JetStream publishes are delivered to core subscribers too). No catch-up: clients
   * read `myJobs` (query) first, then apply these events.
   */
  listenOwner(ownerKey: string): AsyncQueue<JobEvent> {
    const sub = this.nc.subscribe(this.names.ownerEventsFilter(ownerKey));
    this.ownerSubs.add(sub);
    const queue = new AsyncQueue<JobEvent>(() => {
      this.ownerSubs.delete(sub);
      sub.unsubscribe();
    });
    void (async () => {
      for await (const m of sub) {
        try {
          queue.push(parseJobEvent(m.json()));
        } catch (err) {
          this.log.warn({ err }, 'dropping malformed job event');
        }
      }
      this.ownerSubs.delete(sub);
      queue.end();
    })();
    return queue;
  }

  /** Number of jobs with at least one local listener (for metrics). */
  get activeJobs(): number {
    return this.channels.size;
  }

  /** Number of live owner subscriptions (`listenOwner` not yet returned): tests check none leak. */
  get activeOwnerListeners(): number {
    return this.ownerSubs.size;
  }

  /** Events for `jobId`, starting with the latest stored one. Ends after a terminal event. */
  listen(jobId: string): AsyncIterableIterator<JobEvent> & { return(): Promise<IteratorResult<JobEvent>> } {
    const queue = new AsyncQueue<JobEvent>(() => this.detach(jobId, queue));
    let ch = this.channels.get(jobId);
    if (!ch) {
      ch = { listeners: new Set(), last: null, stop: async () => {} };
      this.channels.set(jobId, ch);
      void this.pump(jobId, ch);
    } else if (ch.last) {
      queue.push(ch.last);
    }
    ch.listeners.add(queue);
    return queue;
  }

  private async pump(jobId: string, ch: Channel): Promise<void> {
    try {
      const consumer = await this.js.consumers.get(this.names.eventsStream, {
        filter_subjects: this.names.jobEventsFilter(jobId),
        deliver_policy: DeliverPolicy.LastPerSubject,
        inactive_threshold: 60_000_000_000, // 60 s in ns: the server reaps it if we vanish
      });
      const msgs = await consumer.consume();
      ch.stop = async () => {
        await msgs.close();
      };
      if (this.channels.get(jobId) !== ch) return void (await msgs.close());
      for await (const m of msgs) {
        let ev: JobEvent;
        try {
          ev = parseJobEvent(m.json());
        } catch (err) {
          this.log.warn({ err, jobId }, 'dropping malformed job event');
          continue;
        }
        ch.last = ev;
        for (const l of ch.listeners) l.push(ev);
        if (isTerminalEvent(ev)) {
          for (const l of ch.listeners) l.end();
          break;
        }
      }
      await msgs.close();
    } catch (err) {
      if (!this.closed) this.log.error({ err, jobId }, 'job event stream failed');
      for (const l of ch.listeners) l.fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      if (this.channels.get(jobId) === ch) this.channels.delete(jobId);
    }
  }

  private detach(jobId: string, q: AsyncQueue<JobEvent>): void {
    const ch = this.channels.get(jobId);
    if (!ch) return;
    ch.listeners.delete(q);
    if (ch.listeners.size === 0) {
      this.channels.delete(jobId);
      void ch.stop();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const chs = [...this.channels.values()];
    this.channels.clear();
    for (const ch of chs) {
      for (const l of ch.listeners) l.end();
      await ch.stop();
    }
  }
}
