/**
 * API key secrets: `dfs_` + 32 random bytes (base64url, 43 chars) = 256 bits of entropy.
 *
 * Stored as SHA-256, not bcrypt/argon2: slow, salted hashes exist to protect LOW-entropy
 * passwords from offline guessing. A uniformly random 256-bit secret cannot be guessed whatever
 * the hash speed, and an unsalted fast hash lets us find a key by an indexed equality lookup
 * (a salted hash would force a scan of every key per request). The plaintext is returned once
 * at creation and never stored or logged; `prefix` (the first 12 chars, 48 bits) identifies a
 * key in listings and audit events without weakening it.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'dfs_';
export const API_KEY_RANDOM_BYTES = 32;
export const API_KEY_DISPLAY_CHARS = 12;
const FORMAT = /^dfs_[A-Za-z0-9_-]{43}$/;

export interface NewApiKeySecret {
  /** The plaintext (shown once). */
  readonly secret: string;
  readonly hash: string;
  readonly prefix: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const secret = API_KEY_PREFIX + randomBytes(API_KEY_RANDOM_BYTES).toString('base64url');
  return { secret, hash: hashApiKey(secret), prefix: displayPrefix(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Cheap syntactic check so obviously malformed values never reach the database. */
export function isWellFormedApiKey(value: string): boolean {
  return FORMAT.test(value);
}

/** What audit logs and listings may show of a key (e.g. `dfs_Ab3xY9Qz`). */
export function displayPrefix(secret: string): string {
  return secret.slice(0, API_KEY_DISPLAY_CHARS);
}
