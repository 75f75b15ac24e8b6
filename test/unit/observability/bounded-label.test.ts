import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVALID_LABEL, LabelLimiter, OTHER_LABEL, knownOperationNames } from '../../../src/observability/bounded-label.js';
import { REPO_ROOT } from '../../../scripts/local-services.js';

describe('LabelLimiter', () => {
  it('keeps known names always, admits at most maxUnknown others, then answers other', () => {
    const l = new LabelLimiter(['SubmitPing'], 2);
    expect(l.label('A')).toBe('A');
    expect(l.label('B')).toBe('B');
    expect(l.label('C')).toBe(OTHER_LABEL);
    expect(l.label('A')).toBe('A'); // admitted names stay admitted
    expect(l.label('SubmitPing')).toBe('SubmitPing'); // known names never count against the cap
    expect(l.size).toBe(3);
  });

  it('maps values that are not GraphQL names (or are too long) to invalid without admitting them', () => {
    const l = new LabelLimiter([], 1);
    for (const v of ['', '1abc', 'a b', 'x'.repeat(65), 'drop"table', 'a{b}']) expect(l.label(v)).toBe(INVALID_LABEL);
    expect(l.label('Fine_1')).toBe('Fine_1');
  });

  it('bounds the label set under a flood of distinct names', () => {
    const l = new LabelLimiter([], 200);
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => l.label(`Op${i}`)));
    expect(seen.size).toBe(201); // 200 admitted + 'other'
  });
});

describe('knownOperationNames', () => {
  it('reads the operation names of the client operations', () => {
    const names = knownOperationNames(resolve(REPO_ROOT, 'client/operations'));
    expect(names).toContain('SubmitPing');
    expect(names).toContain('JobProgress');
    expect(names).not.toContain('JobFields'); // a fragment, not an operation
  });

  it('parses query/mutation/subscription names and ignores other files; a missing dir gives []', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-'));
    writeFileSync(join(dir, 'a.graphql'), 'query One { a }\nmutation Two($x: Int) { b(x: $x) }\nsubscription Three { c }\nfragment F on T { d }');
    writeFileSync(join(dir, 'b.txt'), 'query Hidden { a }');
    expect(knownOperationNames(dir)).toEqual(['One', 'Three', 'Two']);
    expect(knownOperationNames(join(dir, 'nope'))).toEqual([]);
  });
});
