import { describe, expect, it } from 'vitest';
import { DfsUnreachableError, toApiError } from '../../../client/errors.js';
import { UsageError, int, json } from '../../../cli/context.js';
import { oneLine } from '../../../cli/errors.js';
import { estimate, table } from '../../../cli/format.js';
import { ImportCallError } from '../../../scripts/import-client.js';

const URL = 'http://127.0.0.1:4000/graphql';

describe('oneLine', () => {
  it('unreachable API (SDK or import client) → the same single "is the API running?" line', () => {
    for (const err of [new DfsUnreachableError(URL, 'ECONNREFUSED'), new ImportCallError('not reachable', 'UNAVAILABLE')]) {
      const { line, code } = oneLine(err, URL);
      expect(line).toMatch(new RegExp(`^dfs: cannot reach ${URL.replace(/\./g, '\\.')}: is the API running\\? \\(npm start\\)`));
      expect(line).not.toContain('\n');
      expect(code).toBe(1);
    }
  });
  it('401 → names the fix (flag, env, createApiKey), keeps the reason', () => {
    const err = toApiError({ message: 'Invalid credential', extensions: { code: 'UNAUTHENTICATED', reason: 'revoked' } }, 401, URL);
    const { line } = oneLine(err, URL);
    expect(line).toMatch(/^dfs: 401: the API key or token was refused \(revoked\); .*--api-key.*DFS_API_KEY.*createApiKey/);
  });
  it('other API errors carry the extensions.code; usage errors exit 2', () => {
    const err = toApiError({ message: 'Job not found', extensions: { code: 'NOT_FOUND' } }, 200, URL);
    expect(err.code).toBe('NOT_FOUND');
    expect(oneLine(err, URL).line).toBe('dfs: Job not found (NOT_FOUND)');
    expect(oneLine(toApiError(undefined, 404, URL), URL).line).toMatch(/is not the GraphQL endpoint \(HTTP 404\)/);
    expect(oneLine(new UsageError('--slate is required'), URL)).toEqual({ line: 'dfs: --slate is required', code: 2 });
  });
});

describe('flag parsing and formatting', () => {
  it('int / json reject malformed values with the flag name', () => {
    expect(int({ chunks: '12' }, 'chunks')).toBe(12);
    expect(() => int({ chunks: '1.5' }, 'chunks')).toThrow(/--chunks must be an integer/);
    expect(json({ optimize: '{"lineups":3}' }, 'optimize')).toEqual({ lineups: 3 });
    expect(() => json({ optimize: '[1]' }, 'optimize')).toThrow(/--optimize must be a JSON object/);
  });
  it('estimate prints value ± se; table pads columns', () => {
    expect(estimate({ value: 251.234, se: 1.05 })).toBe('251.2 ± 1.1');
    expect(estimate(undefined)).toBe('-');
    expect(table(['A', 'BB'], [['xyz', '1']], ['l', 'r']).split('\n')).toEqual(['A    BB', '---  --', 'xyz   1']);
  });
});
