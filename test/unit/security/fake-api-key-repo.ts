/** In-memory stand-in for ApiKeyRepository (unit tier only; the Cypher is exercised by the integration tests). */
import type { ApiKeyMatch, ApiKeyRecord, ApiKeyRepository, NewApiKey } from '../../../src/auth/api-key-repository.js';
import type { Role } from '../../../src/graphql/context.js';

export class FakeApiKeyRepo {
  readonly keys = new Map<string, NewApiKey & { createdAt: string; revokedAt: string | null }>();
  readonly users = new Map<string, Role[]>();
  lookups = 0;

  private record(k: NewApiKey & { createdAt: string; revokedAt: string | null }): ApiKeyRecord {
    return { id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, ownerId: k.ownerId, createdAt: k.createdAt, revokedAt: k.revokedAt };
  }
  async upsertUser(id: string, roles: readonly Role[]) {
    this.users.set(id, [...roles]);
  }
  async create(k: NewApiKey) {
    if (!this.users.has(k.ownerId)) this.users.set(k.ownerId, [...k.ownerRoles]);
    const row = { ...k, createdAt: new Date().toISOString(), revokedAt: null };
    this.keys.set(k.id, row);
    return this.record(row);
  }
  async findByHash(hash: string): Promise<ApiKeyMatch | null> {
    this.lookups++;
    const k = [...this.keys.values()].find((x) => x.hash === hash);
    return k ? { key: this.record(k), ownerRoles: this.users.get(k.ownerId) ?? ['user'] } : null;
  }
  async listByOwner(ownerId: string, includeRevoked: boolean) {
    return [...this.keys.values()].filter((k) => k.ownerId === ownerId && (includeRevoked || !k.revokedAt)).map((k) => this.record(k));
  }
  async countActive(ownerId: string) {
    return (await this.listByOwner(ownerId, false)).length;
  }
  async revoke(id: string, ownerId: string | null) {
    const k = this.keys.get(id);
    if (!k || (ownerId !== null && k.ownerId !== ownerId)) return null;
    k.revokedAt ??= new Date().toISOString();
    return this.record(k);
  }
  async revokeByName(ownerId: string, name: string) {
    let n = 0;
    for (const k of this.keys.values()) {
      if (k.ownerId !== ownerId || k.name !== name || k.revokedAt) continue;
      k.revokedAt = new Date().toISOString();
      n++;
    }
    return n;
  }
  asRepo(): ApiKeyRepository {
    return this as unknown as ApiKeyRepository;
  }
}
