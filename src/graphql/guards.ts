/**
 * Resolver guards: the one place a resolver asks "may this caller do that?". Racing writes
 * (imports, alias overrides) call `requireAdmin` before touching the graph, so whichever way the
 * viewer is built (local dev user today, JWT / API key with the auth issue), the rule is here.
 * Kept even when a schema-level permission layer also guards the field: defence in depth, and it
 * keeps the services safe when called from another entry point.
 */
import { isAdmin, isAuthenticated } from '../auth/viewer.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Viewer } from './context.js';

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for non-admins. */
export function requireAdmin(viewer: Viewer, action: string): void {
  if (!isAuthenticated(viewer)) throw new UnauthenticatedError(`Authentication required to ${action}`);
  if (!isAdmin(viewer)) throw new ForbiddenError(`Only admins may ${action}`, { requiredRole: 'admin' });
}

/**
 * The claims @neo4j/graphql sees as `$jwt` (for `@authorization` rules on the racing types):
 * derived from the viewer, so the library never decodes tokens itself.
 */
export function jwtOf(viewer: Viewer): { sub: string; roles: string[] } {
  return { sub: viewer.id, roles: [...viewer.roles] };
}
