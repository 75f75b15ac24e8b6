/**
 * Shape checks shared by every backend, so a bad call fails the same way (INVALID_INPUT naming
 * the argument) whichever backend runs it, before any tensor is allocated. O(size of the
 * index arrays), negligible next to the kernels.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { FieldRowsInput, PlProblem, ScoreStats } from './kernel-backend.js';

/** Positions are returned as Uint8Array, so a race has at most 255 drivers. */
export const MAX_FIELD_SIZE = 255;

export function checkPlInputs(problem: PlProblem, theta: Float64Array, chains: number): void {
  const { nDrivers, raceStart, driverOfRow, weight } = problem;
  if (!Number.isInteger(nDrivers) || nDrivers < 1) throw invalidInput('problem.nDrivers', 'must be a positive integer');
  if (!Number.isInteger(chains) || chains < 1) throw invalidInput('chains', 'must be a positive integer');
  if (theta.length !== chains * nDrivers) throw invalidInput('theta', `length ${theta.length} != chains x nDrivers = ${chains * nDrivers}`);
  const races = raceStart.length - 1;
  if (races < 0 || raceStart[0] !== 0) throw invalidInput('problem.raceStart', 'must start at 0 and have races + 1 entries');
  if (weight.length !== races) throw invalidInput('problem.weight', `length ${weight.length} != races ${races}`);
  for (let r = 0; r < races; r++) {
    if (raceStart[r + 1] < raceStart[r]) throw invalidInput(`problem.raceStart[${r + 1}]`, 'must be non-decreasing');
  }
  if (raceStart[races] !== driverOfRow.length) throw invalidInput('problem.driverOfRow', `length ${driverOfRow.length} != raceStart[races] ${raceStart[races]}`);
  for (let i = 0; i < driverOfRow.length; i++) {
    const d = driverOfRow[i];
    if (!(d >= 0 && d < nDrivers)) throw invalidInput(`problem.driverOfRow[${i}]`, `driver ${d} outside 0..${nDrivers - 1}`);
  }
}

export function checkFinishInputs(eta: Float32Array, uniforms: Float32Array, drawOfScenario: Int32Array, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_FIELD_SIZE) throw invalidInput('n', `must be an integer in 1..${MAX_FIELD_SIZE}`);
  if (eta.length % n !== 0) throw invalidInput('eta', `length ${eta.length} is not a multiple of n = ${n}`);
  const S = drawOfScenario.length;
  if (uniforms.length !== S * n) throw invalidInput('uniforms', `length ${uniforms.length} != scenarios x n = ${S * n}`);
  const draws = eta.length / n;
  for (let s = 0; s < S; s++) {
    const d = drawOfScenario[s];
    if (!(d >= 0 && d < draws)) throw invalidInput(`drawOfScenario[${s}]`, `draw ${d} outside 0..${draws - 1}`);
  }
}

export function checkScoreInputs(points: Float32Array, S: number, n: number, lineups: Int32Array, k: number, stats: ScoreStats): void {
  if (!Number.isInteger(S) || S < 1) throw invalidInput('S', 'must be a positive integer');
  if (!Number.isInteger(n) || n < 1) throw invalidInput('n', 'must be a positive integer');
  if (!Number.isInteger(k) || k < 1) throw invalidInput('k', 'must be a positive integer');
  if (points.length !== S * n) throw invalidInput('points', `length ${points.length} != S x n = ${S * n}`);
  if (lineups.length % k !== 0) throw invalidInput('lineups', `length ${lineups.length} is not a multiple of k = ${k}`);
  for (let i = 0; i < lineups.length; i++) {
    if (!(lineups[i] >= 0 && lineups[i] < n)) throw invalidInput(`lineups[${i}]`, `driver ${lineups[i]} outside 0..${n - 1}`);
  }
  if (stats.target !== undefined && !Number.isFinite(stats.target)) throw invalidInput('stats.target', 'must be finite');
  for (const [i, a] of (stats.alphas ?? []).entries()) {
    if (!(a > 0 && a <= 1)) throw invalidInput(`stats.alphas[${i}]`, 'must be in (0, 1]');
  }
}

/** Largest |lineup score| in milli-points that float32 sums keep exact (2^24). */
const EXACT_MILLI = 1 << 24;

/** Checks a field-rows call; returns the scenario count. */
export function checkFieldInputs(input: FieldRowsInput): number {
  const { milli, players: n, lineups, rosterSize: R, counts, rowLength: K } = input;
  if (!Number.isInteger(n) || n < 1) throw invalidInput('players', 'must be a positive integer');
  if (!Number.isInteger(R) || R < 1) throw invalidInput('rosterSize', 'must be a positive integer');
  if (milli.length % n !== 0) throw invalidInput('milli', `length ${milli.length} is not a multiple of players = ${n}`);
  if (lineups.length !== counts.length * R) throw invalidInput('lineups', `length ${lineups.length} != distinct x rosterSize = ${counts.length * R}`);
  let entries = 0;
  for (let d = 0; d < counts.length; d++) entries += counts[d];
  if (!Number.isInteger(K) || K < 1 || K > entries) throw invalidInput('rowLength', `must be an integer in 1..${entries} (entries)`);
  for (let i = 0; i < lineups.length; i++) {
    if (!(lineups[i] >= 0 && lineups[i] < n)) throw invalidInput(`lineups[${i}]`, `player ${lineups[i]} outside 0..${n - 1}`);
  }
  let big = 0;
  for (let i = 0; i < milli.length; i++) big = Math.max(big, Math.abs(milli[i]));
  if (big * R >= EXACT_MILLI) throw invalidInput('milli', `|points| up to ${big} milli-points x ${R} drivers can exceed exact float32 sums`);
  return milli.length / n;
}

/** Scenarios in the CVaR tail: the optimizer's definition (ceil(alpha * S), at least 1), so both agree. */
export { tailCount } from '../lineup/tail.js';
