import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { displayPrefix, generateApiKeySecret, hashApiKey, isWellFormedApiKey } from '../../../src/auth/api-key-secret.js';

describe('API key secrets', () => {
  it('are dfs_ + 43 base64url chars (256 random bits), unique, and hashed with SHA-256', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKeySecret());
    for (const k of keys) {
      expect(k.secret).toMatch(/^dfs_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(k.secret.slice(4), 'base64url')).toHaveLength(32);
      expect(k.hash).toBe(createHash('sha256').update(k.secret).digest('hex'));
      expect(k.hash).not.toContain(k.secret.slice(4, 20));
      expect(k.prefix).toBe(k.secret.slice(0, 12));
      expect(isWellFormedApiKey(k.secret)).toBe(true);
    }
    expect(new Set(keys.map((k) => k.secret)).size).toBe(keys.length);
    expect(new Set(keys.map((k) => k.hash)).size).toBe(keys.length);
  });

  it('rejects malformed values before any lookup', () => {
    for (const bad of ['', 'dfs_', 'dfs_short', `xyz_${'a'.repeat(43)}`, `dfs_${'a'.repeat(42)}!`, `dfs_${'a'.repeat(44)}`]) expect(isWellFormedApiKey(bad)).toBe(false);
  });

  it('shows only the display prefix', () => {
    expect(displayPrefix('dfs_abcdefghXYZ')).toBe('dfs_abcdefgh');
    expect(hashApiKey('dfs_a')).toHaveLength(64);
  });
});
