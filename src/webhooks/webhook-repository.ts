/** Webhooks and their delivery log in Neo4j. */
import neo4j, { type Driver } from 'neo4j-driver';

export interface WebhookRecord {
  readonly id: string;
  readonly ownerId: string;
  readonly ownerKey: string;
  readonly url: string;
  readonly secret: string;
  readonly createdAt: string;
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
  ) {}

  async create(w: Omit<WebhookRecord, 'createdAt'>): Promise<WebhookRecord> {
    const { records } = await this.driver.executeQuery(`CREATE (w:Webhook) SET w = $w, w.createdAt = toString(datetime()) RETURN w {.*} AS w`, { w }, { database: this.database });
    return records[0]!.get('w') as WebhookRecord;
  }

  async listByOwner(ownerId: string): Promise<WebhookRecord[]> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {ownerId: $ownerId}) RETURN w {.*} AS w ORDER BY w.createdAt`, { ownerId }, { database: this.database, routing: 'READ' });
    return records.map((r) => r.get('w') as WebhookRecord);
  }

  async listByOwnerKey(ownerKey: string): Promise<WebhookRecord[]> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {ownerKey: $ownerKey}) RETURN w {.*} AS w`, { ownerKey }, { database: this.database, routing: 'READ' });
    return records.map((r) => r.get('w') as WebhookRecord);
  }

  async get(id: string): Promise<WebhookRecord | null> {
    const { records } = await this.driver.executeQuery(`MATCH (w:Webhook {id: $id}) RETURN w {.*} AS w`, { id }, { database: this.database, routing: 'READ' });
    return (records[0]?.get('w') as WebhookRecord | undefined) ?? null;
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
