import { describe, expect, it } from 'vitest';
import { SEALED_PREFIX, SecretBox } from '../../../src/webhooks/secret-box.js';

const KEY = 'k'.repeat(40);

describe('SecretBox (webhook signing secrets at rest)', () => {
  const box = SecretBox.fromKeyMaterial(KEY);

  it('seals to a value that hides the secret and opens back to it', () => {
    const sealed = box.seal('whsec_abc123', 'wh1');
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain('whsec_abc123');
    expect(box.seal('whsec_abc123', 'wh1')).not.toBe(sealed); // fresh IV each time
    expect(box.open(sealed, 'wh1')).toBe('whsec_abc123');
    expect(SecretBox.fromKeyMaterial(KEY).open(sealed, 'wh1')).toBe('whsec_abc123'); // same key material, new process
  });

  it('refuses another key, another webhook id and a tampered value, with a typed error', () => {
    const sealed = box.seal('whsec_abc123', 'wh1');
    const refuse = (f: () => string, why: RegExp) => {
      try {
        f();
      } catch (err) {
        expect((err as { code?: string }).code).toBe('WEBHOOK_SECRET_UNREADABLE');
        expect((err as Error).message).toMatch(why);
        return;
      }
      throw new Error('expected a refusal');
    };
    refuse(() => SecretBox.fromKeyMaterial('z'.repeat(40)).open(sealed, 'wh1'), /WEBHOOK_SECRET_KEY/);
    refuse(() => box.open(sealed, 'wh2'), /wh2/); // a sealed secret copied onto another webhook
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    refuse(() => box.open(flipped, 'wh1'), /cannot be opened/);
    refuse(() => box.open(`${SEALED_PREFIX}garbage`, 'wh1'), /malformed/);
  });

  it('rotates: values under the previous key still open and are resealed under the current one', () => {
    const old = SecretBox.fromKeyMaterial('o'.repeat(40));
    const rotating = SecretBox.fromKeyMaterial(KEY, ['o'.repeat(40)]);
    expect(rotating.rotating).toBe(true);
    expect(box.rotating).toBe(false);
    const underOld = old.seal('whsec_1', 'wh1');
    expect(rotating.open(underOld, 'wh1')).toBe('whsec_1');
    expect(box.open(rotating.resealed(underOld, 'wh1')!, 'wh1')).toBe('whsec_1'); // now opens without the old key
    expect(box.open(rotating.resealed('whsec_plain', 'wh1')!, 'wh1')).toBe('whsec_plain');
    expect(rotating.resealed(rotating.seal('whsec_1', 'wh1'), 'wh1')).toBeNull(); // already current
    expect(() => box.open(underOld, 'wh1')).toThrow(/WEBHOOK_SECRET_KEY_PREVIOUS/); // without the previous key
    expect(() => SecretBox.fromKeyMaterial(KEY, ['short'])).toThrow(/WEBHOOK_SECRET_KEY_PREVIOUS/);
  });

  it('passes a legacy plaintext value through and refuses short key material', () => {
    expect(box.open('whsec_legacy', 'wh1')).toBe('whsec_legacy');
    expect(() => SecretBox.fromKeyMaterial('short')).toThrow(/WEBHOOK_SECRET_KEY/);
  });
});
