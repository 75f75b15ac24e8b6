/**
 * Our entries as the ranking kernel wants them (L x rosterSize player indices), checked against
 * the slate and contest. Errors name the entry and slot, e.g. `ourLineups[3][5]: player index 41
 * is not on the slate (40 players)`.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { SlateSpec } from '../contract/models.js';

export function validateLineups(lineups: readonly (readonly number[])[], slate: SlateSpec, maxEntries: number): Uint16Array {
  const R = slate.rosterSize;
  const n = slate.players.length;
  if (!Array.isArray(lineups) || lineups.length === 0) throw invalidInput('ourLineups', 'must hold at least one lineup');
  if (lineups.length > maxEntries) throw invalidInput('ourLineups', `${lineups.length} entries exceed contest.maxEntries (${maxEntries})`);
  const out = new Uint16Array(lineups.length * R);
  lineups.forEach((lineup, i) => {
    if (!Array.isArray(lineup) || lineup.length !== R) throw invalidInput(`ourLineups[${i}]`, `must list exactly ${R} players`, { got: lineup?.length ?? null });
    const seen = new Set<number>();
    let salary = 0;
    lineup.forEach((p, j) => {
      if (!Number.isInteger(p) || p < 0 || p >= n) throw invalidInput(`ourLineups[${i}][${j}]`, `player index ${p} is not on the slate (${n} players)`);
      if (seen.has(p)) throw invalidInput(`ourLineups[${i}][${j}]`, `player ${p} ('${slate.players[p].driverId}') appears twice`);
      seen.add(p);
      salary += slate.players[p].salary;
      out[i * R + j] = p;
    });
    if (salary > slate.salaryCap) throw invalidInput(`ourLineups[${i}]`, `salary ${salary} exceeds slate.salaryCap ${slate.salaryCap}`);
  });
  return out;
}
