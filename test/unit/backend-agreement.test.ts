/**
 * Every kernel backend that loads here agrees with the CPU reference on the same seeded inputs
 * (issue 12). Tolerances (tensor backends compute in float32):
 *   plBatch            logp relative 1e-4, gradient absolute 1e-3
 *   sampleFinishOrders >= 99.9% of rows identical (float32 keys may swap near-ties), every row
 *                      a permutation of 1..n
 *   scoreLineups       mean and CVaR relative 1e-5; P(score >= target) the same scenario count
 *                      (quarter-point scores are exact in float32, so no comparison flips)
 * tfjs-gpu runs only where @tensorflow/tfjs-node-gpu loads with a CUDA device; otherwise its
 * block is skipped and the reason is in the block's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelBackend, KernelBackendChoice } from '../../engine/backend/index.js';
import { createKernelBackend } from '../../engine/backend/index.js';
import { finishInputs, plProblem, randomLineups, scenarioPoints, thetaBatch } from './backend-fixtures.js';

const LOGP_REL = 1e-4;
const GRAD_ABS = 1e-3;
const ROWS_IDENTICAL = 0.999;
const SCORE_REL = 1e-5;

const reference = await createKernelBackend('cpu');
afterAll(() => reference.dispose());

const gpuProbe = await createKernelBackend('tfjs-gpu').then(
  (b) => ({ ok: true as const, backend: b }),
  (err: Error) => ({ ok: false as const, reason: err.message }),
);
if (gpuProbe.ok) gpuProbe.backend.dispose();

const CASES: { choice: KernelBackendChoice; skip?: string; chunkBytes?: number }[] = [
  { choice: 'cpu' },
  { choice: 'tfjs-cpu' },
  { choice: 'tfjs-wasm' },
  // Tiny chunks: lineup and scenario chunk boundaries fall mid-batch.
  { choice: 'tfjs-wasm', chunkBytes: 12 * 2000 * 7 },
  { choice: 'tfjs-gpu', ...(gpuProbe.ok ? {} : { skip: gpuProbe.reason }) },
];

for (const { choice, skip, chunkBytes } of CASES) {
  const name = `kernel backend ${choice}${chunkBytes ? ` (chunks of ${chunkBytes} B)` : ''} agrees with the CPU reference${skip ? ` [skipped: ${skip}]` : ''}`;
  describe.skipIf(skip !== undefined)(name, () => {
    let backend: KernelBackend;
    beforeAll(async () => {
      backend = await createKernelBackend(choice, chunkBytes ? { chunkBytes } : {});
    });
    afterAll(() => backend?.dispose());

    it.each([
      ['typical skills', 1, 0],
      ['skills spread over ~60 nats', 8, 0],
      ['a common offset of 100 (float32 exp overflows without the per-race max shift)', 1, 100],
    ])('plBatch: log likelihood and gradient, %s', async (_label, scale, offset) => {
      const problem = plProblem(11, 40, 30);
      const chains = 16;
      const theta = thetaBatch(12, chains, 40).map((v) => v * scale + offset);
      const want = await reference.plBatch(problem, theta, chains);
      const got = await backend.plBatch(problem, theta, chains);
      for (let c = 0; c < chains; c++) expect(Math.abs(got.logp[c] - want.logp[c]) / Math.abs(want.logp[c])).toBeLessThan(LOGP_REL);
      expect(maxAbsDiff(got.grad, want.grad)).toBeLessThan(GRAD_ABS * scale);
    });

    it('sampleFinishOrders: same finish orders for the same uniforms', async () => {
      const n = 40;
      const { eta, uniforms, drawOfScenario } = finishInputs(21, 5000, n, 100);
      const want = await reference.sampleFinishOrders(eta, uniforms, drawOfScenario, n);
      const got = await backend.sampleFinishOrders(eta, uniforms, drawOfScenario, n);
      let identical = 0;
      for (let s = 0; s < drawOfScenario.length; s++) {
        const row = got.subarray(s * n, (s + 1) * n);
        expect([...row].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        if (row.every((p, i) => p === want[s * n + i])) identical++;
      }
      expect(identical / drawOfScenario.length).toBeGreaterThanOrEqual(ROWS_IDENTICAL);
    });

    it('scoreLineups: mean, P(score >= target) and CVaR', async () => {
      const S = 2000;
      const n = 40;
      const k = 6;
      const points = scenarioPoints(31, S, n);
      const lineups = randomLineups(32, 300, n, k);
      const stats = { target: 150, alphas: [0.01, 0.05, 0.2, 1] };
      const want = await reference.scoreLineups(points, S, n, lineups, k, stats);
      const got = await backend.scoreLineups(points, S, n, lineups, k, stats);
      expect(maxRelDiff(got.mean, want.mean)).toBeLessThan(SCORE_REL);
      // Same count of scenarios at or above target (the float32 share itself rounds).
      expect(Array.from(got.pAtLeast!, (p) => Math.round(p * S))).toEqual(Array.from(want.pAtLeast!, (p) => Math.round(p * S)));
      for (let a = 0; a < stats.alphas.length; a++) expect(maxRelDiff(got.cvar![a], want.cvar![a])).toBeLessThan(SCORE_REL);
      const meanOnly = await backend.scoreLineups(points, S, n, lineups, k, {});
      expect(meanOnly.pAtLeast).toBeUndefined();
      expect(meanOnly.cvar).toBeUndefined();
    });

    it('rejects inconsistent shapes with INVALID_INPUT', async () => {
      const problem = plProblem(1, 10, 3);
      await expect(backend.plBatch(problem, new Float64Array(7), 1)).rejects.toMatchObject({ type: 'INVALID_INPUT', details: { field: 'theta' } });
      await expect(backend.sampleFinishOrders(new Float32Array(4), new Float32Array(4), Int32Array.of(5), 4)).rejects.toMatchObject({ type: 'INVALID_INPUT' });
      await expect(backend.scoreLineups(new Float32Array(4), 1, 4, Int32Array.of(0, 9), 2, {})).rejects.toMatchObject({ type: 'INVALID_INPUT', details: { field: 'lineups[1]' } });
    });
  });
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1e-12, Math.abs(b[i])));
  return m;
}
