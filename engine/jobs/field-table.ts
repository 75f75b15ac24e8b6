/**
 * The field score table of a job (payout objective, portfolios against the field) on the
 * thread's kernel backend: `fieldTopScores` per scenario chunk (the CPU backend runs
 * engine/contest's fieldTopRows, the reference of buildFieldScoreTable). Every backend produces
 * integer milli-point rows, so the table — and every lineup priced against it — is identical.
 */
import type { KernelBackend } from '../backend/kernel-backend.js';
import { fieldRowLength, fieldScoreTableFromRows, slatePoints, type FieldScoreTableInput } from '../contest/index.js';
import type { FieldScoreTable } from '../contract/contest-types.js';
import { EngineError } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';

/** Scenarios per kernel call: progress and cancellation between chunks, bounded device memory. */
const CHUNK = 1000;

export async function fieldScoreTableOn(kernels: KernelBackend, input: FieldScoreTableInput, ctx: EngineRunContext): Promise<FieldScoreTable> {
  const K = fieldRowLength(input);
  const points = slatePoints(input.slate, input.scenarios);
  const S = points.scenarios;
  const { field } = input;
  const top = new Int32Array(S * K);
  const ties = new Uint32Array(S);
  for (let s = 0; s < S; s += CHUNK) {
    if (ctx.isCancelled()) throw new EngineError('CANCELLED', 'field score table cancelled');
    ctx.progress({ phase: 'ranking', done: s, total: S });
    const to = Math.min(S, s + CHUNK);
    const rows = await kernels.fieldTopScores({ milli: points.milli.subarray(s * points.players, to * points.players), players: points.players, lineups: field.lineups, rosterSize: field.rosterSize, counts: field.counts, rowLength: K });
    top.set(rows.top, s * K);
    ties.set(rows.tiesAtRowMin, s);
  }
  ctx.progress({ phase: 'ranking', done: S, total: S });
  return fieldScoreTableFromRows(input.contest, field.entries, S, K, top, ties);
}
