/**
 * A CSV file as a table of typed cells: the header is matched case-insensitively against the
 * columns an importer needs, and each typed getter records an issue (line + column + reason)
 * instead of throwing, so one pass finds every bad cell of the file.
 */
import { readCsv } from './csv.js';
import type { IssueLog } from './issues.js';

export interface TableSpec {
  /** Columns that must be in the header. */
  readonly required: readonly string[];
  /** Columns read when present. */
  readonly optional?: readonly string[];
}

export interface TableRow {
  readonly line: number;
  /** Read one cell; the getters below add typed parsing. */
  cell(column: string): string | undefined;
  has(column: string): boolean;
  str(column: string, opts?: { required?: boolean; maxLength?: number }): string | null;
  int(column: string, opts?: { required?: boolean; min?: number; max?: number }): number | null;
  num(column: string, opts?: { required?: boolean; min?: number; max?: number }): number | null;
  /** YYYY-MM-DD (a time part, if any, is ignored). */
  date(column: string, opts?: { required?: boolean }): string | null;
}

const key = (s: string) => s.trim().toLowerCase();
const MAX_CELL = 200;

/**
 * Yields the data rows of `text`. Header problems (missing required columns, duplicates, an
 * empty file) are recorded at line 1 and end the table: without a header nothing can be read.
 */
export function* readTable(text: string, spec: TableSpec, issues: IssueLog): Generator<TableRow> {
  const records = readCsv(text);
  const first = records.next();
  if (first.done) {
    issues.add(1, null, 'the file is empty (expected a header line)');
    return;
  }
  if (first.value.error !== undefined) {
    issues.add(first.value.line, null, `header: ${first.value.error}`);
    return;
  }
  const header = first.value.fields.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === '') return; // FanDuel exports carry unnamed spacer columns
    if (index.has(key(h))) issues.add(first.value.line, h, `duplicate column '${h}'`);
    else index.set(key(h), i);
  });
  const missing = spec.required.filter((c) => !index.has(key(c)));
  for (const c of missing) issues.add(first.value.line, c, `missing required column '${c}' (header: ${header.filter(Boolean).join(', ')})`);
  if (missing.length || issues.has(first.value.line)) return;

  for (const rec of records) {
    if (rec.error !== undefined) {
      issues.add(rec.line, null, rec.error);
      continue;
    }
    const fields = rec.fields;
    const extra = fields.slice(header.length).some((f) => f.trim() !== '');
    if (fields.length < header.length || extra) issues.add(rec.line, null, `expected ${header.length} fields as in the header, found ${fields.length}`);
    yield makeRow(rec.line, fields, index, issues);
  }
}

function makeRow(line: number, fields: string[], index: Map<string, number>, issues: IssueLog): TableRow {
  const cell = (c: string): string | undefined => {
    const i = index.get(key(c));
    return i === undefined ? undefined : (fields[i] ?? '').trim();
  };
  const absent = (c: string, required: boolean | undefined): null => {
    if (required) issues.add(line, c, 'value is required');
    return null;
  };
  const range = (c: string, v: number, min?: number, max?: number): number | null => {
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      issues.add(line, c, `${v} is out of range ${min ?? '-∞'}..${max ?? '∞'}`);
      return null;
    }
    return v;
  };
  return {
    line,
    cell,
    has: (c) => index.has(key(c)),
    str(c, o = {}) {
      const v = cell(c);
      if (v === undefined || v === '') return absent(c, o.required);
      const max = o.maxLength ?? MAX_CELL;
      if (v.length > max) {
        issues.add(line, c, `longer than ${max} characters`);
        return null;
      }
      return v;
    },
    int(c, o = {}) {
      const v = cell(c);
      if (v === undefined || v === '' || v.toUpperCase() === 'NA') return absent(c, o.required);
      if (!/^[+-]?\d+$/.test(v)) {
        issues.add(line, c, `'${v.slice(0, 40)}' is not a whole number`);
        return null;
      }
      return range(c, Number(v), o.min, o.max);
    },
    num(c, o = {}) {
      const v = cell(c);
      if (v === undefined || v === '' || v.toUpperCase() === 'NA') return absent(c, o.required);
      const x = Number(v.replace(/^\$/, '').replace(/,/g, ''));
      if (!Number.isFinite(x) || !/\d/.test(v)) {
        issues.add(line, c, `'${v.slice(0, 40)}' is not a number`);
        return null;
      }
      return range(c, x, o.min, o.max);
    },
    date(c, o = {}) {
      const v = cell(c);
      if (v === undefined || v === '') return absent(c, o.required);
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
      if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        issues.add(line, c, `'${v.slice(0, 40)}' is not a date like 2024-02-19`);
        return null;
      }
      return `${m[1]}-${m[2]}-${m[3]}`;
    },
  };
}

export function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
