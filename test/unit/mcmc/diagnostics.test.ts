import { describe, expect, it } from 'vitest';
import { describe as describeQuantity, diagnose, essBasic, normalQuantile, rhatBasic, splitChains } from '../../../engine/mcmc/diagnostics.js';
import { createRng } from '../../../engine/rng/index.js';

function ar1(n: number, phi: number, seed: number, shift = 0): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  let v = rng.nextNormal() / Math.sqrt(1 - phi * phi);
  for (let i = 0; i < n; i++) {
    v = phi * v + rng.nextNormal();
    x[i] = v + shift;
  }
  return x;
}

/** Textbook rank-normalisation (sort + average rank per value), to check the argsort-based one. */
function referenceRankNormalise(chains: Float64Array[]): Float64Array[] {
  const all = chains.flatMap((c) => [...c]).sort((a, b) => a - b);
  const S = all.length;
  const rank = (v: number) => (all.indexOf(v) + 1 + all.lastIndexOf(v) + 1) / 2;
  return chains.map((c) => c.map((v) => normalQuantile((rank(v) - 0.375) / (S + 0.25))));
}

function referenceDiagnose(chains: Float64Array[]): { rhat: number; rhatBulk: number; essBulk: number; essTail: number } {
  const split = splitChains(chains);
  const sorted = split.flatMap((c) => [...c]).sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
  };
  const med = q(0.5);
  const z = referenceRankNormalise(split);
  const folded = referenceRankNormalise(split.map((c) => c.map((v) => Math.abs(v - med))));
  const ind = (p: number) => split.map((c) => c.map((v) => (v <= q(p) ? 1 : 0)));
  return { rhat: Math.max(rhatBasic(z), rhatBasic(folded)), rhatBulk: rhatBasic(z), essBulk: essBasic(z), essTail: Math.min(essBasic(ind(0.05)), essBasic(ind(0.95))) };
}

describe('convergence diagnostics', () => {
  it('one-sort diagnostics equal the textbook computation (ties, odd chain lengths, summaries)', () => {
    const rounded = [1, 2, 3, 4].map((s) => ar1(301, 0.5, s + 20).map((v) => Math.round(v * 4) / 4)); // many ties, odd n
    const smooth = [1, 2, 3, 4].map((s) => ar1(400, 0.2, s + 30, s === 4 ? 0.3 : 0));
    for (const chains of [rounded, smooth]) {
      const ref = referenceDiagnose(chains);
      const got = diagnose(chains);
      expect(got.rhat).toBeCloseTo(ref.rhat, 12);
      expect(got.rhatBulk).toBeCloseTo(ref.rhatBulk, 12);
      expect(got.essBulk).toBeCloseTo(ref.essBulk, 8);
      expect(got.essTail).toBeCloseTo(ref.essTail, 8);
      const d = describeQuantity(chains);
      const all = chains.flatMap((c) => [...c]).sort((a, b) => a - b);
      const mean = all.reduce((a, b) => a + b, 0) / all.length;
      expect(d.mean).toBeCloseTo(mean, 12);
      expect(d.sd).toBeCloseTo(Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / (all.length - 1)), 12);
      expect(d.q50).toBeCloseTo((all[all.length / 2 - 1] + all[all.length / 2]) / 2, 12);
      expect(d.q5).toBeGreaterThanOrEqual(all[Math.floor(0.05 * (all.length - 1))]);
      expect(d.q95).toBeLessThanOrEqual(all[Math.ceil(0.95 * (all.length - 1))]);
      expect(d.rhat).toBeCloseTo(ref.rhat, 12);
      expect(d.essBulk).toBeCloseTo(ref.essBulk, 8);
    }
  });

  it('normal quantile matches known values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 7);
  });

  it('ESS of independent draws is about the number of draws', () => {
    const chains = [1, 2, 3, 4].map((s) => ar1(1000, 0, s));
    const d = diagnose(chains);
    expect(d.essBulk).toBeGreaterThan(3200);
    expect(d.essBulk).toBeLessThan(4800);
    expect(d.essTail).toBeGreaterThan(2500);
    expect(d.rhat).toBeLessThan(1.01);
  });

  it('ESS of an AR(1) chain matches n (1 - phi) / (1 + phi)', () => {
    const phi = 0.8;
    const chains = [1, 2, 3, 4].map((s) => ar1(5000, phi, s + 10));
    const expected = (4 * 5000 * (1 - phi)) / (1 + phi);
    const ess = essBasic(splitChains(chains));
    expect(ess / expected).toBeGreaterThan(0.8);
    expect(ess / expected).toBeLessThan(1.25);
  });

  it('R-hat flags chains stuck in different places, and spread differences (folded R-hat)', () => {
    const shifted = [ar1(500, 0.3, 1), ar1(500, 0.3, 2), ar1(500, 0.3, 3), ar1(500, 0.3, 4, 2)];
    expect(diagnose(shifted).rhat).toBeGreaterThan(1.1);
    const wide = [1, 2, 3].map((s) => ar1(500, 0, s)).concat([ar1(500, 0, 9).map((v) => 4 * v)]);
    expect(rhatBasic(splitChains(wide))).toBeLessThan(1.05); // same means: classic R-hat misses it
    expect(diagnose(wide).rhat).toBeGreaterThan(1.05); // folded R-hat catches it
    expect(diagnose(wide).rhatBulk).toBeLessThan(1.05); // and the bulk part alone says: not a location problem
    expect(diagnose(shifted).rhatBulk).toBeGreaterThan(1.1);
  });

  it('a constant quantity has R-hat 1 and no ESS rather than NaN R-hat', () => {
    const d = diagnose([new Float64Array(100).fill(2), new Float64Array(100).fill(2)]);
    expect(d.rhat).toBe(1);
    expect(Number.isNaN(d.essBulk)).toBe(true);
  });
});
