/**
 * Why a credential was refused. Internal: the authenticator turns it into an UNAUTHENTICATED
 * GraphQL error (reason only, never the credential) and an `auth.failure` audit event.
 */
export type AuthFailureReason =
  | 'invalid' // malformed, bad signature, wrong alg/issuer/audience, unknown key
  | 'expired' // JWT past exp (+ clock skew)
  | 'revoked' // API key revoked
  | 'ambiguous' // more than one credential sent
  | 'unsupported' // JWT sent but no JWT verification configured
  | 'unavailable'; // the JWKS endpoint could not be reached (a server problem: UNAVAILABLE, not 401)

export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  readonly code = 'AUTH_FAILURE';
  constructor(
    readonly reason: AuthFailureReason,
    /** Operator detail for the audit log (e.g. jose's error code); never sent to the client. */
    readonly detail: string,
    readonly credential: 'jwt' | 'apiKey' | 'none',
  ) {
    super(`authentication failed: ${reason}`);
  }
}

/** Client-facing messages: stable and deliberately vague (no oracle for forgers). */
export const FAILURE_MESSAGES: Record<AuthFailureReason, string> = {
  invalid: 'Invalid credentials',
  expired: 'Token expired',
  revoked: 'API key revoked',
  ambiguous: 'Send exactly one credential: Authorization: Bearer <jwt> or X-API-Key',
  unsupported: 'Bearer tokens are not accepted by this server (no JWT verification configured); use an API key',
  unavailable: 'The identity provider is unreachable; retry shortly',
};
