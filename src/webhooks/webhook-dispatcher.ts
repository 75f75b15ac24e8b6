/**
 * Delivers terminal job events to the owner's webhooks. A durable JetStream consumer
 * (`webhooks`, shared by all API replicas, so each event is handled once) reads JOB_EVENTS;
 * for a terminal event every webhook of the owner gets a signed POST. A failed delivery naks the
 * event with backoff (1 s, 5 s, 30 s, 2 min, 10 min); webhooks that already succeeded are skipped
 * on redelivery (delivery log), so a receiver sees each event once when it answers 2xx.
 * Every attempt is logged in Neo4j and queryable (`webhookDeliveries`). Each POST resolves the
 * host once, refuses non-public addresses and connects only to those it vetted (`pinned-post.ts`).
 */
import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { isTerminalEvent, parseJobEvent, type JobEvent, type NatsNames } from '../../engine/contract/index.js';
import { postPinned, type HostResolver } from './pinned-post.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signature.js';
import type { WebhookRecord, WebhookRepository } from './webhook-repository.js';

const NS = 1_000_000;
export const WEBHOOK_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
export const WEBHOOK_TIMEOUT_MS = 5_000;

export interface DispatcherOptions {
  readonly backoffMs?: readonly number[];
  readonly timeoutMs?: number;
  /** Deliver to private, loopback and link-local addresses (dev/test, like UrlPolicy.allowPrivate). @default false */
  readonly allowPrivate?: boolean;
  /** Host name → addresses; tests inject one instead of real DNS. @default node:dns lookup, all addresses */
  readonly resolve?: HostResolver;
}

export function webhookPayload(ev: JobEvent, eventId: string): string {
  const status = ev.type === 'completed' ? 'SUCCEEDED' : ev.type === 'failed' ? 'FAILED' : 'CANCELLED';
  return JSON.stringify({
    id: eventId,
    type: `job.${ev.type}`,
    jobId: ev.jobId,
    status,
    at: ev.at,
    ...(ev.type === 'completed' ? { summary: ev.summary } : {}),
    ...(ev.type === 'failed' ? { error: ev.error } : {}),
    ...(ev.type === 'cancelled' ? { reason: ev.reason } : {}),
  });
}

export class WebhookDispatcher {
  private stopped = false;
  private readonly backoff: readonly number[];

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly names: NatsNames,
    private readonly repo: WebhookRepository,
    private readonly log: Logger,
    private readonly opts: DispatcherOptions = {},
  ) {
    this.backoff = opts.backoffMs ?? WEBHOOK_BACKOFF_MS;
  }

  get consumerName(): string {
    return `${this.names.eventsStream}_webhooks`;
  }

  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const cfg = {
      durable_name: this.consumerName,
      filter_subject: this.names.eventsWildcard(),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      ack_wait: 60_000 * NS,
      max_deliver: this.backoff.length + 1,
    };
    try {
      await jsm.consumers.info(this.names.eventsStream, cfg.durable_name);
    } catch {
      await jsm.consumers.add(this.names.eventsStream, cfg);
    }
    const consumer = await this.js.consumers.get(this.names.eventsStream, cfg.durable_name);
    void (async () => {
      while (!this.stopped) {
        const msg = await consumer.next({ expires: 5_000 }).catch(() => null);
        if (msg) await this.handle(msg).catch((err: unknown) => this.log.error({ err }, 'webhook dispatch error'));
      }
    })();
  }

  private async handle(msg: JsMsg): Promise<void> {
    let ev: JobEvent;
    try {
      ev = parseJobEvent(msg.json());
    } catch {
      msg.term();
      return;
    }
    if (!isTerminalEvent(ev)) return void msg.ack();
    const ownerKey = msg.subject.split('.').at(-2)!;
    const hooks = await this.repo.listByOwnerKey(ownerKey);
    const eventId = `${this.names.eventsStream}:${msg.seq}`;
    const attempt = msg.info.deliveryCount;
    const last = attempt >= this.backoff.length + 1;
    let anyFailed = false;
    for (const hook of hooks) {
      if (await this.repo.delivered(hook.id, eventId)) continue;
      const ok = await this.deliver(hook, ev, eventId, attempt, last);
      anyFailed ||= !ok;
    }
    if (anyFailed && !last) msg.nak(this.backoff[attempt - 1]);
    else msg.ack();
  }

  private async deliver(hook: WebhookRecord, ev: JobEvent, eventId: string, attempt: number, last: boolean): Promise<boolean> {
    const body = webhookPayload(ev, eventId);
    const ts = Math.floor(Date.now() / 1000);
    const t0 = Date.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    try {
      httpStatus = await postPinned(hook.url, {
        // redirects are never followed (a redirect could point anywhere)
        headers: { 'content-type': 'application/json', 'user-agent': 'nascar-dfs-webhooks/1', [SIGNATURE_HEADER]: signWebhook(this.repo.signingSecret(hook), body, ts), [TIMESTAMP_HEADER]: String(ts), [EVENT_ID_HEADER]: eventId },
        body,
        timeoutMs: this.opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
        allowPrivate: this.opts.allowPrivate ?? false,
        resolve: this.opts.resolve,
      });
      if (httpStatus < 200 || httpStatus >= 300) error = `HTTP ${httpStatus}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message;
    }
    const ok = error === null;
    await this.repo.record({ id: randomUUID(), webhookId: hook.id, eventId, jobId: ev.jobId, eventType: ev.type, attempt, outcome: ok ? 'DELIVERED' : last ? 'FAILED' : 'RETRYING', httpStatus, error, durationMs: Date.now() - t0, at: new Date().toISOString() });
    if (!ok) this.log.warn({ webhookId: hook.id, jobId: ev.jobId, attempt, error }, 'webhook delivery failed');
    return ok;
  }

  /** Stops after the in-flight delivery; a pending pull simply expires with the connection. */
  stop(): void {
    this.stopped = true;
  }
}
