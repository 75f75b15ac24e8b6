/**
 * Uniforms for `sampleFinishOrders`, drawn once on the CPU from the seeded generator and handed
 * to every backend, so all backends see the same bytes for the same seed.
 *
 * Why 23 bits and not UniformStream.next(): the kernels take Float32Array, and a 32-bit uniform
 * (k + 0.5) / 2^32 rounds to exactly 1.0 in float32 once k > 2^32 - 2^8, giving
 * log(-log 1) = log 0 = -inf and infinite (tied) keys. (k + 0.5) / 2^23 with k < 2^23 is
 * exactly representable in float32 and lies in [2^-24, 1 - 2^-24], so -log(-log u) is finite
 * (between -2.8 and 16.6). 23 bits is ample resolution for Gumbel keys.
 */
import type { RandomGenerator } from '../rng/index.js';
import { UniformStream } from '../rng/index.js';

const INV_2_POW_23 = 1 / 8388608;

/** `count` uniforms in the open interval (0, 1), exact in float32; `rng` is not advanced. */
export function gumbelUniforms(rng: RandomGenerator, count: number): Float32Array {
  const stream = UniformStream.from(rng);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = ((stream.nextUint32() >>> 9) + 0.5) * INV_2_POW_23;
  return out;
}
