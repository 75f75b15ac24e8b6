import { describe, expect, it } from 'vitest';
import { csvField, readCsv } from '../../../src/racing/import/csv.js';

const all = (t: string) => [...readCsv(t)];

describe('readCsv (RFC 4180)', () => {
  it('reads fields with the physical line each record starts on, across LF, CRLF and a BOM', () => {
    const recs = all('\ufeffa,b,c\r\n1,2,3\n\n4,,6');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 4, fields: ['4', '', '6'] },
    ]);
  });

  it('handles quoted commas, doubled quotes and newlines inside quotes (line numbers stay physical)', () => {
    const recs = all('name,note\n"Stenhouse, Ricky Jr.","say ""hi"""\n"multi\nline",x\nlast,y\n');
    expect(recs.map((r) => r.fields)).toEqual([
      ['name', 'note'],
      ['Stenhouse, Ricky Jr.', 'say "hi"'],
      ['multi\nline', 'x'],
      ['last', 'y'],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('reports malformed quoting on its line and keeps reading the following lines', () => {
    const recs = all('a,b\nx"y,1\n"ok",2\n"bad"z,3\n"never closed,4\nlast,5\n');
    expect(recs.filter((r) => r.error).map((r) => r.line)).toEqual([2, 4, 5]);
    expect(recs.filter((r) => r.fields).map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [3, ['ok', '2']],
      [6, ['last', '5']],
    ]);
  });

  it('keeps an empty quoted field and a trailing empty field', () => {
    expect(all('"",x,\n').map((r) => r.fields)).toEqual([['', 'x', '']]);
  });

  it('csvField quotes only what needs quoting and round-trips through readCsv', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
    const line = values.map(csvField).join(',');
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines",');
    expect(all(line)[0]!.fields).toEqual(values);
  });
});
