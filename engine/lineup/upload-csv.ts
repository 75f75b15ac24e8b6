/**
 * Site upload CSVs for lineups (the GraphQL / CLI export formats), and a parser of the same
 * format so exports round-trip.
 *
 * DraftKings NASCAR: header of one "D" per roster slot (6), one lineup per row, cells are DK
 * player IDs — DK's upload also accepts "Name (ID)" (the form its entries templates use).
 *   D,D,D,D,D,D
 *   30000000,30000007,30000014,30000021,30000028,30000035
 * FanDuel NASCAR: five "D" slots; cells are FanDuel player ids of the form "<slate>-<player>"
 * (e.g. 80857-12345); FanDuel's own templates write "ID:Name" (e.g. "80857-12345:Kyle Larson").
 *   D,D,D,D,D
 *   90001-12000,90001-12003,90001-12007,90001-12010,90001-12011
 * Sources: pydfs-lineup-optimizer's DK/FD NASCAR settings (six / five 'D' slots) and importers
 * (DK lineup cells "Name (ID)", FD cells keyed by the 'Id' column); public FanDuel NASCAR entries
 * templates with "ID:Name" cells. Sites change templates; the header and cell style are kept in
 * one place (SITE_RULES, `format`).
 */
import { invalidInput } from '../contract/engine-error.js';
import type { OptimizedLineup, UploadPlayerFormat } from '../contract/lineup-types.js';
import type { Site, SlateSpec } from '../contract/models.js';
import { SITE_RULES } from './site-rules.js';

export interface UploadCsvOptions {
  /** 'id': bare site ids; 'nameId': DK "Name (ID)" / FD "ID:Name". @default 'id' */
  readonly format: UploadPlayerFormat;
  /** @default '\n' */
  readonly lineEnding: '\n' | '\r\n';
}

export const UPLOAD_CSV_DEFAULTS: UploadCsvOptions = { format: 'id', lineEnding: '\n' };

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toUploadCsv(site: Site, lineups: readonly (OptimizedLineup | readonly number[])[], slate: SlateSpec, options: Partial<UploadCsvOptions> = {}): string {
  const opts = { ...UPLOAD_CSV_DEFAULTS, ...options };
  const rules = SITE_RULES[site];
  if (!rules) throw invalidInput('site', 'must be DK or FD', { got: site });
  if (slate.site !== site) throw invalidInput('site', `slate is a ${slate.site} slate, cannot export ${site}`);
  const R = rules.rosterSize;
  const rows = [Array(R).fill(rules.slot).join(',')];
  lineups.forEach((l, k) => {
    const indices = Array.isArray(l) ? (l as readonly number[]) : (l as OptimizedLineup).indices;
    if (indices.length !== R) throw invalidInput(`lineups[${k}]`, `has ${indices.length} drivers; ${site} rosters have ${R}`);
    if (new Set(indices).size !== R) throw invalidInput(`lineups[${k}]`, 'repeats a driver');
    rows.push(
      indices
        .map((i, d) => {
          const p = slate.players[i];
          if (!p) throw invalidInput(`lineups[${k}][${d}]`, `no slate player ${i}`);
          if (!p.siteId) throw invalidInput(`slate.players[${i}].siteId`, `driver '${p.driverId}' has no ${site} player id`);
          if (opts.format === 'id') return cell(p.siteId);
          return cell(site === 'DK' ? `${p.name} (${p.siteId})` : `${p.siteId}:${p.name}`);
        })
        .join(','),
    );
  });
  return rows.join(opts.lineEnding) + opts.lineEnding;
}

/** Parses RFC 4180 text into rows of cells (quoted fields may hold commas, quotes, newlines). */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cur);
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw invalidInput('csv', 'unterminated quoted field');
  if (cur !== '' || row.length > 0) {
    row.push(cur);
    rows.push(row);
  }
  return rows;
}

/** The site id inside a cell: "ID", DK "Name (ID)" or FD "ID:Name". */
function siteIdOf(site: Site, raw: string): string {
  const v = raw.trim();
  if (site === 'DK') {
    const m = /\(([^()]+)\)\s*$/.exec(v);
    return m ? m[1].trim() : v;
  }
  const colon = v.indexOf(':');
  return colon >= 0 ? v.slice(0, colon).trim() : v;
}

/** Lineups (slate indices, in file order) from an upload CSV produced by `toUploadCsv` or by hand. */
export function parseUploadCsv(site: Site, text: string, slate: SlateSpec): number[][] {
  const rules = SITE_RULES[site];
  if (!rules) throw invalidInput('site', 'must be DK or FD', { got: site });
  const R = rules.rosterSize;
  const bySiteId = new Map(slate.players.map((p, i) => [p.siteId, i]));
  const rows = parseCsvRows(text).filter((r) => r.some((c) => c.trim() !== ''));
  const trim = (r: string[]): string[] => {
    const out = [...r];
    while (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
    return out;
  };
  if (rows.length === 0) throw invalidInput('csv', 'is empty');
  const header = trim(rows[0]).map((h) => h.trim().toUpperCase());
  if (header.length !== R || header.some((h) => h !== rules.slot)) throw invalidInput('csv.header', `must be ${Array(R).fill(rules.slot).join(',')} for ${site} NASCAR, got ${rows[0].join(',')}`);
  return rows.slice(1).map((r, k) => {
    const cells = trim(r);
    if (cells.length !== R) throw invalidInput(`csv.row[${k + 1}]`, `has ${cells.length} players; ${site} rosters have ${R}`);
    const lineup = cells.map((c, d) => {
      const id = siteIdOf(site, c);
      const i = bySiteId.get(id);
      if (i === undefined) throw invalidInput(`csv.row[${k + 1}].col[${d}]`, `unknown ${site} player id '${id}'`);
      return i;
    });
    if (new Set(lineup).size !== R) throw invalidInput(`csv.row[${k + 1}]`, 'repeats a driver');
    return lineup;
  });
}
