/** Objective checks (INVALID_INPUT naming the field) before any work starts. */
import { invalidInput } from '../contract/engine-error.js';
import type { LineupObjective } from '../contract/lineup-types.js';
import type { LineupInput } from './inputs.js';

/** Most CVaR levels a weighted objective may combine (each adds a term per live scenario). */
export const MAX_CVAR_LEVELS = 8;

export function validateObjective(o: LineupObjective, input: LineupInput, field = 'objective'): void {
  switch (o?.kind) {
    case 'mean':
      return;
    case 'cvar': {
      if (!Array.isArray(o.levels) || o.levels.length === 0 || o.levels.length > MAX_CVAR_LEVELS) throw invalidInput(`${field}.levels`, `must hold 1..${MAX_CVAR_LEVELS} levels`);
      let total = 0;
      o.levels.forEach((l, j) => {
        if (!(l.alpha > 0 && l.alpha <= 1)) throw invalidInput(`${field}.levels[${j}].alpha`, 'must be in (0, 1]', { got: l.alpha });
        if (!(l.weight >= 0) || !Number.isFinite(l.weight)) throw invalidInput(`${field}.levels[${j}].weight`, 'must be a finite number >= 0', { got: l.weight });
        total += l.weight;
      });
      if (!(total > 0)) throw invalidInput(`${field}.levels`, 'weights must not all be 0');
      return;
    }
    case 'probAtLeast':
      if (!Number.isFinite(o.target)) throw invalidInput(`${field}.target`, 'must be a finite number of points', { got: o.target });
      return;
    case 'leverage':
      if (!(o.ownershipPenalty >= 0) || !Number.isFinite(o.ownershipPenalty)) throw invalidInput(`${field}.ownershipPenalty`, 'must be a finite number >= 0', { got: o.ownershipPenalty });
      if (!input.ownership) throw invalidInput('ownership', `the leverage objective needs ownership`);
      return;
    case 'payout':
      requireFields(input, field);
      return;
    default:
      throw invalidInput(`${field}.kind`, `must be one of mean, cvar, probAtLeast, leverage, payout`, { got: (o as { kind?: unknown })?.kind ?? null });
  }
}

/** Field-based objectives need a field on the selection set and, when given, the evaluation set. */
export function requireFields(input: LineupInput, field: string): void {
  if (!input.selection.field) throw invalidInput('selection.field', `${field} needs a simulated field (FieldScoreTable)`);
  if (input.evaluation && !input.evaluation.field) throw invalidInput('evaluation.field', `${field} needs a field for the held-out scenarios too`);
}
