/**
 * Delivery-time SSRF guard with an injected resolver (no real DNS): a name that passed
 * registration but resolves to a private address at delivery is refused before anything is sent;
 * allowed deliveries connect only to the address resolved once (`hooks.test` does not exist in
 * real DNS, so a request that arrives proves the pinned lookup was used).
 */
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { natsNames } from '../../../engine/contract/index.js';
import { postPinned, type HostResolver } from '../../../src/webhooks/pinned-post.js';
import { checkWebhookUrl } from '../../../src/webhooks/url-policy.js';
import { WebhookDispatcher, type DispatcherOptions } from '../../../src/webhooks/webhook-dispatcher.js';
import type { DeliveryRecord, WebhookRecord, WebhookRepository } from '../../../src/webhooks/webhook-repository.js';
import { WebhookSecretError } from '../../../src/webhooks/secret-box.js';

const received: { headers: IncomingHttpHeaders; body: string; url: string }[] = [];
let status = 204;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, url: req.url ?? '' });
      if (status === 302) return void res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end();
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received.length = 0;
  status = 204;
});

/** A resolver that answers from a script, one answer per call (the last one repeats), and counts calls. */
function scripted(...answers: (readonly LookupAddress[])[]): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (host: string) => {
    calls.push(host);
    return answers[Math.min(calls.length - 1, answers.length - 1)]!;
  };
  return Object.assign(fn, { calls });
}
const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });
const post = (url: string, resolve: HostResolver, allowPrivate: boolean, timeoutMs = 2_000) => postPinned(url, { headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: '{"a":1}', timeoutMs, allowPrivate, resolve });

describe('delivery-time address check (allowPrivate off)', () => {
  it('refuses a name that passed registration but resolves to a private address now, sending nothing', async () => {
    const url = `http://rebind.example.com:${port}/hook`;
    expect(() => checkWebhookUrl(url, { allowPrivate: false, selfHosts: [] })).not.toThrow();
    const resolve = scripted([v4('127.0.0.1')]);
    await expect(post(url, resolve, false)).rejects.toThrow('url resolves to a non-public address 127.0.0.1 (loopback)');
    expect(resolve.calls).toEqual(['rebind.example.com']);
    expect(received).toHaveLength(0);
  });

  it.each([
    [[v4('93.184.216.34'), v4('10.0.0.5')], 'non-public address 10.0.0.5 (private)'], // any bad address refuses the host
    [[v4('169.254.169.254')], 'non-public address 169.254.169.254 (link-local)'],
    [[v6('::ffff:127.0.0.1')], 'non-public address ::ffff:127.0.0.1 (loopback)'],
    [[v6('2606:4700::1111'), v6('fd00::1')], 'non-public address fd00::1 (unique-local)'],
    [[v4('100.64.0.1')], 'non-public address 100.64.0.1 (cgnat)'],
    [[], 'resolves to no address'],
  ])('refuses %j', async (addresses, message) => {
    await expect(post(`http://hooks.example.com:${port}/`, scripted(addresses), false)).rejects.toThrow(message);
    expect(received).toHaveLength(0);
  });

  it('refuses literal private IPs and local names without asking DNS', async () => {
    const resolve = scripted([v4('93.184.216.34')]);
    await expect(post(`http://[::ffff:7f00:1]:${port}/`, resolve, false)).rejects.toThrow('non-public address ::ffff:7f00:1 (loopback)');
    await expect(post(`http://0x7f.1:${port}/`, resolve, false)).rejects.toThrow('non-public address 127.0.0.1 (loopback)');
    await expect(post(`http://localhost.:${port}/`, resolve, false)).rejects.toThrow('url host localhost is a local name');
    expect(resolve.calls).toHaveLength(0);
    expect(received).toHaveLength(0);
  });

  it('times out a resolution that never answers, like a slow request', async () => {
    const never: HostResolver = () => new Promise(() => undefined);
    await expect(post('http://slow.example.com/', never, false, 100)).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('pinned connection (allowPrivate on)', () => {
  it('POSTs to the address resolved once; a second resolution is never made', async () => {
    // Were the socket to resolve again it would get 10.255.255.1 (or fail: hooks.test is not in DNS).
    const resolve = scripted([v4('127.0.0.1')], [v4('10.255.255.1')]);
    const got = await post(`http://hooks.test:${port}/in?x=1`, resolve, true);
    expect(got).toBe(204);
    expect(resolve.calls).toEqual(['hooks.test']);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ body: '{"a":1}', url: '/in?x=1', headers: { host: `hooks.test:${port}`, 'x-test': 'yes', 'content-length': '7' } });
  });

  it('returns the status without following a redirect', async () => {
    status = 302;
    expect(await post(`http://hooks.test:${port}/`, scripted([v4('127.0.0.1')]), true)).toBe(302);
    expect(received).toHaveLength(1);
  });

  it('over https connects to the vetted address and sends the URL host name as SNI', async () => {
    const hellos: Buffer[] = [];
    const tcp: TcpServer = createTcpServer((s) => s.once('data', (d: Buffer) => (hellos.push(d), s.destroy())));
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `https://hooks.test:${(tcp.address() as AddressInfo).port}/`;
      await expect(post(url, scripted([v4('127.0.0.1')]), true)).rejects.toThrow(); // no TLS server there
      expect(hellos).toHaveLength(1);
      expect(hellos[0]!.includes('hooks.test')).toBe(true); // ClientHello server_name
    } finally {
      tcp.close();
    }
  });
});

describe('WebhookDispatcher records refused deliveries as failed', () => {
  const hook: WebhookRecord = { id: 'wh1', ownerId: 'u1', ownerKey: 'u1', url: 'https://rebind.example.com/hook', sealedSecret: 's', createdAt: '2025-01-01T00:00:00Z' };
  const event = { v: 1, jobId: 'job1', seq: 3, at: '2025-01-01T00:00:00Z', attempt: 1, type: 'completed', resultId: 'r1', summary: {} };

  async function handle(deliveryCount: number, target: WebhookRecord = hook, opts: DispatcherOptions = { resolve: scripted([v4('10.0.0.5')]) }, signingSecret = (h: WebhookRecord) => h.sealedSecret) {
    const records: DeliveryRecord[] = [];
    const repo = { listByOwnerKey: async () => [target], delivered: async () => false, record: async (r: DeliveryRecord) => void records.push(r), signingSecret } as unknown as WebhookRepository;
    const names = natsNames('t');
    const dispatcher = new WebhookDispatcher({} as NatsConnection, {} as JetStreamClient, names, repo, pino({ level: 'silent' }), { backoffMs: [10, 20], ...opts });
    const msg = { json: () => event, subject: names.eventSubject('u1', 'job1'), seq: 7, info: { deliveryCount }, ack: vi.fn(), nak: vi.fn(), term: vi.fn() };
    await dispatcher['handle'](msg as unknown as JsMsg);
    return { records, msg };
  }

  it('retries with the usual backoff, then fails, naming the address', async () => {
    const first = await handle(1);
    expect(first.records).toEqual([expect.objectContaining({ webhookId: 'wh1', attempt: 1, outcome: 'RETRYING', httpStatus: null, error: 'url resolves to a non-public address 10.0.0.5 (private)' })]);
    expect(first.msg.nak).toHaveBeenCalledWith(10);
    const last = await handle(3);
    expect(last.records[0]).toMatchObject({ outcome: 'FAILED', attempt: 3 });
    expect(last.msg.ack).toHaveBeenCalled();
  });

  it('records a secret that cannot be opened as a failed attempt, naming the reason', async () => {
    const { records } = await handle(1, hook, { resolve: scripted([v4('93.184.216.34')]) }, () => {
      throw new WebhookSecretError('webhook wh1: signing secret cannot be opened: authentication failed (was WEBHOOK_SECRET_KEY changed?)');
    });
    expect(records).toEqual([expect.objectContaining({ webhookId: 'wh1', outcome: 'RETRYING', httpStatus: null, error: expect.stringContaining('WEBHOOK_SECRET_KEY') })]);
  });

  it('still records a receiver that never answers as timed out', async () => {
    const tcp: TcpServer = createTcpServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
    try {
      const stalled = { ...hook, url: `http://hooks.test:${(tcp.address() as AddressInfo).port}/` };
      const { records } = await handle(1, stalled, { allowPrivate: true, timeoutMs: 150, resolve: scripted([v4('127.0.0.1')]) });
      expect(records[0]).toMatchObject({ outcome: 'RETRYING', httpStatus: null, error: 'timed out' });
    } finally {
      tcp.close();
    }
  });
});
