import { describe, expect, it } from 'vitest';
import { diagnose, essBasic, normalQuantile, rhatBasic, splitChains } from '../../../engine/mcmc/diagnostics.js';
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

describe('convergence diagnostics', () => {
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
  });

  it('a constant quantity has R-hat 1 and no ESS rather than NaN R-hat', () => {
    const d = diagnose([new Float64Array(100).fill(2), new Float64Array(100).fill(2)]);
    expect(d.rhat).toBe(1);
    expect(Number.isNaN(d.essBulk)).toBe(true);
  });
});
