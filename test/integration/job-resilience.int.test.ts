/**
 * Broker restarts and webhooks (issue 7): jobs queued while NATS is stopped and restarted are not
 * lost; terminal events are POSTed to a local receiver with a valid HMAC signature, and failed
 * deliveries are retried with backoff and logged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDocument, MyWebhooksDocument, RegisterWebhookDocument, SubmitPingDocument } from '../../client/__generated__/operations.js';
import { SEALED_PREFIX, SecretBox } from '../../src/webhooks/secret-box.js';
import { verifyWebhookSignature } from '../../src/webhooks/signature.js';
import { WebhookRepository } from '../../src/webhooks/webhook-repository.js';
import { gql } from '../support/graphql-client.js';
import { privateNats, type PrivateNats } from '../support/nats-server.js';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

describe('NATS stop and restart with jobs queued', () => {
  let nats: PrivateNats;
  let stack: Stack;
  beforeAll(async () => {
    nats = await privateNats();
    stack = await startStack({ actors: 0, env: { NATS_URL: nats.url } });
  });
  afterAll(async () => {
    await stack?.stop();
    await nats?.dispose();
  });

  it('loses no queued job', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await gql(stack.url, SubmitPingDocument, { input: { samples: 20_000 } })).data!.submitPing.id);
    await nats.stop();
    await new Promise((r) => setTimeout(r, 500));
    await nats.start();
    // The API reconnects by itself; readiness comes back without a restart.
    await waitFor(async () => {
      const body = (await (await fetch(`${stack.base}/ready`)).json()) as { checks: { name: string; ok: boolean }[] };
      return body.checks.find((c) => c.name === 'nats')?.ok;
    }, 'nats ready again', 20_000);
    await stack.startActor();
    for (const id of ids) {
      const done = await waitFor(async () => {
        const j = (await gql(stack.url, JobDocument, { id })).data?.job;
        return j?.status === 'SUCCEEDED' ? j : null;
      }, `job ${id}`, 60_000);
      expect(done.attempt).toBe(1);
    }
  }, 120_000);
});

describe('webhooks', () => {
  let stack: Stack;
  let receiver: Server;
  let receiverUrl: string;
  const received: { body: string; signature: string; eventId: string }[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    stack = await startStack({ actors: 1, env: { WEBHOOK_BACKOFF_MS: '300,600,900' } });
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (failuresLeft-- > 0) return void res.writeHead(503).end();
        received.push({ body, signature: String(req.headers['x-dfs-signature']), eventId: String(req.headers['x-dfs-event-id']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await stack?.stop();
    receiver?.close();
  });

  it('refuses the API itself and non-http URLs, naming the field', async () => {
    const self = await gql(stack.url, RegisterWebhookDocument, { url: stack.url });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const ftp = await gql(stack.url, RegisterWebhookDocument, { url: 'ftp://example.com/x' });
    expect(ftp.errors?.[0]?.extensions?.field).toBe('url');
  });

  it('POSTs a signed terminal event, retrying failed deliveries with backoff', async () => {
    const reg = (await gql(stack.url, RegisterWebhookDocument, { url: receiverUrl })).data!.registerWebhook;
    // The signing secret is stored sealed, never as given to the user.
    const { records } = await stack.api.driver.executeQuery('MATCH (w:Webhook {id: $id}) RETURN w.secret AS s', { id: reg.webhook.id });
    const stored = records[0]!.get('s') as string;
    expect(stored.startsWith(SEALED_PREFIX)).toBe(true);
    expect(stored).not.toContain(reg.secret.slice('whsec_'.length));
    const job = (await gql(stack.url, SubmitPingDocument, { input: { samples: 10_000 } })).data!.submitPing;
    const got = await waitFor(async () => received.find((r) => JSON.parse(r.body).jobId === job.id), 'webhook delivery', 30_000);
    expect(verifyWebhookSignature(reg.secret, got.body, got.signature)).toBe(true);
    expect(verifyWebhookSignature('wrong-secret', got.body, got.signature)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ type: 'job.completed', jobId: job.id, status: 'SUCCEEDED', id: got.eventId });
    const hooks = (await gql(stack.url, MyWebhooksDocument, { first: 10 })).data!.myWebhooks;
    const log = hooks.find((h) => h.id === reg.webhook.id)!.deliveries;
    expect(log.map((d) => d.outcome).sort()).toEqual(['DELIVERED', 'RETRYING', 'RETRYING']);
    expect(log.find((d) => d.outcome === 'DELIVERED')!.attempt).toBe(3);
    expect(received.filter((r) => r.eventId === got.eventId)).toHaveLength(1);
  }, 60_000);

  it('reseals plaintext secrets (stored before sealing existed) and those under a rotated-out key', async () => {
    const { driver } = stack.api;
    const oldKey = `rotated-out key of ${stack.prefix}, 32+ characters`;
    const legacy = `legacy-${stack.prefix}`;
    const rotated = `rotated-${stack.prefix}`;
    const create = (id: string, secret: string) =>
      driver.executeQuery('CREATE (:Webhook {id: $id, ownerId: $owner, ownerKey: $owner, url: $url, secret: $secret, createdAt: toString(datetime())})', { id, owner: `legacy-owner-${stack.prefix}`, url: receiverUrl, secret });
    await create(legacy, 'whsec_legacy');
    await create(rotated, SecretBox.fromKeyMaterial(oldKey).seal('whsec_rotated', rotated));
    const current = SecretBox.fromKeyMaterial(stack.env.WEBHOOK_SECRET_KEY!);
    expect(() => current.open(SecretBox.fromKeyMaterial(oldKey).seal('x', rotated), rotated)).toThrow(/WEBHOOK_SECRET_KEY_PREVIOUS/);
    const repo = new WebhookRepository(driver, 'neo4j', SecretBox.fromKeyMaterial(stack.env.WEBHOOK_SECRET_KEY!, [oldKey]));
    await repo.resealSecrets(); // (another stack starting now may seal the plaintext one first: same key)
    expect(await repo.resealSecrets()).toBe(0); // nothing left to rewrite
    const afterRotation = new WebhookRepository(driver, 'neo4j', current); // the previous key dropped
    for (const [id, secret] of [[legacy, 'whsec_legacy'], [rotated, 'whsec_rotated']] as const) {
      const hook = (await afterRotation.get(id))!;
      expect(hook.sealedSecret.startsWith(SEALED_PREFIX)).toBe(true);
      expect(afterRotation.signingSecret(hook)).toBe(secret);
    }
    await driver.executeQuery('MATCH (w:Webhook) WHERE w.id IN $ids DETACH DELETE w', { ids: [legacy, rotated] });
  });
});
