import { describe, expect, it } from 'vitest';
import { allocateOwnership, cappedSoftmax } from '../../../engine/ownership/index.js';
import { createRng } from '../../../engine/rng/index.js';

describe('capped softmax and salary tilt', () => {
  it('caps at 1 and still sums to the total (water-filling)', () => {
    const u = Float64Array.from([8, 7.5, 0, 0, 0, 0, -1, -2]);
    const out = new Float64Array(u.length);
    cappedSoftmax(u, new Uint8Array(u.length).fill(1), 3, out, []);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 12);
    expect(out[0]).toBe(1);
    expect(out[1]).toBe(1);
    expect(Math.max(...out.slice(2))).toBeLessThan(1);
    // Uncapped drivers keep softmax proportions.
    expect(out[2] / out[6]).toBeCloseTo(Math.exp(1), 10);
  });

  it('tilts towards cheaper drivers until the ownership-weighted salary hits the target', () => {
    const rng = createRng(4);
    const n = 30;
    const utility = Float64Array.from({ length: n }, () => rng.nextNormal());
    const salaries = Float64Array.from({ length: n }, (_, i) => 4500 + 250 * i);
    const fixed = new Float64Array(n).fill(Number.NaN);
    for (const usage of [0.9, 0.97, 1]) {
      const own = allocateOwnership({ utility, salaries, fixed, rosterSize: 6, targetSalary: usage * 50_000, slotSalary: 50_000 / 6 });
      expect(own.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 10);
      const spent = own.reduce((a, o, i) => a + o * salaries[i], 0);
      expect(spent / 50_000).toBeCloseTo(usage, 6);
    }
  });

  it('leaves fixed drivers untouched and fits the rest around them', () => {
    const n = 10;
    const utility = new Float64Array(n);
    const salaries = Float64Array.from({ length: n }, (_, i) => 6000 + 300 * i);
    const fixed = new Float64Array(n).fill(Number.NaN);
    fixed[9] = 0.9;
    const own = allocateOwnership({ utility, salaries, fixed, rosterSize: 3, targetSalary: 3 * 7400, slotSalary: 7000 });
    expect(own[9]).toBe(0.9);
    expect(own.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
    expect(own.reduce((a, o, i) => a + o * salaries[i], 0)).toBeCloseTo(3 * 7400, 4);
  });
});
