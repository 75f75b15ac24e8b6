import { describe, expect, it } from 'vitest';
import { createRng, rngFromState, substreams } from '../../../engine/rng/index.js';

describe('xoshiro128** generator', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('restores from getState (checkpoints)', () => {
    const a = createRng(7);
    for (let i = 0; i < 100; i++) a.nextUint32();
    const b = rngFromState(a.getState());
    expect(b.nextDouble()).toBe(a.nextDouble());
  });

  it('produces uniform doubles and standard normals with the right moments', () => {
    const rng = createRng(1);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.nextDouble();
      min = Math.min(min, u);
      max = Math.max(max, u);
      su += u;
      const z = rng.nextNormal();
      sn += z;
      sn2 += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 1);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it('gives distinct, reproducible substreams for chains', () => {
    const [s0, s1] = substreams(99, 2);
    const [t0] = substreams(99, 2);
    const x0 = s0!.nextUint32();
    expect(t0!.nextUint32()).toBe(x0);
    expect(s1!.nextUint32()).not.toBe(x0);
  });
});

describe('known answers (the stored seeds of every job must keep reproducing)', () => {
  it('createRng(12345) draws, a jump and the state words are fixed', () => {
    const r = createRng(12345);
    expect(createRng(12345).getState()).toEqual([1200724404, 818072533, 996137225, 2397394836]);
    expect(Array.from({ length: 4 }, () => r.nextUint32())).toEqual([518667457, 440444462, 4232892992, 3757857622]);
    expect(Array.from({ length: 3 }, () => r.nextNormal())).toEqual([0.7705206050384953, -1.2197189647325695, -1.4805401468125439]);
    expect(createRng(7).jump().nextUint32()).toBe(944199840);
  });
});
