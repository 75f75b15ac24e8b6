/**
 * Batch scoring of simulated scenarios (S x n, row-major). The simulator scores each row as
 * it produces it (`scoreRows`, cache-hot); `scoreScenarioSet` re-scores a whole set, e.g.
 * after start positions changed (qualifying) without re-simulating the race.
 */
import { invalidInput } from '../contract/engine-error.js';
import { dkPointsRaw, MAX_POSITION } from './dk-scoring.js';
import { fdPointsRaw } from './fd-scoring.js';

/** The columns scoring reads: a `SimulatedScenarioSet` satisfies it. */
export interface ScorableScenarios {
  readonly drivers: readonly string[];
  readonly scenarios: number;
  readonly finish: Uint8Array;
  readonly lapsLed: Uint16Array;
  readonly fastestLaps: Uint16Array;
  readonly lapsCompleted: Uint16Array;
  readonly startPositions: Int32Array;
}

export interface ScoredPoints {
  readonly dkPoints: Float32Array;
  readonly fdPoints: Float32Array;
}

/**
 * Score rows [fromRow, toRow) in place into dkOut/fdOut. No validation (hot path): callers
 * guarantee positions in 1..255 and counts in range.
 */
export function scoreRows(
  n: number,
  fromRow: number,
  toRow: number,
  start: Int32Array,
  finish: Uint8Array,
  lapsLed: Uint16Array,
  fastestLaps: Uint16Array,
  lapsCompleted: Uint16Array,
  dkOut: Float32Array,
  fdOut: Float32Array,
): void {
  for (let r = fromRow; r < toRow; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const k = o + i;
      dkOut[k] = dkPointsRaw(finish[k], start[i], lapsLed[k], fastestLaps[k]);
      fdOut[k] = fdPointsRaw(finish[k], start[i], lapsLed[k], lapsCompleted[k]);
    }
  }
}

/**
 * DK and FD points for every driver in every scenario.
 * @param startPositions optional override of the set's start positions (length n).
 * @throws EngineError INVALID_INPUT naming the column whose length or values are wrong.
 */
export function scoreScenarioSet(set: ScorableScenarios, startPositions: Int32Array = set.startPositions): ScoredPoints {
  const n = set.drivers.length;
  const cells = set.scenarios * n;
  for (const [name, col] of [
    ['finish', set.finish],
    ['lapsLed', set.lapsLed],
    ['fastestLaps', set.fastestLaps],
    ['lapsCompleted', set.lapsCompleted],
  ] as const) {
    if (col.length !== cells) throw invalidInput(`set.${name}`, `length ${col.length} != scenarios*drivers = ${cells}`);
  }
  if (startPositions.length !== n) throw invalidInput('startPositions', `length ${startPositions.length} != drivers ${n}`);
  for (let i = 0; i < n; i++) {
    const s = startPositions[i];
    if (s < 1 || s > MAX_POSITION) throw invalidInput(`startPositions[${i}]`, `must be in [1, ${MAX_POSITION}]`, { got: s, driver: set.drivers[i] });
  }
  for (let k = 0; k < cells; k++) {
    if (set.finish[k] < 1) throw invalidInput(`set.finish[${k}]`, 'finishing positions start at 1', { got: set.finish[k] });
  }
  const dkPoints = new Float32Array(cells);
  const fdPoints = new Float32Array(cells);
  scoreRows(n, 0, set.scenarios, startPositions, set.finish, set.lapsLed, set.fastestLaps, set.lapsCompleted, dkPoints, fdPoints);
  return { dkPoints, fdPoints };
}
