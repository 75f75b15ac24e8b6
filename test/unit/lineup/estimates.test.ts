import { describe, expect, it } from 'vitest';
import { multiCvar, probAtLeast, meanOf } from '../../../engine/lineup/estimates.js';
import { splitScenarios } from '../../../engine/lineup/holdout.js';
import { kthLargest } from '../../../engine/lineup/tail.js';
import { createRng } from '../../../engine/rng/index.js';
import { syntheticPoints, syntheticSlate } from './fixtures.js';

describe('honest numbers: estimates and standard errors', () => {
  it('CVaR SE from the influence function matches the spread of independent replications', () => {
    const rng = createRng(3);
    const S = 4000;
    const draw = (): Float64Array => Float64Array.from({ length: S }, () => Math.exp(0.5 * rng.nextNormal()) * 100);
    const reps = Array.from({ length: 60 }, () => multiCvar(draw(), [{ alpha: 0.05, weight: 1 }]));
    const values = reps.map((r) => r.value);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    const meanSe = reps.reduce((a, r) => a + r.se, 0) / reps.length;
    expect(meanSe / sd).toBeGreaterThan(0.75);
    expect(meanSe / sd).toBeLessThan(1.33);
    // Mean and probability estimates carry the textbook SEs.
    const x = draw();
    const m = meanOf(x);
    const p = probAtLeast(x, 120);
    expect(p.se).toBeCloseTo(Math.sqrt((p.value * (1 - p.value)) / (S - 1)), 10);
    expect(m.se).toBeGreaterThan(0);
  });

  it('quickselect finds the K-th largest like a sort does', () => {
    const rng = createRng(5);
    for (let t = 0; t < 50; t++) {
      const m = 1 + Math.floor(rng.nextDouble() * 300);
      const v = Float64Array.from({ length: m }, () => Math.round(rng.nextDouble() * 20)); // many ties
      const K = 1 + Math.floor(rng.nextDouble() * m);
      const sorted = [...v].sort((a, b) => b - a);
      expect(kthLargest(v, m, K, new Float64Array(m))).toBe(sorted[K - 1]);
    }
  });

  it('splits one scenario set into disjoint seeded halves', () => {
    const ss = syntheticSlate(10, 1);
    const points = syntheticPoints(ss, 101, 2);
    const input = { slate: ss.slate, selection: { points } };
    const a = splitScenarios(input, 7, 0.5, 10);
    const b = splitScenarios(input, 7, 0.5, 10);
    const c = splitScenarios(input, 8, 0.5, 10);
    expect(a.sel.scenarios + a.evl.scenarios).toBe(101);
    expect(a.evl.points).toEqual(b.evl.points);
    expect(c.evl.points).not.toEqual(a.evl.points);
    // Every original row lands in exactly one half.
    const key = (p: Float32Array, s: number) => Array.from(p.subarray(s * 10, s * 10 + 10)).join(',');
    const rows = new Set(Array.from({ length: 101 }, (_, s) => key(points, s)));
    const got = [...Array.from({ length: a.sel.scenarios }, (_, s) => key(a.sel.points, s)), ...Array.from({ length: a.evl.scenarios }, (_, s) => key(a.evl.points, s))];
    expect(new Set(got)).toEqual(rows);
    expect(got).toHaveLength(101);
  });
});
