/**
 * Turns chain outputs into what is stored: per-quantity summaries with diagnostics, run-level
 * diagnostics, and the thinned draw matrix (Float32, row = draw).
 */
import type { CalibrationDiagnostics, CalibrationPosterior, ChainDiagnostics, ParameterSummary } from '../contract/calibration-types.js';
import { describe } from './diagnostics.js';
import type { ChainOutput } from './run-chain.js';

/** How many of the worst quantities are listed in diagnostics.worst. */
export const WORST_LISTED = 10;

/**
 * Chain outputs (draws x P, row-major) transposed once to quantity-major: out[j][c] is a view
 * of chain c's draws of quantity j (no per-quantity copies). Blocked by draws, so the strided
 * reads stay within a few cache lines per block.
 */
function byQuantity(outputs: readonly ChainOutput[], P: number): Float64Array[][] {
  const BLOCK = 16;
  const perChain = outputs.map((o) => {
    const n = o.lp.length;
    const t = new Float64Array(n * P);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const i1 = Math.min(n, i0 + BLOCK);
      for (let j = 0; j < P; j++) for (let i = i0; i < i1; i++) t[j * n + i] = o.outputs[i * P + j];
    }
    return { t, n };
  });
  return Array.from({ length: P }, (_, j) => perChain.map(({ t, n }) => t.subarray(j * n, (j + 1) * n)));
}

export function summarise(outputs: readonly ChainOutput[], names: readonly string[]): ParameterSummary[] {
  const columns = byQuantity(outputs, names.length);
  return names.map((name, j) => ({ name, ...describe(columns[j]) }));
}

export function chainDiagnostics(o: ChainOutput, maxTreeDepth: number): ChainDiagnostics {
  const n = o.lp.length;
  let depth = 0;
  let maxDepth = 0;
  let saturated = 0;
  let div = 0;
  let acc = 0;
  let lf = 0;
  for (let i = 0; i < n; i++) {
    depth += o.treeDepth[i];
    maxDepth = Math.max(maxDepth, o.treeDepth[i]);
    if (o.treeDepth[i] >= maxTreeDepth) saturated++;
    div += o.divergent[i];
    acc += o.acceptStat[i];
    lf += o.leapfrogs[i];
  }
  return { chain: o.chain, stepSize: o.stepSize, meanTreeDepth: depth / n, maxTreeDepth: maxDepth, treeDepthSaturated: saturated, divergences: div, acceptanceRate: acc / n, meanLeapfrogs: lf / n, warmupLeapfrogs: o.warmupLeapfrogs, wallMs: o.wallMs };
}

/** NaN-safe extremum: a NaN diagnostic (constant quantity) is skipped, not propagated. */
function extreme(values: number[], pick: (a: number, b: number) => number, empty: number): number {
  const ok = values.filter((v) => !Number.isNaN(v));
  return ok.length ? ok.reduce((a, b) => pick(a, b)) : empty;
}

export function runDiagnostics(outputs: readonly ChainOutput[], summaries: readonly ParameterSummary[], maxTreeDepth: number, samplingWallMs: number, wallMs: number): CalibrationDiagnostics {
  const chains = outputs.map((o) => chainDiagnostics(o, maxTreeDepth));
  const m = (f: (c: ChainDiagnostics) => number) => chains.reduce((s, c) => s + f(c), 0) / chains.length;
  const acceptanceRate = m((c) => c.acceptanceRate);
  const badness = (s: ParameterSummary) => Math.max((s.rhat - 1) * 100, 400 / Math.max(1, Math.min(s.essBulk || Infinity, s.essTail || Infinity)));
  return {
    rhatMax: extreme(summaries.map((s) => s.rhat), Math.max, 1),
    rhatBulkMax: extreme(summaries.map((s) => s.rhatBulk ?? Number.NaN), Math.max, 1),
    essBulkMin: extreme(summaries.map((s) => s.essBulk), Math.min, Number.NaN),
    essTailMin: extreme(summaries.map((s) => s.essTail), Math.min, Number.NaN),
    divergences: chains.reduce((s, c) => s + c.divergences, 0),
    acceptanceRate,
    rejectionRate: 1 - acceptanceRate,
    meanStepSize: m((c) => c.stepSize),
    meanTreeDepth: m((c) => c.meanTreeDepth),
    treeDepthSaturated: chains.reduce((s, c) => s + c.treeDepthSaturated, 0),
    chains,
    wallMs,
    samplingWallMs,
    worst: [...summaries].sort((a, b) => badness(b) - badness(a)).slice(0, WORST_LISTED),
  };
}

/** Evenly thinned draws, chain by chain, as Float32 (precision far below Monte Carlo error). */
export function storedDraws(outputs: readonly ChainOutput[], names: readonly string[], maxStored: number): CalibrationPosterior {
  const P = names.length;
  const total = outputs.reduce((n, o) => n + o.lp.length, 0);
  const step = Math.max(1, Math.ceil(total / maxStored));
  const rows: number[][] = [];
  outputs.forEach((o) => {
    for (let i = step - 1; i < o.lp.length; i += step) rows.push([o.chain, i]);
  });
  const draws = new Float32Array(rows.length * P);
  rows.forEach(([c, i], r) => {
    const o = outputs.find((x) => x.chain === c)!;
    for (let j = 0; j < P; j++) draws[r * P + j] = o.outputs[i * P + j];
  });
  return { names, drawCount: rows.length, draws, chainOfDraw: rows.map(([c]) => c) };
}
