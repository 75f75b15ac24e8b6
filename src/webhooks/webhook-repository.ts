/**
 * Webhooks and their delivery log in Neo4j. Signing secrets are stored sealed (secret-box.ts):
 * records carry the sealed value, and signingSecret() opens it where a delivery signs.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { SEALED_PREFIX, type SecretBox } from './secret-box.js';

export interface WebhookRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly ownerKey: string;
  readonly url: string;
  /** The signing secret as stored (sealed; plaintext only for webhooks stored before sealing). */
  readonly sealedSecret: string;
  readonly createdAt: string;
}

export interface NewWebhook {
  readonly id: string;
  readonly ownerId: string;
  readonly ownerKey: string;
  readonly url: string;
  /** Plaintext signing secret: sealed before it is stored. */
  readonly secret: string;
}

/** Node properties -> record (the property keeps its name `secret`; it holds the sealed value). */
function toRecord(w: Record<string, unknown>): WebhookRecord {
  const { secret, ...rest } = w as Omit<WebhookRecord, 'sealedSecret'> & { secret: string };
  return { ...rest, sealedSecret: secret };
}

export interface DeliveryRecord {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly jobId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly outcome: 'DELIVERED' | 'RETRYING' | 'FAILED';
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly at: string;
}

export class WebhookRepository {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly box: SecretBox,
  ) {}

  async create(w: NewWebhook): Promise<WebhookRecord> {
    const props = { ...w, secret: this.box.seal(w.secret, w.id) };
    const { records } = await this.driver.executeQuery(`CREATE (w:Webhook) SET w = $w, w.createdAt = toString(datetime()) RETURN w {.*} AS w`, { w: props }, { database: this.database });
    return toRecord(records[0]!.get('w'));
  }

  /** The plaintext signing secret of a stored webhook; throws WebhookSecretError if it cannot be opened. */
  signingSecret(hook: WebhookRecord): string {
    return this.box.open(hook.sealedSecret, hook.id);
  }

  /**
   * Rewrites under the current key every secret stored in plaintext (registered before sealing
   * existed) or sealed under a previous key (WEBHOOK_SECRET_KEY_PREVIOUS); run at start-up. A
   * secret no key opens is left as it is (its deliveries fail, saying so). Compare-and-set per
   * webhook, so API replicas starting together are safe. Returns how many were rewritten.
   */
  async resealSecrets(): Promise<number> {
    // Without a rotation under way only plaintext values can need it: no decryption at start-up.
    const { records } = await this.driver.executeQuery(
      `MATCH (w:Webhook) WHERE $all OR NOT w.secret STARTS WITH $prefix RETURN w.id AS id, w.secret AS secret`,
      { all: this.box.rotating, prefix: SEALED_PREFIX },
      { database: this.database, routing: 'READ' },
    );
    let resealed = 0;
    for (const r of records) {
      const id = r.get('id') as string;
      const stored = r.get('secret') as string;
      let sealed: string | null;
      try {
        sealed = this.box.resealed(stored, id);
      } catch {
        continue;
      }
      if (sealed === null) continue;
      const res = await this.driver.executeQuery(`MATCH (w:Webhook {id: $id}) WHERE w.secret = $stored SET w.secret = $sealed RETURN count(w) AS n`, { id, stored, sealed }, { database: this.database });
      resealed += Number(res.records[0]?.get('n') ?? 0);
    }
    return resealed;
  }

  async listByOwner(ownerId: string): Promise<WebhookRecord[]> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {ownerId: $ownerId}) RETURN w {.*} AS w ORDER BY w.createdAt`, { ownerId }, { database: this.database, routing: 'READ' });
    return records.map((r) => toRecord(r.get('w')));
  }

  async listByOwnerKey(ownerKey: string): Promise<WebhookRecord[]> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {ownerKey: $ownerKey}) RETURN w {.*} AS w`, { ownerKey }, { database: this.database, routing: 'READ' });
    return records.map((r) => toRecord(r.get('w')));
  }

  async get(id: string): Promise<WebhookRecord | null> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {id: $id}) RETURN w {.*} AS w`, { id }, { database: this.database, routing: 'READ' });
    const w = records[0]?.get('w') as Record<string, unknown> | undefined;
    return w ? toRecord(w) : null;
  }

  async delete(id: string, ownerId: string): Promise<boolean> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {id: $id, ownerId: $ownerId}) DETACH DELETE w RETURN count(*) AS n`, { id, ownerId }, { database: this.database });
    return Number(records[0]?.get('n') ?? 0) > 0;
  }

  /** True when this event was already delivered to this webhook (redelivered events skip it). */
  async delivered(webhookId: string, eventId: string): Promise<boolean> {
    const { records } = await this.driver.executeQuery(
      `MATCH (:Webhook {id: $webhookId})-[:ATTEMPTED]->(d:WebhookDelivery {eventId: $eventId, outcome: 'DELIVERED'}) RETURN count(d) AS n`,
      { webhookId, eventId },
      { database: this.database, routing: 'READ' },
    );
    return Number(records[0]?.get('n') ?? 0) > 0;
  }

  async record(d: DeliveryRecord): Promise<void> {
    await this.driver.executeQuery(`MATCH (w:Webhook {id: $d.webhookId}) CREATE (w)-[:ATTEMPTED]->(x:WebhookDelivery) SET x = $d`, { d }, { database: this.database });
  }

  async deliveries(webhookId: string, first: number): Promise<DeliveryRecord[]> {
    const { records } = await this.driver.executeQuery(
      `MATCH (:Webhook {id: $webhookId})-[:ATTEMPTED]->(d:WebhookDelivery) RETURN d {.*} AS d ORDER BY d.at DESC, d.attempt DESC LIMIT $first`,
      { webhookId, first: neo4j.int(first) },
      { database: this.database, routing: 'READ' },
    );
    return records.map((r) => r.get('d') as DeliveryRecord);
  }
}
