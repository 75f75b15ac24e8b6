/**
 * JWT bearer-token verification (jose). HS256 with a shared secret and/or asymmetric keys
 * (RS256, PS256, ES256, EdDSA) from a JWKS URL. The key is chosen by the token's `alg` family, so
 * an HS256 token can never be checked against a public key (alg-confusion) and `none` is never
 * accepted. `sub` and `exp` are required; issuer/audience are checked when configured; clock skew
 * is tolerated both ways.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWSHeaderParameters, type FlattenedJWSInput } from 'jose';
import type { Viewer } from '../graphql/context.js';
import { AuthFailure } from './auth-failure.js';
import { DEFAULT_JWT_CLOCK_SKEW_S, DEFAULT_JWT_ROLES_CLAIM } from '../security/defaults.js';
import { parseRoles } from './viewer.js';

export const DEFAULT_JWKS_TIMEOUT_MS = 5_000; // one JWKS fetch
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000; // min time between refetches on unknown kid
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'] as const;

const JWKS_DOWN = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

export interface JwtVerifierOptions {
  /** HS256 shared secret (≥ 32 bytes). */
  readonly secret?: string;
  /** JWKS endpoint for asymmetric tokens (fetched lazily, cached, refetched on unknown `kid`). */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: readonly string[];
  /** @default DEFAULT_JWT_CLOCK_SKEW_S */
  readonly clockSkewSeconds?: number;
  /** Claim holding the roles; an exact key first (`https://x/roles`), else a dotted path (`realm_access.roles`). @default 'roles' */
  readonly rolesClaim?: string;
  readonly jwksTimeoutMs?: number;
}

export interface VerifiedToken {
  readonly viewer: Viewer;
  /** The `email` claim when present (stored on the User node). */
  readonly email: string | null;
}

export interface JwtVerifier {
  /** @throws AuthFailure (reason invalid | expired | unavailable) */
  verify(token: string): Promise<VerifiedToken>;
}

export function createJwtVerifier(opts: JwtVerifierOptions): JwtVerifier {
  const secret = opts.secret ? new TextEncoder().encode(opts.secret) : null;
  const jwks = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: opts.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS, cooldownDuration: DEFAULT_JWKS_COOLDOWN_MS }) : null;
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC_ALGS : [])];
  const rolesClaim = opts.rolesClaim ?? DEFAULT_JWT_ROLES_CLAIM;
  const key = (header: JWSHeaderParameters, input: FlattenedJWSInput) => {
    if (header.alg?.startsWith('HS')) {
      if (!secret) throw new AuthFailure('invalid', `alg ${header.alg} not configured`, 'jwt');
      return secret;
    }
    if (!jwks) throw new AuthFailure('invalid', `alg ${String(header.alg)} not configured`, 'jwt');
    return jwks(header, input);
  };
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms,
          issuer: opts.issuer,
          audience: opts.audience ? [...opts.audience] : undefined,
          clockTolerance: opts.clockSkewSeconds ?? DEFAULT_JWT_CLOCK_SKEW_S,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (err) {
        if (err instanceof AuthFailure) throw err;
        const code = String((err as { code?: string }).code ?? '');
        // A JWKS endpoint that times out, answers non-200 (ERR_JOSE_GENERIC) or serves garbage, or a
        // network error (no jose code), is a server-side problem: UNAVAILABLE, not the caller's 401.
        if (JWKS_DOWN.has(code) || !code.startsWith('ERR_J')) throw new AuthFailure('unavailable', code || (err as Error).message, 'jwt');
        throw new AuthFailure(code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid', code, 'jwt');
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthFailure('invalid', 'empty sub', 'jwt');
      return {
        viewer: { id: payload.sub, roles: parseRoles(claimAt(payload, rolesClaim)), method: 'jwt', expiresAt: payload.exp },
        email: typeof payload.email === 'string' ? payload.email : null,
      };
    },
  };
}

function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let cur: unknown = payload;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}
