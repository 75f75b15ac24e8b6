import { describe, expect, it } from 'vitest';
import { argsortInto } from '../../../engine/mcmc/argsort.js';
import { createRng } from '../../../engine/rng/index.js';

/** The values in the order argsortInto gives, next to the native typed-array sort. */
function check(values: Float64Array): void {
  const order = new Int32Array(values.length);
  argsortInto(values, order);
  expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: values.length }, (_, i) => i)); // a permutation
  const viaOrder = Float64Array.from(order, (i) => values[i]);
  expect([...viaOrder]).toEqual([...values.slice().sort()]);
}

describe('argsortInto (radix argsort of float64)', () => {
  const rng = createRng(42);

  it('orders random values of both signs and many magnitudes like the native sort', () => {
    for (const n of [0, 1, 2, 7, 1000, 4000]) check(Float64Array.from({ length: n }, () => (rng.nextDouble() - 0.5) * 10 ** (rng.nextDouble() * 12 - 6)));
  });

  it('keeps ties, signed zeros and infinities in numeric order', () => {
    check(Float64Array.from([3, -0, 0, -1, 3, Infinity, -Infinity, 0, -0, 3, -1e-300, 1e-300]));
    check(new Float64Array(500).fill(2.5));
  });

  it('separates values equal in their high 32 bits (long runs too)', () => {
    // 1 + k * 2^-40: identical high words, distinct low words, in scrambled order.
    const close = Float64Array.from({ length: 300 }, (_, i) => 1 + ((i * 7919) % 300) * 2 ** -40);
    check(close);
    check(Float64Array.from({ length: 12 }, (_, i) => -(1 + ((i * 5) % 12) * 2 ** -40)));
  });

  it('reuses its scratch across calls of different lengths', () => {
    check(Float64Array.from({ length: 2000 }, () => rng.nextNormal()));
    check(Float64Array.from({ length: 10 }, () => rng.nextNormal()));
  });
});
