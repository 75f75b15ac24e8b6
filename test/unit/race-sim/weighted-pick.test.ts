import { describe, expect, it } from 'vitest';
import { createRng, UniformStream } from '../../../engine/rng/index.js';
import { fillCumulative, pickInPrefix, pickInPrefixLinear } from '../../../engine/race-sim/lap-allocation.js';
import { createWorkspace } from '../../../engine/race-sim/race-order.js';

describe.each([
  ['guide table', pickInPrefix],
  ['linear scan', pickInPrefixLinear],
] as const)('weighted place pick (%s)', (_name, pick) => {
  // weight(place p) = weight[driver at p] * decay^p, restricted to the eligible prefix p < m.
  function frequencies(weights: number[], decay: number, m: number, N: number): { observed: number[]; expected: number[] } {
    const n = weights.length;
    const ws = createWorkspace(n, 4);
    const order = [3, 0, 7, 1, 5, 2, 6, 4].slice(0, n); // a classification: place -> driver
    order.forEach((driver, p) => (ws.order[p] = driver));
    const rankPow = Float64Array.from({ length: n }, (_, p) => decay ** p);
    fillCumulative(ws, Float64Array.from(weights), 0, rankPow, n, true);
    const rng = UniformStream.from(createRng(11));
    const observed = new Array(n).fill(0);
    for (let k = 0; k < N; k++) observed[pick(ws, m, rng.next())]++;
    const target = order.map((driver, p) => (p < m ? weights[driver] * rankPow[p] : 0));
    const total = target.reduce((a, b) => a + b, 0);
    return { observed: observed.map((c) => c / N), expected: target.map((t) => t / total) };
  }

  it('samples places in proportion to weight * decay^place over the eligible prefix', () => {
    const N = 150_000;
    const { observed, expected } = frequencies([5, 0.2, 1, 2, 0.5, 1.5, 3, 0.05], 0.8, 6, N);
    expected.forEach((p, i) => expect(Math.abs(observed[i] - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-9));
    expect(observed[6] + observed[7]).toBe(0); // places 6 and 7 had dropped out
  });

  it('handles extreme weight ratios and zero-weight places', () => {
    const N = 50_000;
    const { observed, expected } = frequencies([1e-300, 0, 1, 1e12, 0, 0, 0, 0], 1, 8, N);
    // Driver 3 (place 0) has (almost) all the weight; zero-weight places are never picked.
    expect(expected[0]).toBeCloseTo(1, 10);
    expect(observed[0]).toBe(1);
    expect(observed[2] + observed[4] + observed[6]).toBe(0); // drivers 7, 5, 6 weigh 0
  });
});
