/**
 * The entry loop of the field sampler: a Pólya urn over lineups (duplicates) whose fresh draws
 * come from the calibrated cap-constrained sampler, with ownership feedback.
 *
 * Feedback: the pilot calibration (calibrate-weights.ts) fits the pilot's own noise, and that
 * error (~sqrt(p(1-p)/pilotSize) per driver) would carry into the field as a bias. So every
 * `feedbackInterval` entries the weights get a damped multiplicative correction from the running
 * field frequencies (integral control, w_i *= (target_i / realised_i)^gain). Ownership
 * projections are statements about the realised field, so tracking them is the point; each
 * fresh lineup is still a draw from the constrained sampler.
 */
import { EngineError } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import type { RandomGenerator } from '../rng/index.js';
import type { ConstrainedLineupSampler } from './lineup-sampler.js';
import { LineupIndex } from './lineup-index.js';
import { drawLineup } from './salary-floor.js';

export interface EntryLoopInput {
  readonly sampler: ConstrainedLineupSampler;
  readonly salaries: Float64Array;
  readonly targets: Float64Array;
  readonly weights: Float64Array;
  readonly rosterSize: number;
  readonly cap: number;
  readonly fieldSize: number;
  /** θ of the urn (copy probability of entry e is e / (e + θ)). */
  readonly theta: number;
  readonly floorOf: (u: number) => number;
  readonly feedbackInterval: number;
  readonly feedbackGain: number;
  readonly rng: RandomGenerator;
  readonly ctx?: EngineRunContext;
  readonly onProgress?: (entries: number) => void;
}

export interface EntryLoopResult {
  readonly lineups: Uint16Array;
  readonly counts: Uint32Array;
  readonly copied: number;
  readonly salarySum: number;
  readonly above95: number;
}

const PROGRESS_EVERY = 10_000; // entries

export function drawEntries(input: EntryLoopInput): EntryLoopResult {
  const { sampler, salaries, targets, rosterSize: R, cap, fieldSize, theta, rng, ctx } = input;
  const n = salaries.length;
  const weights = Float64Array.from(input.weights);
  const included = new Float64Array(n);
  const dedupe = new LineupIndex(R, n);
  const entryLineup = new Int32Array(fieldSize);
  const distinctSalary: number[] = [];
  const lineup = new Int32Array(R);
  const words = new Uint32Array(R);
  let copied = 0;
  let salarySum = 0;
  let above95 = 0;
  for (let e = 0; e < fieldSize; e++) {
    if (e % PROGRESS_EVERY === 0) {
      if (ctx?.isCancelled()) throw new EngineError('CANCELLED', 'field sampling cancelled');
      input.onProgress?.(e);
    }
    if (e > 0 && e % input.feedbackInterval === 0) correct(weights, targets, included, e, input.feedbackGain);
    let id: number;
    if (e > 0 && rng.nextDouble() * (e + theta) < e) {
      id = entryLineup[Math.floor(rng.nextDouble() * e)];
      dedupe.addCopy(id);
      copied++;
    } else {
      const floor = input.floorOf(rng.nextDouble());
      for (let r = 0; r < R; r++) words[r] = rng.nextUint32();
      const salary = drawLineup(sampler, weights, floor, cap, words, 0, lineup);
      id = dedupe.add(lineup);
      distinctSalary[id] = salary;
    }
    entryLineup[e] = id;
    const lineups = dedupe.lineupsView();
    for (let r = 0; r < R; r++) included[lineups[id * R + r]]++;
    salarySum += distinctSalary[id];
    if (distinctSalary[id] >= 0.95 * cap) above95++;
  }
  const { lineups, counts } = dedupe.result();
  return { lineups, counts, copied, salarySum, above95 };
}

/** Damped multiplicative correction towards the targets from the running inclusion counts. */
function correct(weights: Float64Array, targets: Float64Array, included: Float64Array, entries: number, gain: number): void {
  const floor = 0.5 / entries;
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    if (targets[i] > 0) weights[i] *= Math.pow(targets[i] / Math.max(included[i] / entries, floor), gain);
    s += weights[i];
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= s;
}
