/**
 * The CPU reference backend against first principles: the gradient against finite differences,
 * the log likelihood against the textbook sequential-choice formula, Gumbel-max winners against
 * Plackett-Luce probabilities, lineup statistics against a sort.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend, gumbelUniforms } from '../../engine/backend/index.js';
import { selectTopSum } from '../../engine/backend/cpu-score-lineups.js';
import { createRng } from '../../engine/rng/index.js';
import { plProblem, randomLineups, scenarioPoints, thetaBatch } from './backend-fixtures.js';

const cpu = createCpuBackend();

describe('CPU reference backend', () => {
  const problem = plProblem(5, 12, 8);
  const chains = 3;
  const theta = thetaBatch(6, chains, 12);

  it('plBatch log likelihood matches sum_k w_k * (eta_k - log sum_{j>=k} exp eta_j)', async () => {
    const { logp } = await cpu.plBatch(problem, theta, chains);
    for (let c = 0; c < chains; c++) {
      let want = 0;
      for (let r = 0; r + 1 < problem.raceStart.length; r++) {
        for (let i = problem.raceStart[r]; i < problem.raceStart[r + 1]; i++) {
          let s = 0;
          for (let j = i; j < problem.raceStart[r + 1]; j++) s += Math.exp(theta[c * 12 + problem.driverOfRow[j]]);
          want += problem.weight[r] * (theta[c * 12 + problem.driverOfRow[i]] - Math.log(s));
        }
      }
      expect(logp[c]).toBeCloseTo(want, 9);
    }
  });

  it('plBatch gradient matches central finite differences', async () => {
    const { grad } = await cpu.plBatch(problem, theta, chains);
    const h = 1e-5;
    for (let i = 0; i < theta.length; i++) {
      const up = theta.slice();
      const down = theta.slice();
      up[i] += h;
      down[i] -= h;
      const c = Math.floor(i / 12);
      const fd = ((await cpu.plBatch(problem, up, chains)).logp[c] - (await cpu.plBatch(problem, down, chains)).logp[c]) / (2 * h);
      expect(Math.abs(grad[i] - fd)).toBeLessThan(1e-6);
    }
  });

  it('sampleFinishOrders: Gumbel-max winners follow softmax(eta)', async () => {
    const n = 3;
    const S = 40_000;
    const eta = Float32Array.of(1, 0, -1);
    const u = gumbelUniforms(createRng(9), S * n);
    const pos = await cpu.sampleFinishOrders(eta, u, new Int32Array(S), n);
    const wins = [0, 0, 0];
    for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) if (pos[s * n + i] === 1) wins[i]++;
    const z = Math.exp(1) + 1 + Math.exp(-1);
    [Math.exp(1) / z, 1 / z, Math.exp(-1) / z].forEach((p, i) => expect(Math.abs(wins[i] / S - p)).toBeLessThan(0.01));
  });

  it('gumbelUniforms stay strictly inside (0, 1) in float32 and reproduce from the seed', () => {
    const u = gumbelUniforms(createRng(3), 100_000);
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(gumbelUniforms(createRng(3), 10)).toEqual(u.subarray(0, 10));
  });

  it('scoreLineups statistics match a full sort', async () => {
    const S = 500;
    const n = 20;
    const k = 6;
    const points = scenarioPoints(7, S, n);
    const lineups = randomLineups(8, 40, n, k);
    const alphas = [0.01, 0.1, 0.333, 1];
    const got = await cpu.scoreLineups(points, S, n, lineups, k, { target: 120, alphas });
    for (let l = 0; l < 40; l++) {
      const scores = Array.from({ length: S }, (_, s) => lineups.subarray(l * k, (l + 1) * k).reduce((acc, d) => acc + points[s * n + d], 0));
      scores.sort((a, b) => b - a);
      expect(got.mean[l]).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / S, 9);
      expect(got.pAtLeast![l]).toBe(scores.filter((x) => x >= 120).length / S);
      alphas.forEach((a, i) => {
        const m = Math.ceil(a * S);
        expect(got.cvar![i][l]).toBeCloseTo(scores.slice(0, m).reduce((x, y) => x + y, 0) / m, 9);
      });
    }
  });

  it('selectTopSum: heavy ties, every tail size, the sampled pre-filter and its fallback', () => {
    const rng = createRng(4);
    const check = (values: number[], sizes: number[]) => {
      const sorted = [...values].sort((a, b) => b - a);
      for (const m of sizes) {
        const a = Float64Array.from(values);
        expect(selectTopSum(a, a.length, m)).toBe(sorted.slice(0, m).reduce((x, y) => x + y, 0));
        expect([...a.subarray(0, m)].sort((x, y) => y - x)).toEqual(sorted.slice(0, m));
      }
    };
    check(Array.from({ length: 257 }, () => Math.floor(rng.nextDouble() * 5)), Array.from({ length: 16 }, (_, i) => 1 + 17 * i));
    // Long arrays take the pre-filter path (quarter points: many ties).
    check(Array.from({ length: 10_000 }, () => Math.round(rng.nextDouble() * 400) / 4), [1, 100, 1000, 2500, 9000]);
    // Sampled positions hold the only large values, so the threshold is too high: fallback.
    check(Array.from({ length: 4096 }, (_, i) => (i % 32 === 0 ? 1000 + i : i % 7)), [500]);
  });
});
