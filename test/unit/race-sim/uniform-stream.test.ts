import { describe, expect, it } from 'vitest';
import { createRng, fillUniform, UniformStream } from '../../../engine/rng/index.js';
import { nextExp } from '../../../engine/race-sim/ziggurat-exp.js';

describe('UniformStream (engine/rng/fill.ts)', () => {
  it('continues the exact xoshiro128** sequence of the generator it was built from', () => {
    const rng = createRng(2024);
    for (let i = 0; i < 37; i++) rng.nextUint32(); // arbitrary position
    const stream = UniformStream.from(rng);
    let mismatches = 0;
    for (let i = 0; i < 10_000; i++) if (stream.nextUint32() !== rng.nextUint32()) mismatches++;
    expect(mismatches).toBe(0);
    expect(stream.getState()).toEqual(rng.getState());
  });

  it('draws from the open interval (0, 1) and fill() equals repeated next()', () => {
    const a = UniformStream.from(createRng(5));
    const b = UniformStream.from(createRng(5));
    const buf = a.fill(new Float64Array(50_000));
    let sum = 0;
    let bad = 0;
    for (const u of buf) {
      if (!(u > 0 && u < 1) || u !== b.next()) bad++;
      sum += u;
    }
    expect(bad).toBe(0);
    expect(Math.abs(sum / buf.length - 0.5)).toBeLessThan(0.005);
    expect(Array.from(fillUniform(createRng(5), new Float64Array(4)))).toEqual(Array.from(buf.subarray(0, 4)));
  });
});

describe('ziggurat Exp(1)', () => {
  it('matches the exponential distribution (moments and CDF at several points)', () => {
    const rng = UniformStream.from(createRng(77));
    const N = 400_000;
    const xs = new Float64Array(N);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const x = nextExp(rng);
      xs[i] = x;
      s += x;
      s2 += x * x;
    }
    const mean = s / N;
    expect(mean).toBeCloseTo(1, 2);
    expect(s2 / N - mean * mean).toBeCloseTo(1, 1);
    xs.sort();
    // Empirical CDF vs 1 - e^-x, including the tail beyond the base layer (x > 7.69).
    for (const x of [0.05, 0.5, 1, 2, 4, 8]) {
      let lo = 0;
      let hi = N;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xs[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      const expected = 1 - Math.exp(-x);
      const se = Math.sqrt((expected * (1 - expected)) / N);
      expect(Math.abs(lo / N - expected)).toBeLessThan(5 * se + 1e-6);
    }
    expect(xs[N - 1]).toBeGreaterThan(7.69); // the tail path is exercised
  });
});
