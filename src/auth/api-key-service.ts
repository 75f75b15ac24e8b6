/**
 * Creating, listing, revoking and authenticating API keys.
 *
 * Lookups are cached per API process for `cacheMs` (default 5 s), including misses, so a burst
 * of requests with one key costs one Neo4j read. Revocation takes effect AT ONCE on the replica
 * that handled `revokeApiKey` (its cache entry is dropped) and within `cacheMs` on every other
 * replica. That window is the documented bound (docs/security.md).
 */
import { randomUUID } from 'node:crypto';
import type { Scope, Viewer } from '../graphql/context.js';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../errors.js';
import { withNeo4j } from '../neo4j/translate-error.js';
import type { Audit } from '../security/audit.js';
import { DEFAULT_API_KEY_CACHE_MS } from '../security/defaults.js';
import { AuthFailure } from './auth-failure.js';
import type { ApiKeyRecord, ApiKeyRepository } from './api-key-repository.js';
import { displayPrefix, generateApiKeySecret, hashApiKey, isWellFormedApiKey } from './api-key-secret.js';
import { ROLES, isAdmin, scopesOf } from './viewer.js';

export const MAX_CACHE_ENTRIES = 10_000;
export const MAX_ACTIVE_KEYS_PER_USER = 50;
export const MAX_KEY_NAME_LENGTH = 100;

export interface CreatedApiKey {
  readonly apiKey: ApiKeyRecord;
  /** The plaintext, returned exactly once. */
  readonly secret: string;
}

type CacheEntry = { readonly until: number; readonly viewer: Viewer | null; readonly revoked: boolean };

export class ApiKeyService {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly audit: Audit,
    private readonly cacheMs = DEFAULT_API_KEY_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async create(viewer: Viewer, name: string, scopes: readonly Scope[]): Promise<CreatedApiKey> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_KEY_NAME_LENGTH || /[\p{Cc}]/u.test(trimmed)) {
      throw new UserInputError(`name: 1 to ${MAX_KEY_NAME_LENGTH} printable characters`, 'name');
    }
    const wanted = [...new Set(scopes)];
    if (wanted.length === 0) throw new UserInputError('scopes: at least one scope is required', 'scopes');
    // A key never carries more than the credential that creates it (no escalation through keys).
    const mine = scopesOf(viewer);
    const excess = wanted.filter((s) => !mine.includes(s));
    if (excess.length) throw new ForbiddenError(`scopes: you cannot grant ${excess.map((s) => s.toUpperCase()).join(', ')}`, { field: 'scopes' });
    if ((await withNeo4j(() => this.repo.countActive(viewer.id))) >= MAX_ACTIVE_KEYS_PER_USER) {
      throw new ConflictError(`You have ${MAX_ACTIVE_KEYS_PER_USER} active API keys; revoke one first.`);
    }
    const { secret, hash, prefix } = generateApiKeySecret();
    const apiKey = await withNeo4j(() => this.repo.create({ id: randomUUID(), name: trimmed, hash, prefix, scopes: wanted, ownerId: viewer.id, ownerRoles: viewer.roles }));
    this.audit.record('apikey.created', { keyId: apiKey.id, ownerId: viewer.id, prefix, scopes: wanted, by: viewer.method });
    return { apiKey, secret };
  }

  list(viewer: Viewer, includeRevoked: boolean): Promise<ApiKeyRecord[]> {
    return withNeo4j(() => this.repo.listByOwner(viewer.id, includeRevoked));
  }

  /** Owners revoke their keys; admins any key. Anyone else's key id is NOT_FOUND (no enumeration). */
  async revoke(viewer: Viewer, id: string): Promise<ApiKeyRecord> {
    const key = await withNeo4j(() => this.repo.revoke(id, isAdmin(viewer) ? null : viewer.id));
    if (!key) throw new NotFoundError('ApiKey', id);
    for (const [hash, e] of this.cache) if (e.viewer?.apiKeyId === id) this.cache.delete(hash);
    this.audit.record('apikey.revoked', { keyId: id, ownerId: key.ownerId, prefix: key.prefix, by: viewer.id });
    return key;
  }

  /**
   * The viewer a key stands for: its owner, with the owner's stored roles narrowed to the key's scopes.
   * @throws AuthFailure invalid (malformed or unknown) | revoked
   */
  async authenticate(secret: string): Promise<Viewer> {
    if (!isWellFormedApiKey(secret)) throw new AuthFailure('invalid', 'malformed api key', 'apiKey');
    const hash = hashApiKey(secret);
    const now = this.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.until <= now) {
      const match = await withNeo4j(() => this.repo.findByHash(hash));
      const viewer: Viewer | null = match
        ? { id: match.key.ownerId, roles: match.ownerRoles.filter((r) => ROLES.includes(r)), scopes: match.key.scopes, method: 'apiKey', apiKeyId: match.key.id }
        : null;
      entry = { until: now + this.cacheMs, viewer, revoked: Boolean(match?.key.revokedAt) };
      this.remember(hash, entry);
    }
    if (!entry.viewer) throw new AuthFailure('invalid', `unknown api key ${displayPrefix(secret)}`, 'apiKey');
    if (entry.revoked) throw new AuthFailure('revoked', `revoked api key ${entry.viewer.apiKeyId}`, 'apiKey');
    return entry.viewer;
  }

  private remember(hash: string, entry: CacheEntry): void {
    this.cache.delete(hash);
    this.cache.set(hash, entry); // Map keeps insertion order: the first key is the oldest
    if (this.cache.size > MAX_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }
}
