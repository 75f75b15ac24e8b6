/**
 * One authenticator for HTTP requests and graphql-ws connections: credentials in, Viewer out.
 *
 *   Authorization: Bearer <jwt>    → JWT (HS256 secret and/or JWKS)
 *   Authorization: Bearer dfs_...  → API key (for clients that can only send bearer tokens)
 *   X-API-Key: dfs_...             → API key
 *   nothing                        → anonymous (or the dev user when AUTH_DEV_BYPASS=true)
 *
 * A credential that is present but bad is an error (401), never a silent downgrade to anonymous,
 * so a client with an expired token learns why instead of seeing FORBIDDEN everywhere.
 */
import type { Viewer } from '../graphql/context.js';
import { UnauthenticatedError, UnavailableError } from '../errors.js';
import type { Audit } from '../security/audit.js';
import { AuthFailure, FAILURE_MESSAGES } from './auth-failure.js';
import type { ApiKeyRepository } from './api-key-repository.js';
import { API_KEY_PREFIX, displayPrefix } from './api-key-secret.js';
import type { ApiKeyService } from './api-key-service.js';
import type { JwtVerifier } from './jwt-verifier.js';
import { ANONYMOUS, DEV_VIEWER } from './viewer.js';

export const USER_REFRESH_MS = 60_000; // how often a JWT user's roles/email are written to (:User)

export interface Credentials {
  /** The Authorization header (or connectionParams.authorization). */
  readonly authorization?: string | null;
  /** The X-API-Key header (or connectionParams.apiKey). */
  readonly apiKey?: string | null;
}

export interface RequestMeta {
  readonly ip?: string;
  readonly transport: 'http' | 'ws';
}

export interface AuthenticatorDeps {
  /** Null when no JWT verification is configured (bearer JWTs are then refused). */
  readonly jwt: JwtVerifier | null;
  readonly apiKeys: ApiKeyService;
  readonly users: Pick<ApiKeyRepository, 'upsertUser'>;
  readonly audit: Audit;
  readonly devBypass: boolean;
  readonly onUserRefreshError?: (err: unknown) => void;
}

export class Authenticator {
  private readonly refreshed = new Map<string, number>();

  constructor(private readonly deps: AuthenticatorDeps) {}

  /** @throws UnauthenticatedError (401) or UnavailableError (JWKS unreachable) */
  async authenticate(creds: Credentials, meta: RequestMeta): Promise<Viewer> {
    const apiKey = creds.apiKey?.trim() || null;
    try {
      const bearer = parseBearer(creds.authorization);
      if (bearer !== null && apiKey) throw new AuthFailure('ambiguous', 'both Authorization and X-API-Key sent', 'none');
      if (apiKey) return await this.deps.apiKeys.authenticate(apiKey);
      if (bearer !== null) {
        if (bearer.startsWith(API_KEY_PREFIX)) return await this.deps.apiKeys.authenticate(bearer);
        if (!this.deps.jwt) throw new AuthFailure('unsupported', 'no JWT verification configured', 'jwt');
        const { viewer, email } = await this.deps.jwt.verify(bearer);
        await this.refreshUser(viewer, email);
        return viewer;
      }
      return this.deps.devBypass ? DEV_VIEWER : ANONYMOUS;
    } catch (err) {
      if (!(err instanceof AuthFailure)) throw err;
      this.deps.audit.record('auth.failure', {
        reason: err.reason,
        detail: err.detail,
        credential: err.credential,
        ip: meta.ip,
        transport: meta.transport,
        ...(apiKey ? { keyPrefix: displayPrefix(apiKey) } : {}),
      });
      if (err.reason === 'unavailable') throw new UnavailableError('identity-provider', FAILURE_MESSAGES.unavailable, err);
      throw new UnauthenticatedError(FAILURE_MESSAGES[err.reason], err.reason, true);
    }
  }

  /** Keep (:User {roles, email}) current so API keys inherit role changes at the owner's next login. Best effort. */
  private async refreshUser(viewer: Viewer, email: string | null): Promise<void> {
    const key = `${viewer.id}\u0000${viewer.roles.join(',')}\u0000${email ?? ''}`;
    const now = Date.now();
    if ((this.refreshed.get(key) ?? 0) > now) return;
    try {
      await this.deps.users.upsertUser(viewer.id, viewer.roles, email);
      this.refreshed.set(key, now + USER_REFRESH_MS);
      if (this.refreshed.size > 10_000) this.refreshed.clear();
    } catch (err) {
      this.deps.onUserRefreshError?.(err);
    }
  }
}

/** `Bearer <token>` → token; null when absent. Any other scheme is an invalid credential. */
function parseBearer(header: string | null | undefined): string | null {
  if (header == null || header.trim() === '') return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header.trim());
  if (!m) throw new AuthFailure('invalid', 'Authorization scheme is not Bearer', 'jwt');
  return m[1]!;
}
