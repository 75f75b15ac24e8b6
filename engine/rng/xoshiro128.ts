/**
 * Seeded, jumpable pseudo-random generator (xoshiro128**, Blackman & Vigna 2018).
 *
 * Why this one: 32-bit state words fit JS integer arithmetic exactly (Math.imul), it is
 * fast, passes BigCrush, and has a `jump()` that advances 2^64 steps, so parallel MCMC
 * chains and simulation chunks get non-overlapping substreams from ONE stored seed.
 * Every engine function takes a `RandomGenerator`; nothing in engine/ calls Math.random.
 */

export interface RandomGenerator {
  /** Uniform uint32 in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number;
  /** Standard normal draw (Marsaglia polar method, cached spare). */
  nextNormal(): number;
  /** Independent copy with identical state. */
  clone(): RandomGenerator;
  /** Advance this generator by 2^64 steps (in place) and return it. */
  jump(): RandomGenerator;
  /** Serialisable state: four uint32 words. Restore with `fromState`. */
  getState(): readonly [number, number, number, number];
}

const TWO_POW_32 = 4294967296;
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** SplitMix32 expands one seed into well-mixed state words (never all zero). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * State in an Int32Array (bit patterns; read back with >>> 0), not four number fields: uint32
 * values above 2^30 are not small integers, so as fields V8 would box them, and every draw would
 * allocate (measured ~106 bytes per normal draw — the sampler's momentum refresh then churned the
 * young generation at ~400 MB/s). Same arithmetic, same bits, same sequences.
 */
class Xoshiro128 implements RandomGenerator {
  private readonly s = new Int32Array(4);
  /** [spare normal draw] (NaN = none), kept off the object for the same reason. */
  private readonly spare = new Float64Array([Number.NaN]);

  constructor(state: readonly [number, number, number, number]) {
    for (let i = 0; i < 4; i++) this.s[i] = state[i] | 0;
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1; // all-zero state is a fixed point
  }

  nextUint32(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = rotl(s3, 11);
    return result;
  }

  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  nextNormal(): number {
    const spare = this.spare[0];
    if (!Number.isNaN(spare)) {
      this.spare[0] = Number.NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextDouble() - 1;
      v = 2 * this.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare[0] = v * m;
    return u * m;
  }

  clone(): RandomGenerator {
    const c = new Xoshiro128(this.getState());
    c.spare[0] = this.spare[0];
    return c;
  }

  jump(): RandomGenerator {
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    const s = this.s;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          t0 ^= s[0];
          t1 ^= s[1];
          t2 ^= s[2];
          t3 ^= s[3];
        }
        this.nextUint32();
      }
    }
    s[0] = t0;
    s[1] = t1;
    s[2] = t2;
    s[3] = t3;
    this.spare[0] = Number.NaN;
    return this;
  }

  getState(): readonly [number, number, number, number] {
    return [this.s[0] >>> 0, this.s[1] >>> 0, this.s[2] >>> 0, this.s[3] >>> 0];
  }
}

/** Generator from a 32-bit integer seed (the value stored on the Job node). */
export function createRng(seed: number): RandomGenerator {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const mix = splitmix32(seed);
  return new Xoshiro128([mix(), mix(), mix(), mix()]);
}

/** Generator restored from `getState()` (checkpoints). */
export function rngFromState(state: readonly [number, number, number, number]): RandomGenerator {
  return new Xoshiro128(state);
}

/**
 * `count` independent substreams from one seed: stream i = seed's generator jumped i+1 times.
 * Used for chains (MCMC) and chunks (simulation) so results do not depend on thread count.
 */
export function substreams(seed: number, count: number): RandomGenerator[] {
  const base = createRng(seed);
  const out: RandomGenerator[] = [];
  for (let i = 0; i < count; i++) out.push(base.jump().clone());
  return out;
}

/** Uniform integer in [0, n). Rejection-free multiply-shift is biased by < n/2^32; fine for n << 2^32. */
export function nextInt(rng: RandomGenerator, n: number): number {
  return Math.floor(rng.nextDouble() * n);
}

export { TWO_POW_32 };
