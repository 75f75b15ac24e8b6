/**
 * Fast uniform streams for hot simulation loops.
 *
 * Why a second class: `RandomGenerator` is an interface, so each `nextDouble()` is a
 * polymorphic call that spends two `nextUint32()` (53-bit doubles) and keeps its state in
 * unsigned form (`>>> 0` on every word). A race scenario needs ~150 uniforms, and at
 * 100k scenarios/s that overhead dominates. `UniformStream` continues the SAME xoshiro128**
 * sequence from a generator's state (bit-identical uint32 outputs, tested), keeps the state
 * as int32 words V8 can hold in registers, and spends one uint32 per uniform: 32 bits of
 * resolution is plenty for Monte-Carlo simulation (not for MCMC accept steps — use
 * `nextDouble` there).
 */
import type { RandomGenerator } from './xoshiro128.js';

/** 2^-32: maps a uint32 to [0, 1). */
const INV_2_POW_32 = 1 / 4294967296;

export class UniformStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: readonly [number, number, number, number]) {
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // same guard as Xoshiro128
  }

  /** A stream that continues `rng`'s sequence; `rng` itself is not advanced. */
  static from(rng: RandomGenerator): UniformStream {
    return new UniformStream(rng.getState());
  }

  /** Uniform uint32 in [0, 2^32), identical to `RandomGenerator.nextUint32` from the same state. */
  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /**
   * Uniform in the OPEN interval (0, 1): (k + 0.5) / 2^32. Never 0 or 1, so `Math.log(u)` and
   * `u < p` tests need no guards.
   */
  next(): number {
    return (this.nextUint32() + 0.5) * INV_2_POW_32;
  }

  /** Fill `out[start..end)` with open-interval uniforms (bulk form of `next`). */
  fill(out: Float64Array, start = 0, end = out.length): Float64Array {
    for (let i = start; i < end; i++) out[i] = (this.nextUint32() + 0.5) * INV_2_POW_32;
    return out;
  }

  /** State as four uint32 words (restore with `new UniformStream(state)` or `rngFromState`). */
  getState(): readonly [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

/** Fill `out` with open-interval uniforms drawn from a stream continuing `rng`; `rng` is not advanced. */
export function fillUniform(rng: RandomGenerator, out: Float64Array): Float64Array {
  return UniformStream.from(rng).fill(out);
}
