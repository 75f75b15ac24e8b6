/** Publishes one job attempt's events on `events.job.<id>` with a monotonic per-attempt seq. */
import type { JetStreamClient } from '@nats-io/jetstream';
import type { JobEvent } from '../contract/job-protocol.js';
import type { NatsNames } from '../contract/subjects.js';

type Body = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'v' | 'jobId' | 'seq' | 'at' | 'attempt'> : never) : never;

export class EventPublisher {
  private seq = 0;
  constructor(
    private readonly js: JetStreamClient,
    private readonly names: NatsNames,
    private readonly ownerKey: string,
    private readonly jobId: string,
    private readonly attempt: number,
  ) {}

  async publish(body: Body): Promise<JobEvent> {
    const ev = { v: 1, jobId: this.jobId, seq: ++this.seq, at: new Date().toISOString(), attempt: this.attempt, ...body } as JobEvent;
    await this.js.publish(this.names.eventSubject(this.ownerKey, this.jobId), JSON.stringify(ev));
    return ev;
  }
}
