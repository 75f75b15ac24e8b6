/**
 * Webhook signing secrets at rest. A signing secret must stay recoverable (deliveries HMAC with
 * it), so it cannot be hashed like an API key; it is sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256) from WEBHOOK_SECRET_KEY, so a copy of the database alone cannot forge a user's
 * webhook signatures. Stored form: `enc:v1:<base64url iv>.<base64url ciphertext + tag>`; the
 * webhook id is bound as associated data, so a sealed secret copied onto another webhook does
 * not open. Values without the prefix are secrets stored before sealing existed (plaintext):
 * `isSealed` tells them apart and WebhookRepository.sealLegacySecrets() rewrites them.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Key material used when WEBHOOK_SECRET_KEY is unset outside production: public, so it protects nothing. */
export const DEV_WEBHOOK_SECRET_KEY = 'development-only webhook key: set WEBHOOK_SECRET_KEY in production';

/** Marks a sealed value (the version after `enc:` names the format). */
export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'nascar-dfs webhook signing secret v1';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** Key material: any string of at least 32 characters (WEBHOOK_SECRET_KEY). */
  static fromKeyMaterial(material: string): SecretBox {
    if (material.length < 32) throw new Error('WEBHOOK_SECRET_KEY: at least 32 characters');
    return new SecretBox(Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), HKDF_INFO, 32)));
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(SEALED_PREFIX);
  }

  seal(secret: string, webhookId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(webhookId, 'utf8'));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SEALED_PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /** The secret; a legacy plaintext value is returned as it is. Throws WEBHOOK_SECRET_UNREADABLE on a wrong key or a tampered value. */
  open(stored: string, webhookId: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [ivText, bodyText] = stored.slice(SEALED_PREFIX.length).split('.');
    const iv = Buffer.from(ivText ?? '', 'base64url');
    const body = Buffer.from(bodyText ?? '', 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw unreadable(webhookId, 'malformed sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(webhookId, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw unreadable(webhookId, 'authentication failed (was WEBHOOK_SECRET_KEY changed?)');
    }
  }
}

/** A stored secret that cannot be opened; internal (it ends up in the delivery log, never in a GraphQL response). */
export class WebhookSecretError extends Error {
  readonly code = 'WEBHOOK_SECRET_UNREADABLE';
}

function unreadable(webhookId: string, why: string): WebhookSecretError {
  return new WebhookSecretError(`webhook ${webhookId}: signing secret cannot be opened: ${why}`);
}
