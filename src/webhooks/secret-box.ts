/**
 * Webhook signing secrets at rest. A signing secret must stay recoverable (deliveries HMAC with
 * it), so it cannot be hashed like an API key; it is sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256) from WEBHOOK_SECRET_KEY, so a copy of the database alone cannot forge a user's
 * webhook signatures. Stored form: `enc:v1:<base64url iv>.<base64url ciphertext + tag>`; the
 * webhook id is bound as associated data, so a sealed secret copied onto another webhook does
 * not open. Values without the prefix are secrets stored before sealing existed (plaintext).
 *
 * Rotation: with WEBHOOK_SECRET_KEY_PREVIOUS set, values sealed under the previous key still
 * open, and WebhookRepository.resealSecrets() (run at API start-up) rewrites them — and any
 * plaintext — under the current key; once it has run, the previous key can be dropped.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Key material used when WEBHOOK_SECRET_KEY is unset outside production: public, so it protects nothing. */
export const DEV_WEBHOOK_SECRET_KEY = 'development-only webhook key: set WEBHOOK_SECRET_KEY in production';

/** Marks a sealed value (the version after `enc:` names the format). */
export const SEALED_PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'nascar-dfs webhook signing secret v1';

/** A stored secret that cannot be opened; internal (it ends up in the delivery log, never in a GraphQL response). */
export class WebhookSecretError extends Error {
  readonly code = 'WEBHOOK_SECRET_UNREADABLE';
}

function deriveKey(material: string, variable: string): Buffer {
  if (material.length < 32) throw new Error(`${variable}: at least 32 characters`);
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), HKDF_INFO, 32));
}

export class SecretBox {
  private constructor(
    private readonly key: Buffer,
    private readonly previous: readonly Buffer[],
  ) {}

  /** Key material: any string of at least 32 characters (WEBHOOK_SECRET_KEY); `previous`: keys being rotated out. */
  static fromKeyMaterial(material: string, previous: readonly string[] = []): SecretBox {
    return new SecretBox(
      deriveKey(material, 'WEBHOOK_SECRET_KEY'),
      previous.map((p) => deriveKey(p, 'WEBHOOK_SECRET_KEY_PREVIOUS')),
    );
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

  /** The secret; a legacy plaintext value is returned as it is. Throws WebhookSecretError on a wrong key or a tampered value. */
  open(stored: string, webhookId: string): string {
    return this.openWithKeyIndex(stored, webhookId).secret;
  }

  /** Whether previous keys are configured (a rotation is under way). */
  get rotating(): boolean {
    return this.previous.length > 0;
  }

  /**
   * The stored value sealed anew under the current key when it is plaintext or sealed under a
   * previous key; null when it is already under the current key. Throws like open().
   */
  resealed(stored: string, webhookId: string): string | null {
    const { secret, key } = this.openWithKeyIndex(stored, webhookId);
    return key === 0 ? null : this.seal(secret, webhookId);
  }

  /** key: 0 = current, 1.. = previous[key - 1], -1 = plaintext. */
  private openWithKeyIndex(stored: string, webhookId: string): { secret: string; key: number } {
    if (!SecretBox.isSealed(stored)) return { secret: stored, key: -1 };
    const [ivText, bodyText] = stored.slice(SEALED_PREFIX.length).split('.');
    const iv = Buffer.from(ivText ?? '', 'base64url');
    const body = Buffer.from(bodyText ?? '', 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw unreadable(webhookId, 'malformed sealed value');
    const keys = [this.key, ...this.previous];
    for (let k = 0; k < keys.length; k++) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', keys[k]!, iv);
        decipher.setAAD(Buffer.from(webhookId, 'utf8'));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return { secret: Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8'), key: k };
      } catch {
        // not this key: try the next one
      }
    }
    throw unreadable(webhookId, 'authentication failed (was WEBHOOK_SECRET_KEY changed without WEBHOOK_SECRET_KEY_PREVIOUS?)');
  }
}

function unreadable(webhookId: string, why: string): WebhookSecretError {
  return new WebhookSecretError(`webhook ${webhookId}: signing secret cannot be opened: ${why}`);
}
