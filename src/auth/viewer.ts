/**
 * Viewer constructors and the role → scope mapping. Roles say who a user is (from the JWT claim
 * or the stored User node); scopes say what this credential may do. A JWT carries every scope its
 * roles allow; an API key carries the subset chosen at creation (never more than its owner had).
 */
import type { Role, Scope, Viewer } from '../graphql/context.js';

/** The GraphQL `Viewer` type's parent value (codegen mapper; the name avoids the generated `Viewer`). */
export type ViewerModel = Viewer;

export const ANONYMOUS: Viewer = Object.freeze({ id: '', roles: [], scopes: [], method: 'anonymous' as const });

/** `AUTH_DEV_BYPASS=true` (development only): every caller without credentials acts as this user. */
export const DEV_VIEWER: Viewer = Object.freeze({ id: 'dev', roles: ['user', 'admin'] as const, method: 'dev' as const });

export const ROLES: readonly Role[] = ['user', 'admin'];
export const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

export function isAuthenticated(v: Viewer): boolean {
  return v.id !== '' && v.method !== 'anonymous';
}

/** Scopes a set of roles allows: every user reads and writes their own data; admins also administer. */
export function scopesForRoles(roles: readonly Role[]): Scope[] {
  if (roles.length === 0) return [];
  return roles.includes('admin') ? ['read', 'write', 'admin'] : ['read', 'write'];
}

/** Effective scopes: the credential's scopes, never beyond what its roles allow. */
export function scopesOf(v: Viewer): Scope[] {
  const allowed = scopesForRoles(v.roles);
  return v.scopes ? allowed.filter((s) => v.scopes!.includes(s)) : allowed;
}

export function hasScope(v: Viewer, scope: Scope): boolean {
  return isAuthenticated(v) && scopesOf(v).includes(scope);
}

/** Admin operations need the admin role AND the admin scope (an admin's read-only key is not admin). */
export function isAdmin(v: Viewer): boolean {
  return isAuthenticated(v) && v.roles.includes('admin') && scopesOf(v).includes('admin');
}

/** Known roles from a JWT claim value: an array or a space/comma separated string. Unknown names are dropped. */
export function parseRoles(claim: unknown): Role[] {
  const raw = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  const roles = new Set<Role>(['user']); // any valid token holder is a user
  for (const r of raw) if (typeof r === 'string' && (ROLES as readonly string[]).includes(r.toLowerCase())) roles.add(r.toLowerCase() as Role);
  return ROLES.filter((r) => roles.has(r));
}
