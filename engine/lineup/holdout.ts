/**
 * Selection / evaluation scenario sets. Metrics of the lineup we pick must come from scenarios
 * the search never saw: choosing the best of millions of noisy estimates inflates the winner
 * (winner's curse), so in-sample numbers are reported only as `selectionObjective`.
 *
 * With no separate evaluation set, rows are split by a permutation seeded from ctx.seed, so the
 * split (and everything after it) is reproducible.
 */
import type { FieldScoreTable } from '../contract/contest-types.js';
import { invalidInput } from '../contract/engine-error.js';
import { nextInt, substreams } from '../rng/index.js';
import type { LineupInput, ScenarioPoints } from './inputs.js';

/** A scenario set with its count. */
export interface ScenarioBlock {
  readonly points: Float32Array;
  readonly scenarios: number;
  readonly field?: FieldScoreTable;
}

/** Substream index of ctx.seed used for the split (other streams are free for later use). */
export const HOLDOUT_STREAM = 0;

export function splitScenarios(input: LineupInput, seed: number, holdoutFraction: number, n: number): { sel: ScenarioBlock; evl: ScenarioBlock } {
  const sSel = input.selection.points.length / n;
  if (input.evaluation) {
    return { sel: block(input.selection, sSel), evl: block(input.evaluation, input.evaluation.points.length / n) };
  }
  if (!(holdoutFraction > 0 && holdoutFraction < 1)) throw invalidInput('options.holdoutFraction', 'must be in (0, 1) when no evaluation set is given', { got: holdoutFraction });
  const nEval = Math.round(sSel * holdoutFraction);
  if (nEval < 1 || nEval >= sSel) throw invalidInput('selection.points', `${sSel} scenarios are too few to hold out ${holdoutFraction * 100}% (give an evaluation set)`);
  const perm = new Int32Array(sSel);
  for (let i = 0; i < sSel; i++) perm[i] = i;
  const rng = substreams(seed, HOLDOUT_STREAM + 1)[HOLDOUT_STREAM];
  for (let i = sSel - 1; i > 0; i--) {
    const j = nextInt(rng, i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const nSel = sSel - nEval;
  return { sel: takeRows(input.selection, perm.subarray(0, nSel), n), evl: takeRows(input.selection, perm.subarray(nSel), n) };
}

function block(set: ScenarioPoints, scenarios: number): ScenarioBlock {
  return { points: set.points, scenarios, ...(set.field ? { field: set.field } : {}) };
}

function takeRows(set: ScenarioPoints, rows: Int32Array, n: number): ScenarioBlock {
  const points = new Float32Array(rows.length * n);
  rows.forEach((r, k) => points.set(set.points.subarray(r * n, r * n + n), k * n));
  if (!set.field) return { points, scenarios: rows.length };
  const f = set.field;
  const L = f.rowLength;
  const scores = new Float32Array(rows.length * L);
  const ties = new Uint32Array(rows.length);
  rows.forEach((r, k) => {
    scores.set(f.sortedFieldScores.subarray(r * L, r * L + L), k * L);
    ties[k] = f.tiesAtRowMin[r];
  });
  const field: FieldScoreTable = { ...f, scenarios: rows.length, sortedFieldScores: scores, tiesAtRowMin: ties };
  return { points, scenarios: rows.length, field };
}
