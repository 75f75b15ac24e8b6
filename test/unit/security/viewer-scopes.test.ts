import { describe, expect, it } from 'vitest';
import { ANONYMOUS, hasScope, isAdmin, isAuthenticated, parseRoles, scopesForRoles, scopesOf } from '../../../src/auth/viewer.js';
import type { Viewer } from '../../../src/graphql/context.js';

describe('roles and scopes', () => {
  it('anonymous callers have no scope and are not authenticated', () => {
    expect(isAuthenticated(ANONYMOUS)).toBe(false);
    expect(hasScope(ANONYMOUS, 'read')).toBe(false);
    expect(isAdmin(ANONYMOUS)).toBe(false);
  });

  it('a JWT user gets every scope its roles allow', () => {
    expect(scopesForRoles(['user'])).toEqual(['read', 'write']);
    expect(scopesForRoles(['user', 'admin'])).toEqual(['read', 'write', 'admin']);
    expect(isAdmin({ id: 'a', roles: ['user', 'admin'] })).toBe(true);
    expect(isAdmin({ id: 'u', roles: ['user'] })).toBe(false);
  });

  it('an API key narrows scopes and can never exceed its owner’s roles', () => {
    const readOnlyAdminKey: Viewer = { id: 'a', roles: ['user', 'admin'], scopes: ['read'], method: 'apiKey' };
    expect(scopesOf(readOnlyAdminKey)).toEqual(['read']);
    expect(isAdmin(readOnlyAdminKey)).toBe(false); // admin role, but the key lacks ADMIN
    const inflated: Viewer = { id: 'u', roles: ['user'], scopes: ['read', 'write', 'admin'], method: 'apiKey' };
    expect(scopesOf(inflated)).toEqual(['read', 'write']); // a user's key with ADMIN scope is still not admin
    expect(isAdmin(inflated)).toBe(false);
  });

  it('parses role claims: arrays or space/comma separated, case-insensitive, unknown names dropped', () => {
    expect(parseRoles(['ADMIN'])).toEqual(['user', 'admin']);
    expect(parseRoles('user,admin')).toEqual(['user', 'admin']);
    expect(parseRoles('root owner')).toEqual(['user']);
    expect(parseRoles(undefined)).toEqual(['user']);
    expect(parseRoles(42)).toEqual(['user']);
  });
});
