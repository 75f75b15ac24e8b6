/**
 * DraftKings prints slate lock times in US Eastern wall-clock time ("04/12/2026 03:00PM ET").
 * This turns such a stamp into a UTC instant, honouring daylight saving through the runtime's
 * time-zone database (Intl), so no tz dependency is needed.
 */

const ET = 'America/New_York';
const STAMP = /(\d{2})\/(\d{2})\/(\d{4})\s+(\d{1,2}):(\d{2})\s*([AP]M)\s*(?:ET|EST|EDT)?\s*$/i;

const fmt = new Intl.DateTimeFormat('en-US', { timeZone: ET, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** Minutes Eastern time is ahead of UTC at instant `utcMs` (−240 in summer, −300 in winter). */
function offsetMinutes(utcMs: number): number {
  const p = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((wall - utcMs) / 60_000);
}

/** Eastern wall time → UTC ISO string, e.g. (2026, 4, 12, 15, 0) → '2026-04-12T19:00:00.000Z'. */
export function easternToUtc(year: number, month: number, day: number, hour: number, minute: number): string {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes converge across a DST change (the offset at the guessed instant can differ by 1 h).
  let utc = wall - offsetMinutes(wall) * 60_000;
  utc = wall - offsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString();
}

/**
 * Finds the trailing "MM/DD/YYYY hh:mmAM ET" of a DraftKings Game Info cell.
 *   'Bass Pro Shops 500 @ Bristol 04/12/2026 03:00PM ET' → { lockTime: '2026-04-12T19:00:00.000Z', event: 'Bass Pro Shops 500 @ Bristol' }
 * Returns null when there is no such stamp.
 */
export function parseGameInfo(cell: string): { lockTime: string; date: string; event: string } | null {
  const m = STAMP.exec(cell);
  if (!m) return null;
  const [, mm, dd, yyyy, hh, min, ampm] = m;
  let hour = Number(hh) % 12;
  if (ampm!.toUpperCase() === 'PM') hour += 12;
  const [y, mo, d, mi] = [Number(yyyy), Number(mm), Number(dd), Number(min)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || mi > 59 || Number(hh) < 1 || Number(hh) > 12) return null;
  return { lockTime: easternToUtc(y, mo, d, hour, mi), date: `${yyyy}-${mm}-${dd}`, event: cell.slice(0, m.index).trim() };
}
