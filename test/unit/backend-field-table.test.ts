/**
 * The `fieldTopScores` kernel (contest pricing) on every tensor backend that loads gives the
 * SAME field score table as the CPU reference (engine/contest buildFieldScoreTable): integer
 * milli-point sums are exact in float32, so the tolerance is zero — including the ties at the
 * row minimum that decide tie splits. Also exercised through the optimize job's entry point.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createKernelBackend, type KernelBackendChoice } from '../../engine/backend/index.js';
import { buildFieldScoreTable, sampleField, slatePoints } from '../../engine/contest/index.js';
import type { ContestSpec } from '../../engine/contract/models.js';
import { quietContext } from '../../engine/contract/run-context.js';
import { fieldScoreTableOn } from '../../engine/jobs/field-table.js';
import { createRng } from '../../engine/rng/index.js';
import { flatOwnership, syntheticScenarios, syntheticSlate } from './contest/fixtures.js';

const slate = syntheticSlate(14);
const S = 300;
const scenarios = syntheticScenarios(slate, S, 4);
const field = sampleField({ slate, ownership: flatOwnership(slate), fieldSize: 80, options: { duplication: 0.4, calibration: { pilotSize: 2000, maxIterations: 6, tolerance: 0.005, step: 1 } } }, createRng(13));
const contest: ContestSpec = {
  entryFee: 5,
  fieldSize: 81,
  maxEntries: 1,
  payouts: [
    { fromRank: 1, toRank: 1, prize: 80 },
    { fromRank: 2, toRank: 4, prize: 30 },
    { fromRank: 5, toRank: 15, prize: 12 },
  ],
};
const reference = buildFieldScoreTable({ slate, contest, field, scenarios }, quietContext(1));

for (const choice of ['cpu', 'tfjs-cpu', 'tfjs-wasm'] as KernelBackendChoice[]) {
  describe(`fieldTopScores on ${choice}`, async () => {
    // Tiny chunks on tensor backends so chunk boundaries fall inside the scenario range.
    const kernels = await createKernelBackend(choice, { chunkBytes: 16 * 80 * 37 });
    afterAll(() => kernels.dispose());

    it('builds exactly the CPU table (rows and ties at the cut)', async () => {
      const table = await fieldScoreTableOn(kernels, { slate, contest, field, scenarios }, quietContext(1));
      expect(table.rowLength).toBe(15);
      expect(Array.from(table.sortedFieldScores)).toEqual(Array.from(reference.sortedFieldScores));
      expect(Array.from(table.tiesAtRowMin)).toEqual(Array.from(reference.tiesAtRowMin));
      expect(reference.tiesAtRowMin.some((t) => t > 0)).toBe(true); // the case is exercised
    });

    it('keeps every entry with rowLength = entries (no ties left out)', async () => {
      const points = slatePoints(slate, scenarios);
      const rows = await kernels.fieldTopScores({ milli: points.milli, players: points.players, lineups: field.lineups, rosterSize: field.rosterSize, counts: field.counts, rowLength: field.entries });
      const all = buildFieldScoreTable({ slate, contest, field, scenarios, rows: 'all' }, quietContext(1));
      expect(rows.tiesAtRowMin.every((t) => t === 0)).toBe(true);
      expect(Array.from(rows.top, (m) => Math.fround(m / 1000))).toEqual(Array.from(all.sortedFieldScores));
    });

    it('rejects a row longer than the field with INVALID_INPUT naming rowLength', async () => {
      const points = slatePoints(slate, scenarios);
      await expect(kernels.fieldTopScores({ milli: points.milli, players: points.players, lineups: field.lineups, rosterSize: field.rosterSize, counts: field.counts, rowLength: field.entries + 1 })).rejects.toMatchObject({ type: 'INVALID_INPUT', details: { field: 'rowLength' } });
    });
  });
}
