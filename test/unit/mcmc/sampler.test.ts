import { describe, expect, it } from 'vitest';
import { adaptationSchedule } from '../../../engine/mcmc/adaptation.js';
import { diagnose } from '../../../engine/mcmc/diagnostics.js';
import type { ChainOutput } from '../../../engine/mcmc/run-chain.js';
import { DEFAULT_CHAIN_CONFIG } from '../../../engine/mcmc/run-chain.js';
import { runChains } from '../../../engine/mcmc/run-chains.js';
import type { TargetSpec } from '../../../engine/mcmc/target-spec.js';

const hooks = { isCancelled: () => false, progress: () => {} };

async function sample(target: TargetSpec, warmup: number, draws: number, parallel = false, seed = 1) {
  return runChains(target, { chains: 4, seed, config: { ...DEFAULT_CHAIN_CONFIG, warmup, draws }, parallel }, hooks);
}

function column(outputs: ChainOutput[], j: number, P: number): Float64Array[] {
  return outputs.map((o) => Float64Array.from({ length: o.lp.length }, (_, i) => o.outputs[i * P + j]));
}

function pooledMoments(chains: Float64Array[]) {
  const all = chains.flatMap((c) => Array.from(c));
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const variance = all.reduce((a, b) => a + (b - mean) ** 2, 0) / (all.length - 1);
  return { mean, variance };
}

describe('NUTS on targets with known moments', () => {
  it('standard normal (20-d): means 0 and variances 1 within Monte Carlo error, R-hat < 1.01, no divergences', async () => {
    const P = 20;
    const out = await sample({ kind: 'standard-normal', dim: P }, 400, 500);
    expect(out.reduce((n, o) => n + o.divergent.reduce((a, b) => a + b, 0), 0)).toBe(0);
    for (let j = 0; j < P; j++) {
      const chains = column(out, j, P);
      const d = diagnose(chains);
      const { mean, variance } = pooledMoments(chains);
      expect(d.rhat).toBeLessThan(1.01);
      expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(d.essBulk)); // 5 MCSE
      // Var(x^2) = 2 under N(0, 1): 5 MCSE with the ESS of x^2 itself.
      const essSq = diagnose(chains.map((c) => c.map((v) => v * v))).essBulk;
      expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / essSq));
    }
    // A well-adapted standard normal needs short trees and a step near 1 / d^(1/4) scale.
    const depth = out.flatMap((o) => Array.from(o.treeDepth)).reduce((a, b) => a + b, 0) / (4 * 500);
    expect(depth).toBeLessThan(4.5);
    expect(out[0].stepSize).toBeGreaterThan(0.3);
  });

  it("Neal's funnel (scale 1, 4-d): E v = 0, sd v = 1, Var x = e^(1/2)", async () => {
    const P = 4;
    const out = await sample({ kind: 'funnel', dim: P, scale: 1 }, 500, 1500, false, 4);
    const v = column(out, 0, P);
    const mv = pooledMoments(v);
    const dv = diagnose(v);
    expect(dv.rhat).toBeLessThan(1.02);
    expect(Math.abs(mv.mean)).toBeLessThan(5 / Math.sqrt(dv.essBulk));
    expect(Math.sqrt(mv.variance)).toBeGreaterThan(0.85);
    expect(Math.sqrt(mv.variance)).toBeLessThan(1.15);
    const xs = [1, 2, 3].map((j) => pooledMoments(column(out, j, P)).variance);
    const meanVarX = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(meanVarX).toBeGreaterThan(Math.exp(0.5) * 0.75);
    expect(meanVarX).toBeLessThan(Math.exp(0.5) * 1.25);
  });
});

describe('chains are reproducible', () => {
  it('same seed gives identical draws serially and in worker threads; another seed differs', async () => {
    const target: TargetSpec = { kind: 'funnel', dim: 3, scale: 1 };
    const serial = await sample(target, 100, 100, false, 9);
    const parallel = await sample(target, 100, 100, true, 9);
    const other = await sample(target, 100, 100, false, 10);
    for (let c = 0; c < 4; c++) {
      expect(Array.from(parallel[c].outputs)).toEqual(Array.from(serial[c].outputs));
      expect(parallel[c].stepSize).toBe(serial[c].stepSize);
    }
    expect(Array.from(other[0].outputs)).not.toEqual(Array.from(serial[0].outputs));
  }, 60_000);

  it('a cancelled run on the shared worker pool leaves nothing behind for the next run', async () => {
    const target: TargetSpec = { kind: 'funnel', dim: 3, scale: 1 };
    let calls = 0;
    const cancelling = { isCancelled: () => ++calls > 3, progress: () => {} };
    await expect(runChains(target, { chains: 4, seed: 9, config: { ...DEFAULT_CHAIN_CONFIG, warmup: 5000, draws: 5000 }, parallel: true }, cancelling)).rejects.toMatchObject({ type: 'CANCELLED' });
    const serial = await sample(target, 100, 100, false, 9);
    const parallel = await sample(target, 100, 100, true, 9);
    for (let c = 0; c < 4; c++) expect(Array.from(parallel[c].outputs)).toEqual(Array.from(serial[c].outputs));
  }, 60_000);
});

describe('adaptation schedule', () => {
  it("follows Stan's windows and shrinks them for short warmups", () => {
    expect(adaptationSchedule(1000)).toEqual({ slowStart: 75, windowEnds: [99, 149, 249, 449, 949] });
    const short = adaptationSchedule(100);
    expect(short.slowStart).toBe(15);
    expect(short.windowEnds).toEqual([89]);
    expect(adaptationSchedule(10).windowEnds).toEqual([]);
  });
});
