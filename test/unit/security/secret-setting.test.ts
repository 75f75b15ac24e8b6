import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretSetting } from '../../../src/config/secret-setting.js';

describe('secretSetting (NAME or NAME_FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secret-setting-'));

  it('takes the inline value, else the trimmed file contents, else undefined', () => {
    const file = join(dir, 'key');
    writeFileSync(file, `${'f'.repeat(40)}\n`);
    expect(secretSetting('WEBHOOK_SECRET_KEY', 'v'.repeat(32), undefined, 32)).toBe('v'.repeat(32));
    expect(secretSetting('WEBHOOK_SECRET_KEY', undefined, file, 32)).toBe('f'.repeat(40));
    expect(secretSetting('WEBHOOK_SECRET_KEY', undefined, undefined, 32)).toBeUndefined();
  });

  it('names the variable that holds a short secret', () => {
    const file = join(dir, 'short');
    writeFileSync(file, 'short\n');
    expect(() => secretSetting('JWT_SECRET', undefined, file, 32)).toThrow(/^JWT_SECRET_FILE: .*at least 32/);
    expect(() => secretSetting('JWT_SECRET', 'short', undefined, 32)).toThrow(/^JWT_SECRET: /);
  });
});
