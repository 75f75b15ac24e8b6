// Public surface of engine/rng: add exports with intention.
export type { RandomGenerator } from './xoshiro128.js';
export { createRng, rngFromState, substreams, nextInt } from './xoshiro128.js';
export { UniformStream, fillUniform } from './fill.js';
