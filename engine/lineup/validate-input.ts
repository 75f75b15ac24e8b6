/**
 * Shape checks of optimizer inputs, run before any work starts. Every failure is
 * EngineError('INVALID_INPUT') naming the field, e.g. `selection.points: length 379,962 is not
 * scenarios x 38 drivers`.
 */
import type { FieldScoreTable } from '../contract/contest-types.js';
import { invalidInput } from '../contract/engine-error.js';
import type { SlateSpec } from '../contract/models.js';
import type { LineupInput, ScenarioPoints } from './inputs.js';
import { SITE_RULES } from './site-rules.js';

export function validateSlate(slate: SlateSpec, strictSiteRules: boolean): void {
  const rules = SITE_RULES[slate.site];
  if (!rules) throw invalidInput('slate.site', `must be one of ${Object.keys(SITE_RULES).join(', ')}`, { got: slate.site });
  const n = slate.players.length;
  if (!Number.isInteger(slate.rosterSize) || slate.rosterSize < 1 || slate.rosterSize > 12) throw invalidInput('slate.rosterSize', 'must be an integer in [1, 12]', { got: slate.rosterSize });
  if (!(slate.salaryCap > 0) || !Number.isFinite(slate.salaryCap)) throw invalidInput('slate.salaryCap', 'must be a positive number', { got: slate.salaryCap });
  if (strictSiteRules && (slate.rosterSize !== rules.rosterSize || slate.salaryCap !== rules.salaryCap)) {
    throw invalidInput('slate.rosterSize', `${slate.site} NASCAR classic is ${rules.rosterSize} drivers under $${rules.salaryCap.toLocaleString('en-US')}; got ${slate.rosterSize} under $${slate.salaryCap.toLocaleString('en-US')} (set strictSiteRules: false for custom formats)`);
  }
  if (n < slate.rosterSize) throw invalidInput('slate.players', `${n} players cannot fill a roster of ${slate.rosterSize}`);
  if (n > 250) throw invalidInput('slate.players', `at most 250 players, got ${n}`);
  const seen = new Set<string>();
  slate.players.forEach((p, i) => {
    if (!p.driverId) throw invalidInput(`slate.players[${i}].driverId`, 'must be a non-empty string');
    if (seen.has(p.driverId)) throw invalidInput(`slate.players[${i}].driverId`, `duplicate driver '${p.driverId}'`);
    seen.add(p.driverId);
    if (!Number.isFinite(p.salary) || p.salary < 0) throw invalidInput(`slate.players[${i}].salary`, 'must be a finite number >= 0', { got: p.salary });
  });
}

/** Scenario count of a points matrix; also rejects NaN/Infinity (they would poison every bound). */
export function validatePoints(name: string, set: ScenarioPoints, n: number): number {
  const pts = set.points;
  if (!(pts instanceof Float32Array)) throw invalidInput(`${name}.points`, 'must be a Float32Array (scenarios x drivers, row-major)');
  if (pts.length === 0 || pts.length % n !== 0) throw invalidInput(`${name}.points`, `length ${pts.length.toLocaleString('en-US')} is not scenarios x ${n} drivers`);
  for (let k = 0; k < pts.length; k++) {
    if (!Number.isFinite(pts[k])) throw invalidInput(`${name}.points`, `non-finite value at scenario ${Math.floor(k / n)}, driver ${k % n}`);
  }
  const s = pts.length / n;
  if (set.field) validateField(`${name}.field`, set.field, s);
  return s;
}

export function validateField(name: string, f: FieldScoreTable, scenarios: number): void {
  if (f.scenarios !== scenarios) throw invalidInput(`${name}.scenarios`, `field has ${f.scenarios} scenarios, points have ${scenarios}`);
  const L = f.rowLength;
  if (!Number.isInteger(L) || L < 1) throw invalidInput(`${name}.rowLength`, 'must be an integer >= 1', { got: L });
  if (!Number.isInteger(f.fieldSize) || f.fieldSize < L) throw invalidInput(`${name}.fieldSize`, `must be an integer >= rowLength ${L}`, { got: f.fieldSize });
  if (f.sortedFieldScores.length !== scenarios * L) throw invalidInput(`${name}.sortedFieldScores`, `length must be scenarios x rowLength = ${scenarios * L}`);
  if (f.tiesAtRowMin.length !== scenarios) throw invalidInput(`${name}.tiesAtRowMin`, `length must be ${scenarios}`);
  const rows = f.sortedFieldScores;
  for (let s = 0; s < scenarios; s++) {
    if (f.tiesAtRowMin[s] > f.fieldSize - L) throw invalidInput(`${name}.tiesAtRowMin[${s}]`, `exceeds the ${f.fieldSize - L} unstored entries`);
    const o = s * L;
    if (!Number.isFinite(rows[o])) throw invalidInput(`${name}.sortedFieldScores`, `non-finite value in scenario ${s}`);
    for (let j = 1; j < L; j++) {
      if (!(rows[o + j] >= rows[o + j - 1]) || !Number.isFinite(rows[o + j])) throw invalidInput(`${name}.sortedFieldScores`, `row ${s} is not ascending and finite at column ${j}`);
    }
  }
  validatePayouts(`${name}.payouts`, f);
}

/** Payout tiers must be disjoint, non-negative and non-increasing in rank: monotone payouts make every bound sound. */
function validatePayouts(name: string, f: FieldScoreTable): void {
  const tiers = [...f.payouts].map((t, i) => ({ ...t, i })).sort((a, b) => a.fromRank - b.fromRank);
  if (tiers.length === 0) throw invalidInput(name, 'must have at least one tier');
  let lastTo = 0;
  let lastPrize = Infinity;
  let paid = 0;
  for (const t of tiers) {
    const at = `${name}[${t.i}]`;
    if (!Number.isInteger(t.fromRank) || !Number.isInteger(t.toRank) || t.fromRank < 1 || t.toRank < t.fromRank) throw invalidInput(at, `ranks must be integers with 1 <= fromRank <= toRank, got ${t.fromRank}..${t.toRank}`);
    if (t.fromRank <= lastTo) throw invalidInput(at, `ranks ${t.fromRank}..${t.toRank} overlap the previous tier`);
    if (!Number.isFinite(t.prize) || t.prize < 0) throw invalidInput(`${at}.prize`, 'must be a finite number >= 0', { got: t.prize });
    if (t.prize > lastPrize) throw invalidInput(`${at}.prize`, `prizes must not increase with rank (${t.prize} after ${lastPrize})`);
    lastTo = t.toRank;
    lastPrize = t.prize;
    if (t.prize > 0) paid = t.toRank;
  }
  // Below row[0] a score ranks after every stored opponent; it must then be out of the money.
  if (f.rowLength < f.fieldSize && paid > f.rowLength) {
    throw invalidInput(`${name.replace(/\.payouts$/, '')}.rowLength`, `${f.rowLength} stored opponents per scenario cannot price ${paid.toLocaleString('en-US')} paid places; store at least the paid places`);
  }
}

export function validateOwnership(own: Float64Array | undefined, n: number, rosterSize: number): void {
  if (!own) return;
  if (own.length !== n) throw invalidInput('ownership', `length ${own.length} != ${n} slate players`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(own[i]) || own[i] < 0 || own[i] > 1) throw invalidInput(`ownership[${i}]`, `must be a fraction in [0, 1]${own[i] > 1 ? ' (percent given? divide meanPct by 100)' : ''}`, { got: own[i] });
    sum += own[i];
  }
  if (sum > rosterSize + 1e-6) throw invalidInput('ownership', `fractions sum to ${sum.toFixed(2)} > roster size ${rosterSize}`);
}

/** All shape checks; returns the scenario counts. */
export function validateLineupInput(input: LineupInput, strictSiteRules: boolean): { n: number; sSel: number; sEval: number } {
  validateSlate(input.slate, strictSiteRules);
  const n = input.slate.players.length;
  const sSel = validatePoints('selection', input.selection, n);
  const sEval = input.evaluation ? validatePoints('evaluation', input.evaluation, n) : 0;
  validateOwnership(input.ownership, n, input.slate.rosterSize);
  return { n, sSel, sEval };
}
