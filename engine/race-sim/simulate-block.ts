/**
 * The hot loop: simulate `count` consecutive scenarios (global rows first .. first+count-1)
 * from one uniform stream into preallocated output columns at rows rowOffset.. . Scenario g
 * uses posterior draw g mod D — a deterministic, stratified cycle through the posterior, so
 * every draw is used equally often and the mapping does not depend on how rows are chunked.
 */
import type { UniformStream } from '../rng/index.js';
import { dkPointsRaw, fdPointsRaw } from '../scoring/index.js';
import { allocateFastestLaps, allocateLapsLed } from './lap-allocation.js';
import type { PreparedModel } from './prepare-model.js';
import { sampleRaceOrder, type Workspace } from './race-order.js';

/** Output columns of a run (S x n row-major, greenLaps length S). */
export interface ScenarioColumns {
  readonly finish: Uint8Array;
  readonly lapsLed: Uint16Array;
  readonly fastestLaps: Uint16Array;
  readonly lapsCompleted: Uint16Array;
  readonly dnf: Uint8Array;
  readonly dkPoints: Float32Array;
  readonly fdPoints: Float32Array;
  readonly greenLaps: Uint16Array;
}

export function allocateColumns(rows: number, n: number): ScenarioColumns {
  const cells = rows * n;
  return {
    finish: new Uint8Array(cells),
    lapsLed: new Uint16Array(cells),
    fastestLaps: new Uint16Array(cells),
    lapsCompleted: new Uint16Array(cells),
    dnf: new Uint8Array(cells),
    dkPoints: new Float32Array(cells),
    fdPoints: new Float32Array(cells),
    greenLaps: new Uint16Array(rows),
  };
}

export function simulateBlock(pm: PreparedModel, first: number, count: number, rng: UniformStream, ws: Workspace, out: ScenarioColumns, rowOffset: number): void {
  const { n, draws, start } = pm;
  const { finish, dnf, lapsCompleted, lapsLed, fastestLaps, dkPoints, fdPoints } = out;
  for (let j = 0; j < count; j++) {
    const d = (first + j) % draws;
    const row = rowOffset + j;
    const o = row * n;
    const runners = sampleRaceOrder(pm, d, rng, ws);
    allocateLapsLed(pm, d, rng, ws, out.lapsLed, o);
    out.greenLaps[row] = allocateFastestLaps(pm, d, rng, ws, out.fastestLaps, o);
    // One pass over the classification writes the row and scores it while it is cache-hot,
    // with the same pure functions as scoreScenarioSet (so re-scoring reproduces it exactly).
    for (let p = 0; p < n; p++) {
      const i = ws.order[p];
      const k = o + i;
      const lc = ws.lapsCompleted[p];
      finish[k] = p + 1;
      dnf[k] = p < runners ? 0 : 1;
      lapsCompleted[k] = lc;
      dkPoints[k] = dkPointsRaw(p + 1, start[i], lapsLed[k], fastestLaps[k]);
      fdPoints[k] = fdPointsRaw(p + 1, start[i], lapsLed[k], lc);
    }
  }
}
