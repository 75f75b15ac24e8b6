/**
 * Lineup rules: resolve driver ids to slate indices and reject impossible combinations BEFORE
 * any search starts, naming the constraint. Malformed input (unknown driver, out-of-range
 * numbers) is INVALID_INPUT; well-formed but unsatisfiable rules are INFEASIBLE, e.g.
 * `constraints.locks: locked drivers cost 51,200 > cap 50,000`.
 */
import type { LineupConstraints } from '../contract/lineup-types.js';
import { EngineError, invalidInput } from '../contract/engine-error.js';
import type { SlateSpec } from '../contract/models.js';

export interface ResolvedGroup {
  readonly members: readonly number[];
  readonly atLeast: number;
  readonly atMost: number;
}

export interface ResolvedConstraints {
  readonly locks: readonly number[];
  /** 1 = excluded, slate order. */
  readonly excluded: Uint8Array;
  readonly groups: readonly ResolvedGroup[];
  /** Dollars; 0 when absent. */
  readonly minSalary: number;
  /** Σ ownership fraction cap; Infinity when absent. */
  readonly maxTotalOwnership: number;
  /** Drivers owned <= lowMaxOwnership count as low-owned; lowMinCount 0 = no rule. */
  readonly lowMaxOwnership: number;
  readonly lowMinCount: number;
}

export function infeasible(field: string, reason: string, details: Record<string, unknown> = {}): EngineError {
  return new EngineError('INFEASIBLE', `${field}: ${reason}`, { details: { field, ...details } });
}

const money = (v: number): string => Math.round(v).toLocaleString('en-US');

export function resolveConstraints(slate: SlateSpec, c: LineupConstraints = {}, ownership?: Float64Array): ResolvedConstraints {
  const n = slate.players.length;
  const R = slate.rosterSize;
  const index = new Map(slate.players.map((p, i) => [p.driverId, i]));
  const lookup = (field: string, id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw invalidInput(field, `unknown driver '${id}'`);
    return i;
  };
  const locks = [...new Set((c.locks ?? []).map((id, k) => lookup(`constraints.locks[${k}]`, id)))];
  const excluded = new Uint8Array(n);
  (c.excludes ?? []).forEach((id, k) => {
    const i = lookup(`constraints.excludes[${k}]`, id);
    if (locks.includes(i)) throw infeasible(`constraints.excludes[${k}]`, `driver '${id}' is also locked`);
    excluded[i] = 1;
  });
  if (locks.length > R) throw infeasible('constraints.locks', `${locks.length} locked drivers > roster size ${R}`);
  const available = n - excluded.reduce((a, b) => a + b, 0);
  if (available < R) throw infeasible('constraints.excludes', `only ${available} drivers remain for a roster of ${R}`);

  const sal = (i: number): number => slate.players[i].salary;
  const lockedSalary = locks.reduce((a, i) => a + sal(i), 0);
  if (lockedSalary > slate.salaryCap) throw infeasible('constraints.locks', `locked drivers cost ${money(lockedSalary)} > cap ${money(slate.salaryCap)}`);
  const others = [...Array(n).keys()].filter((i) => !excluded[i] && !locks.includes(i)).map(sal).sort((a, b) => a - b);
  const need = R - locks.length;
  const cheapest = others.slice(0, need).reduce((a, b) => a + b, 0);
  if (lockedSalary + cheapest > slate.salaryCap) {
    throw infeasible('constraints.locks', `locked drivers cost ${money(lockedSalary)} and the cheapest ${need} others ${money(cheapest)}: ${money(lockedSalary + cheapest)} > cap ${money(slate.salaryCap)}`);
  }

  const minSalary = c.minSalary ?? 0;
  if (!Number.isFinite(minSalary) || minSalary < 0) throw invalidInput('constraints.minSalary', 'must be a finite number >= 0', { got: minSalary });
  if (minSalary > slate.salaryCap) throw infeasible('constraints.minSalary', `${money(minSalary)} > cap ${money(slate.salaryCap)}`);
  const dearest = others.slice(-need).reduce((a, b) => a + b, 0);
  if (need > 0 ? lockedSalary + dearest < minSalary : lockedSalary < minSalary) {
    throw infeasible('constraints.minSalary', `${money(minSalary)} is unreachable: the most expensive roster with these locks costs ${money(lockedSalary + dearest)}`);
  }

  const groups = (c.groups ?? []).map((g, k) => resolveGroup(g, k, lookup, excluded, locks, R));

  const needOwn = (field: string): Float64Array => {
    if (!ownership) throw invalidInput(field, 'needs ownership');
    return ownership;
  };
  let maxTotalOwnership = Infinity;
  if (c.maxTotalOwnership !== undefined) {
    const own = needOwn('constraints.maxTotalOwnership');
    maxTotalOwnership = c.maxTotalOwnership;
    if (!(maxTotalOwnership >= 0)) throw invalidInput('constraints.maxTotalOwnership', 'must be a number >= 0', { got: maxTotalOwnership });
    const lockedOwn = locks.reduce((a, i) => a + own[i], 0);
    const lowest = [...Array(n).keys()].filter((i) => !excluded[i] && !locks.includes(i)).map((i) => own[i]).sort((a, b) => a - b).slice(0, need).reduce((a, b) => a + b, 0);
    if (lockedOwn + lowest > maxTotalOwnership + 1e-12) throw infeasible('constraints.maxTotalOwnership', `the least-owned roster with these locks sums to ${(lockedOwn + lowest).toFixed(3)} > ${maxTotalOwnership}`);
  }
  let lowMaxOwnership = 1;
  let lowMinCount = 0;
  if (c.lowOwned) {
    const own = needOwn('constraints.lowOwned');
    lowMaxOwnership = c.lowOwned.maxOwnership;
    lowMinCount = c.lowOwned.minCount;
    if (!(lowMaxOwnership >= 0 && lowMaxOwnership <= 1)) throw invalidInput('constraints.lowOwned.maxOwnership', 'must be a fraction in [0, 1]', { got: lowMaxOwnership });
    if (!Number.isInteger(lowMinCount) || lowMinCount < 0 || lowMinCount > R) throw invalidInput('constraints.lowOwned.minCount', `must be an integer in [0, ${R}]`, { got: lowMinCount });
    const eligible = [...Array(n).keys()].filter((i) => !excluded[i] && own[i] <= lowMaxOwnership);
    const lockedHigh = locks.filter((i) => own[i] > lowMaxOwnership).length;
    if (eligible.length < lowMinCount) throw infeasible('constraints.lowOwned', `only ${eligible.length} drivers are owned <= ${lowMaxOwnership}, need ${lowMinCount}`);
    if (R - lockedHigh < lowMinCount) throw infeasible('constraints.lowOwned', `${lockedHigh} locked drivers are owned > ${lowMaxOwnership}, leaving ${R - lockedHigh} slots < ${lowMinCount}`);
  }
  return { locks, excluded, groups, minSalary, maxTotalOwnership, lowMaxOwnership, lowMinCount };
}

function resolveGroup(
  g: { readonly drivers: readonly string[]; readonly atLeast?: number; readonly atMost?: number },
  k: number,
  lookup: (field: string, id: string) => number,
  excluded: Uint8Array,
  locks: readonly number[],
  R: number,
): ResolvedGroup {
  const at = `constraints.groups[${k}]`;
  const members = [...new Set(g.drivers.map((id, j) => lookup(`${at}.drivers[${j}]`, id)))];
  if (members.length === 0) throw invalidInput(`${at}.drivers`, 'must name at least one driver');
  const atLeast = g.atLeast ?? 0;
  const atMost = g.atMost ?? R;
  if (g.atLeast === undefined && g.atMost === undefined) throw invalidInput(at, 'needs atLeast or atMost');
  if (!Number.isInteger(atLeast) || atLeast < 0) throw invalidInput(`${at}.atLeast`, 'must be an integer >= 0', { got: g.atLeast });
  if (!Number.isInteger(atMost) || atMost < 0) throw invalidInput(`${at}.atMost`, 'must be an integer >= 0', { got: g.atMost });
  if (atLeast > atMost) throw infeasible(at, `atLeast ${atLeast} > atMost ${atMost}`);
  const usable = members.filter((i) => !excluded[i]).length;
  if (atLeast > Math.min(R, usable)) throw infeasible(`${at}.atLeast`, `${atLeast} > ${Math.min(R, usable)} usable members (roster ${R}, ${members.length - usable} excluded)`);
  const lockedIn = members.filter((i) => locks.includes(i)).length;
  if (lockedIn > atMost) throw infeasible(`${at}.atMost`, `${lockedIn} locked members > atMost ${atMost}`);
  return { members, atLeast, atMost };
}
