/**
 * Kernel backends side by side (issue 12): the CPU reference, tfjs on its JS kernels, tfjs on
 * wasm SIMD, and tfjs on libtensorflow + CUDA where that loads. Same seeded inputs for all
 * (test/unit/backend-fixtures.ts). Throughput per kernel, with the ratio to the CPU reference in
 * the setup column:
 *   plBatch              64 chains x 40 drivers x 30 races: gradient evaluations/s (chains x calls/s)
 *   sampleFinishOrders   40 drivers: scenarios/s
 *   scoreLineups         "exhaustive lineup scoring": 6-driver lineups x scenarios with mean,
 *                        P(score >= target) and CVaR at 1% and 10%: lineup-scenario terms/s.
 *                        Full size is 20,000 lineups x 10,000 scenarios; a backend that would
 *                        take more than a few seconds at full size runs fewer lineups (sizes in
 *                        the setup column; the rate is per term, so it compares).
 *   fieldTopScores       contest pricing: 4,850 field entries x 10,000 scenarios, best 1,100
 *                        scores per scenario (+ ties at the cut): entry-scenario terms/s.
 * The tfjs-gpu scoreLineups row carries the issue's target: >= 20x the CPU reference.
 *
 *   npm run bench -- --only=backend            (add --quick for a smoke run)
 *
 * On a GPU host (Linux x64, NVIDIA driver; libtensorflow 2.9.1 wants CUDA 11.2 / cuDNN 8.1):
 *   npm install @tensorflow/tfjs-node-gpu       (its install script downloads libtensorflow; needs internet)
 *   node -e "require('@tensorflow/tfjs-node-gpu')"   (must load without error)
 *   npm run bench -- --only=backend             (tfjs-gpu rows appear when it reports a CUDA device)
 */
import { loadavg } from 'node:os';
import type { KernelBackend, KernelBackendChoice } from '../engine/backend/index.js';
import { createKernelBackend } from '../engine/backend/index.js';
import { finishInputs, plProblem, randomLineups, scenarioPoints, thetaBatch } from '../test/unit/backend-fixtures.js';
import type { BenchRow, BenchSuite } from './types.js';

const CHOICES: KernelBackendChoice[] = ['cpu', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-gpu'];
const GPU_TARGET_RATIO = 20;

/** Calls `fn` once to warm up, then until `minSeconds` have passed; returns units per second. */
async function rate(fn: () => Promise<unknown>, unitsPerCall: number, minSeconds: number): Promise<number> {
  await fn();
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    await fn();
    calls++;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < minSeconds);
  return (calls * unitsPerCall) / elapsed;
}

export const run: BenchSuite = async ({ quick }) => {
  const rows: BenchRow[] = [];
  const minSeconds = quick ? 0.3 : 1;
  const load = (): string => `load avg ${loadavg()[0].toFixed(1)}`;

  const backends: { choice: KernelBackendChoice; backend: KernelBackend }[] = [];
  for (const choice of CHOICES) {
    try {
      backends.push({ choice, backend: await createKernelBackend(choice) });
    } catch (err) {
      rows.push({ suite: 'backend', case: `${choice}: not available on this host`, metric: 'available', value: 0, unit: '', setup: (err as Error).message.slice(0, 200) });
    }
  }
  const label = (b: KernelBackend, choice: string): string => `${choice} (${b.info.device}${b.info.threads ? `, ${b.info.threads} thread` : ''})`;

  // --- plBatch
  const D = 40;
  const chains = 64;
  const problem = plProblem(1, D, 30);
  const theta = thetaBatch(2, chains, D);
  let cpuRate = 0;
  for (const { choice, backend } of backends) {
    const r = await rate(() => backend.plBatch(problem, theta, chains), chains, minSeconds);
    if (choice === 'cpu') cpuRate = r;
    rows.push({ suite: 'backend', case: `plBatch ${chains} chains x ${D} drivers x 30 races — ${label(backend, choice)}`, metric: 'gradient evals/s', value: r, unit: '/s', setup: `${(r / cpuRate).toFixed(2)}x cpu; ${((chains / r) * 1e3).toPrecision(3)} ms per batched call; ${load()}` });
  }

  // --- sampleFinishOrders
  const S = quick ? 20_000 : 100_000;
  const fin = finishInputs(3, S, D, 1000);
  for (const { choice, backend } of backends) {
    const r = await rate(() => backend.sampleFinishOrders(fin.eta, fin.uniforms, fin.drawOfScenario, D), S, minSeconds);
    if (choice === 'cpu') cpuRate = r;
    rows.push({ suite: 'backend', case: `sampleFinishOrders ${S} scenarios x ${D} drivers — ${label(backend, choice)}`, metric: 'scenarios/s', value: r, unit: '/s', setup: `${(r / cpuRate).toFixed(2)}x cpu; ${load()}` });
  }

  // --- scoreLineups (exhaustive lineup scoring)
  const scen = quick ? 2_000 : 10_000;
  const lineupsFull = quick ? 2_000 : 20_000;
  const budgetSeconds = quick ? 1 : 6;
  const k = 6;
  const points = scenarioPoints(4, scen, D);
  const allLineups = randomLineups(5, lineupsFull, D, k);
  const stats = { target: 150, alphas: [0.01, 0.1] };
  for (const { choice, backend } of backends) {
    // Calibrate on a slice, then size the timed run to the budget (never above full size).
    const L0 = Math.min(lineupsFull, 500);
    await backend.scoreLineups(points, scen, D, allLineups.subarray(0, L0 * k), k, stats);
    const t0 = performance.now();
    await backend.scoreLineups(points, scen, D, allLineups.subarray(0, L0 * k), k, stats);
    const probe = (L0 * scen) / ((performance.now() - t0) / 1000);
    const L = Math.max(L0, Math.min(lineupsFull, Math.floor((probe * budgetSeconds) / scen)));
    const t1 = performance.now();
    await backend.scoreLineups(points, scen, D, allLineups.subarray(0, L * k), k, stats);
    const wall = (performance.now() - t1) / 1000;
    const r = (L * scen) / wall;
    if (choice === 'cpu') cpuRate = r;
    const ratio = r / cpuRate;
    const isGpu = backend.info.device === 'tfjs-node-gpu';
    rows.push({
      suite: 'backend',
      case: `scoreLineups (exhaustive) ${k}-driver lineups x ${scen} scenarios, mean + P(>=target) + CVaR 1%/10% — ${label(backend, choice)}`,
      metric: 'lineup-scenario terms/s',
      value: r,
      unit: '/s',
      ...(isGpu ? { target: `>= ${GPU_TARGET_RATIO}x cpu`, pass: ratio >= GPU_TARGET_RATIO } : {}),
      setup: `${ratio.toFixed(2)}x cpu; ran ${L} lineups in ${wall.toFixed(2)} s; ${load()}`,
    });
  }

  // --- fieldTopScores (contest pricing: field entries x scenarios, best K per scenario)
  const fScen = quick ? 1_000 : 10_000;
  const nSlate = 38;
  const F = 4_850;
  const K = 1_100;
  const field = randomLineups(6, F, nSlate, k);
  const milli = Int32Array.from(scenarioPoints(7, fScen, nSlate), (v) => Math.round(v * 4) * 250); // quarter points, as sites score
  const fieldInput = { milli, players: nSlate, lineups: field, rosterSize: k, counts: new Uint32Array(F).fill(1), rowLength: K };
  for (const { choice, backend } of backends) {
    // Probe on 200 scenarios, then time as many as fit the budget (never above full size).
    const slice = (n: number) => ({ ...fieldInput, milli: milli.subarray(0, n * nSlate) });
    const tp = performance.now();
    await backend.fieldTopScores(slice(200));
    const probe = 200 / ((performance.now() - tp) / 1000);
    const Sx = Math.max(200, Math.min(fScen, Math.floor(probe * budgetSeconds)));
    const t0 = performance.now();
    await backend.fieldTopScores(slice(Sx));
    const wall = (performance.now() - t0) / 1000;
    const r = (F * Sx) / wall;
    if (choice === 'cpu') cpuRate = r;
    rows.push({ suite: 'backend', case: `fieldTopScores ${F} entries x ${fScen} scenarios, best ${K} per scenario — ${label(backend, choice)}`, metric: 'entry-scenario terms/s', value: r, unit: '/s', setup: `${(r / cpuRate).toFixed(2)}x cpu; ran ${Sx} scenarios in ${wall.toFixed(2)} s; ${load()}` });
  }

  for (const { backend } of backends) backend.dispose();
  return rows;
};
