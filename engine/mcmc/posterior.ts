/**
 * Turns chain outputs into what is stored: per-quantity summaries with diagnostics, run-level
 * diagnostics, and the thinned draw matrix (Float32, row = draw).
 */
import type { CalibrationDiagnostics, CalibrationPosterior, ChainDiagnostics, ParameterSummary } from '../contract/calibration-types.js';
import { diagnose } from './diagnostics.js';
import type { ChainOutput } from './run-chain.js';

/** How many of the worst quantities are listed in diagnostics.worst. */
export const WORST_LISTED = 10;

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summarise(outputs: readonly ChainOutput[], names: readonly string[]): ParameterSummary[] {
  const P = names.length;
  return names.map((name, j) => {
    const chains = outputs.map((o) => {
      const n = o.lp.length;
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = o.outputs[i * P + j];
      return x;
    });
    const pooled = new Float64Array(chains.reduce((n, c) => n + c.length, 0));
    let k = 0;
    let sum = 0;
    for (const c of chains) {
      for (let i = 0; i < c.length; i++) sum += c[i];
      pooled.set(c, k);
      k += c.length;
    }
    const mean = sum / pooled.length;
    let ss = 0;
    for (let i = 0; i < pooled.length; i++) ss += (pooled[i] - mean) ** 2;
    const sorted = pooled.sort();
    const d = chains.length >= 1 && chains[0].length >= 4 ? diagnose(chains) : { rhat: Number.NaN, essBulk: Number.NaN, essTail: Number.NaN };
    return { name, mean, sd: Math.sqrt(ss / Math.max(1, pooled.length - 1)), q5: quantile(sorted, 0.05), q50: quantile(sorted, 0.5), q95: quantile(sorted, 0.95), ...d };
  });
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
  return { chain: o.chain, stepSize: o.stepSize, meanTreeDepth: depth / n, maxTreeDepth: maxDepth, treeDepthSaturated: saturated, divergences: div, acceptanceRate: acc / n, meanLeapfrogs: lf / n, wallMs: o.wallMs };
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
