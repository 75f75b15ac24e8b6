/**
 * Name normalisation shared by every importer. Sources spell the same driver differently:
 *   "A.J. Allmendinger" (nascaR.data)  "AJ Allmendinger" (DraftKings)
 *   "Ricky Stenhouse Jr." / "Ricky Stenhouse Jr" / "Martin Truex, Jr."
 *   "Daniel Suárez" (JGR) / "Daniel Suarez"   "Shane van Gisbergen" / "Shane Van Gisbergen"
 * `nameKey` folds all of those to one slug, which is also the id of a driver created from it.
 * Suffixes (Jr., III) are KEPT: "Dale Earnhardt" and "Dale Earnhardt Jr." are different people.
 */

/** "Ricky Stenhouse Jr." → "ricky-stenhouse-jr"; "Daniel Suárez" → "daniel-suarez"; "O'Connell" → "oconnell". */
export function nameKey(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents left by NFKD
    .toLowerCase()
    .replace(/[.'’`"]/g, '') // initials and apostrophes join their letters: A.J. → aj
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Known spellings that normalisation cannot fold (different words, not punctuation), keyed by
 * nameKey → the canonical driver id. Extend when a source introduces a new variant; admins can
 * also map a raw spelling at run time with the `mapDriverAlias` mutation.
 */
export const KNOWN_DRIVER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['john-h-nemechek', 'john-hunter-nemechek'], // DraftKings / JGR feed
  ['darrell-wallace-jr', 'bubba-wallace'], // legal name in older feeds
  ['darrell-bubba-wallace-jr', 'bubba-wallace'],
  ['bubba-wallace-jr', 'bubba-wallace'],
  ['shane-van-gisbergen-nz', 'shane-van-gisbergen'],
]);

/** Team / manufacturer ids: "Team Penske" → "team-penske"; "Chevy" → "chevrolet". */
export function entityKey(raw: string): string {
  const key = nameKey(raw);
  return MANUFACTURER_ALIASES.get(key) ?? key;
}

const MANUFACTURER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['chevy', 'chevrolet'],
  ['chev', 'chevrolet'],
]);

/** Collapses whitespace so "Kyle  Larson " and "Kyle Larson" are one raw spelling. */
export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** Finisher status: "Running"/"RUNNING" → "running"; DNF reasons are kept as the source wrote them. */
export function normaliseStatus(raw: string): string {
  const s = raw.trim();
  return s.toLowerCase() === 'running' ? 'running' : s;
}
