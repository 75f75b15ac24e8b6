/**
 * Cypher for users and API keys: `(:User {id, email, roles})-[:OWNS]->(:ApiKey {id, name, hash,
 * prefix, scopes, ownerId, createdAt, revokedAt})`. Only the SHA-256 of a key is stored.
 */
import type { Driver } from 'neo4j-driver';
import type { Role, Scope } from '../graphql/context.js';
import './migrations.js'; // registers the User/ApiKey constraints with the migration runner

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly Scope[];
  readonly ownerId: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface NewApiKey {
  readonly id: string;
  readonly name: string;
  readonly hash: string;
  readonly prefix: string;
  readonly scopes: readonly Scope[];
  readonly ownerId: string;
  readonly ownerRoles: readonly Role[];
}

/** A key found by hash, with its owner's stored roles. */
export interface ApiKeyMatch {
  readonly key: ApiKeyRecord;
  readonly ownerRoles: readonly Role[];
}

const RETURN_KEY = 'k {.id, .name, .prefix, .scopes, .ownerId, createdAt: toString(k.createdAt), revokedAt: toString(k.revokedAt)} AS k';

export function toApiKeyRecord(k: Record<string, unknown>): ApiKeyRecord {
  return {
    id: String(k.id),
    name: String(k.name),
    prefix: String(k.prefix),
    scopes: (k.scopes as Scope[] | null) ?? [],
    ownerId: String(k.ownerId),
    createdAt: String(k.createdAt),
    revokedAt: k.revokedAt == null ? null : String(k.revokedAt),
  };
}

export class ApiKeyRepository {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  private async query(cypher: string, params: Record<string, unknown>, mode: 'READ' | 'WRITE' = 'WRITE') {
    return (await this.driver.executeQuery(cypher, params, { database: this.database, routing: mode })).records;
  }

  /** Create or refresh a user (JWT logins refresh roles and email; API keys read roles from here). */
  async upsertUser(id: string, roles: readonly Role[], email: string | null): Promise<void> {
    await this.query(
      `MERGE (u:User {id: $id}) ON CREATE SET u.createdAt = datetime()
       SET u.roles = $roles, u.email = coalesce($email, u.email), u.seenAt = datetime()`,
      { id, roles, email },
    );
  }

  async create(k: NewApiKey): Promise<ApiKeyRecord> {
    const records = await this.query(
      `MERGE (u:User {id: $ownerId}) ON CREATE SET u.createdAt = datetime(), u.roles = $ownerRoles
       CREATE (u)-[:OWNS]->(k:ApiKey {id: $id, name: $name, hash: $hash, prefix: $prefix, scopes: $scopes, ownerId: $ownerId, createdAt: datetime()})
       RETURN ${RETURN_KEY}`,
      { ...k },
    );
    return toApiKeyRecord(records[0]!.get('k') as Record<string, unknown>);
  }

  async findByHash(hash: string): Promise<ApiKeyMatch | null> {
    const records = await this.query(`MATCH (k:ApiKey {hash: $hash}) OPTIONAL MATCH (u:User {id: k.ownerId}) RETURN ${RETURN_KEY}, coalesce(u.roles, ['user']) AS roles`, { hash }, 'READ');
    const r = records[0];
    return r ? { key: toApiKeyRecord(r.get('k') as Record<string, unknown>), ownerRoles: r.get('roles') as Role[] } : null;
  }

  async listByOwner(ownerId: string, includeRevoked: boolean): Promise<ApiKeyRecord[]> {
    const records = await this.query(
      `MATCH (k:ApiKey {ownerId: $ownerId}) WHERE $includeRevoked OR k.revokedAt IS NULL
       RETURN ${RETURN_KEY} ORDER BY k.createdAt DESC, k.id`,
      { ownerId, includeRevoked },
      'READ',
    );
    return records.map((r) => toApiKeyRecord(r.get('k') as Record<string, unknown>));
  }

  async countActive(ownerId: string): Promise<number> {
    const records = await this.query('MATCH (k:ApiKey {ownerId: $ownerId}) WHERE k.revokedAt IS NULL RETURN count(k) AS n', { ownerId }, 'READ');
    return Number(records[0]!.get('n'));
  }

  /** Revoke (idempotent). `ownerId` null = any owner (admins). Null result: no such key for this caller. */
  async revoke(id: string, ownerId: string | null): Promise<ApiKeyRecord | null> {
    const records = await this.query(
      `MATCH (k:ApiKey {id: $id}) WHERE $ownerId IS NULL OR k.ownerId = $ownerId
       SET k.revokedAt = coalesce(k.revokedAt, datetime())
       RETURN ${RETURN_KEY}`,
      { id, ownerId },
    );
    const k = records[0]?.get('k') as Record<string, unknown> | undefined;
    return k ? toApiKeyRecord(k) : null;
  }

  /** Revoke every active key of an owner with this name (the development bootstrap key). */
  async revokeByName(ownerId: string, name: string): Promise<number> {
    const records = await this.query('MATCH (k:ApiKey {ownerId: $ownerId, name: $name}) WHERE k.revokedAt IS NULL SET k.revokedAt = datetime() RETURN count(k) AS n', { ownerId, name });
    return Number(records[0]!.get('n'));
  }
}
