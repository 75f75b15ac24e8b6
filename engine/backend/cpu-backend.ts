/**
 * The CPU reference backend: plain TypeScript over typed arrays, synchronous, single-threaded
 * (parallelism comes from the engine's worker threads, one backend per worker). Every other
 * backend is tested against it. The maths is synchronous; the methods are async only to fit the
 * interface.
 */
import { plackettLuce } from '../model/plackett-luce.js';
import { finishOrdersCpu } from './cpu-finish-orders.js';
import { scoreLineupsCpu } from './cpu-score-lineups.js';
import type { KernelBackend, KernelBackendInfo, PlBatchResult, PlProblem } from './kernel-backend.js';
import { fieldTopRows } from '../contest/field-top-rows.js';
import { checkFieldInputs, checkFinishInputs, checkPlInputs, checkScoreInputs } from './kernel-inputs.js';

export function createCpuBackend(fallbackReasons?: readonly string[]): KernelBackend {
  const info: KernelBackendInfo = { name: 'cpu', device: 'js-typed-arrays', threads: 1, ...(fallbackReasons?.length ? { fallbackReasons } : {}) };
  return {
    info,
    // async so that a bad input rejects the promise (as on every backend) instead of throwing.
    plBatch: async (problem, theta, chains) => {
      checkPlInputs(problem, theta, chains);
      return plBatchCpu(problem, theta, chains);
    },
    sampleFinishOrders: async (eta, uniforms, drawOfScenario, n) => {
      checkFinishInputs(eta, uniforms, drawOfScenario, n);
      return finishOrdersCpu(eta, uniforms, drawOfScenario, n);
    },
    scoreLineups: async (points, S, n, lineups, k, stats) => {
      checkScoreInputs(points, S, n, lineups, k, stats);
      return scoreLineupsCpu(points, S, n, lineups, k, stats);
    },
    fieldTopScores: async (input) => {
      const S = checkFieldInputs(input);
      const top = new Int32Array(S * input.rowLength);
      const tiesAtRowMin = new Uint32Array(S);
      fieldTopRows(input, 0, S, top, tiesAtRowMin);
      return { top, tiesAtRowMin };
    },
    dispose: () => {},
  };
}

/** One engine/model plackettLuce pass per chain: rows gather theta, gradients scatter back. */
export function plBatchCpu(problem: PlProblem, theta: Float64Array, chains: number): PlBatchResult {
  const { nDrivers: D, raceStart, driverOfRow, weight } = problem;
  const rows = driverOfRow.length;
  const eta = new Float64Array(rows);
  const gEta = new Float64Array(rows);
  const work = new Float64Array(rows);
  const logp = new Float64Array(chains);
  const grad = new Float64Array(chains * D);
  for (let c = 0; c < chains; c++) {
    const off = c * D;
    for (let i = 0; i < rows; i++) eta[i] = theta[off + driverOfRow[i]];
    logp[c] = plackettLuce(eta, gEta, work, raceStart, weight);
    for (let i = 0; i < rows; i++) grad[off + driverOfRow[i]] += gEta[i];
  }
  return { logp, grad };
}
