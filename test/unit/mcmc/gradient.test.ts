import { describe, expect, it } from 'vitest';
import type { ModelFeatures } from '../../../engine/contract/calibration-types.js';
import { buildDesign } from '../../../engine/model/design.js';
import { createDriverModel } from '../../../engine/model/driver-model.js';
import { fastExp } from '../../../engine/model/fast-exp.js';
import { cellRows, plackettLuce, plackettLuceCells, plackettLuceCellsNoStart } from '../../../engine/model/plackett-luce.js';
import { dcBackward, dcForward, stzBackward, stzCoefficients, stzForward } from '../../../engine/model/sum-to-zero.js';
import { syntheticSeason } from '../../../engine/model/synthetic.js';
import { createRng } from '../../../engine/rng/index.js';

const ALL: ModelFeatures = { trackType: true, team: true, manufacturer: true, startPosition: true, hierarchicalSkill: true, dnf: true };

/** Synthetic races with teams, makes, several track types and DNFs, so every block is exercised. */
function richDesign(features: ModelFeatures = ALL) {
  const types = ['superspeedway', 'intermediate', 'short', 'road', 'dirt'] as const;
  const races = types.flatMap((trackType, k) => syntheticSeason({ drivers: 12, races: 3, seed: 10 + k, dnfProb: 0.15, trackType }).data.races.map((r) => ({ ...r, raceId: `${trackType}-${r.raceId}` })));
  const withTeams = races.map((r) => ({ ...r, results: r.results.map((x) => ({ ...x, teamId: `team${Number(x.driverId.slice(1)) % 4}`, manufacturer: ['Ford', 'Chevrolet', 'Toyota'][Number(x.driverId.slice(1)) % 3] })) }));
  return buildDesign(withTeams, { features, halfLifeDays: 365, referenceDate: '2024-06-01', minRaceWeight: 0 });
}

function finiteDifferenceCheck(features: ModelFeatures) {
  const model = createDriverModel(richDesign(features));
  const rng = createRng(99);
  const x = Float64Array.from({ length: model.dim }, () => 0.6 * rng.nextNormal());
  const g = new Float64Array(model.dim);
  model.logDensityGradient(x, g);
  const scratch = new Float64Array(model.dim);
  let worst = 0;
  for (let i = 0; i < model.dim; i++) {
    const h = 1e-6;
    const xp = x.slice();
    const xm = x.slice();
    xp[i] += h;
    xm[i] -= h;
    const fd = (model.logDensityGradient(xp, scratch) - model.logDensityGradient(xm, scratch)) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - g[i]) / Math.max(1, Math.abs(fd)));
  }
  return { worst, dim: model.dim };
}

describe('analytic gradients match finite differences', () => {
  it('full driver model (every coordinate, all blocks on)', () => {
    const { worst, dim } = finiteDifferenceCheck(ALL);
    expect(dim).toBeGreaterThan(80);
    expect(worst).toBeLessThan(1e-5);
  });

  it('minimal Plackett-Luce model (fixed prior, no DNF block)', () => {
    const { worst } = finiteDifferenceCheck({ trackType: false, team: false, manufacturer: false, startPosition: false, hierarchicalSkill: false, dnf: false });
    expect(worst).toBeLessThan(1e-5);
  });

  it('Plackett-Luce kernel equals the textbook product of choice probabilities', () => {
    const eta = Float64Array.from([0.3, -1.2, 2.0, 0.1, 0.0, -0.4]);
    const g = new Float64Array(6);
    const work = new Float64Array(6);
    const ll = plackettLuce(eta, g, work, Int32Array.from([0, 4, 6]), Float64Array.from([1, 0.5]));
    const race = (e: number[]) => e.reduce((s, v, k) => s + v - Math.log(e.slice(k).reduce((a, b) => a + Math.exp(b), 0)), 0);
    expect(ll).toBeCloseTo(race([0.3, -1.2, 2.0, 0.1]) + 0.5 * race([0.0, -0.4]), 12);
    // Each race's gradient sums to zero (shift invariance).
    expect(g[0] + g[1] + g[2] + g[3]).toBeCloseTo(0, 12);
  });

  it('fastExp agrees with Math.exp to ~1e-15 relative', () => {
    const rng = createRng(1);
    for (let i = 0; i < 10_000; i++) {
      const x = -60 * rng.nextDouble() + 5;
      expect(Math.abs(fastExp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(2e-15);
    }
    expect(fastExp(-800)).toBe(0);
  });
});

describe('sum-to-zero transforms', () => {
  it('are isometric, sum to zero, and their backward pass is the transpose', () => {
    const n = 7;
    const c = stzCoefficients(n);
    const rng = createRng(3);
    const y = Float64Array.from({ length: n - 1 }, () => rng.nextNormal());
    const x = new Float64Array(n);
    stzForward(y, 0, x, 0, n, c, 1);
    expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.hypot(...x)).toBeCloseTo(Math.hypot(...y), 12);
    const gx = Float64Array.from({ length: n }, () => rng.nextNormal());
    const gy = new Float64Array(n - 1);
    stzBackward(gx, 0, gy, 0, n, c, 1);
    // <gx, A y> == <A^T gx, y>
    const lhs = gx.reduce((s, v, i) => s + v * x[i], 0);
    const rhs = gy.reduce((s, v, i) => s + v * y[i], 0);
    expect(lhs).toBeCloseTo(rhs, 12);
  });

  it('double centring zeroes every row and column sum', () => {
    const rows = 6;
    const cols = 5;
    const rng = createRng(4);
    const z = Float64Array.from({ length: (rows - 1) * (cols - 1) }, () => rng.nextNormal());
    const x = new Float64Array(rows * cols);
    const tmp = new Float64Array((rows - 1) * cols);
    const scales = new Float64Array(cols).fill(1);
    dcForward(z, 0, x, 0, rows, cols, stzCoefficients(rows), stzCoefficients(cols), scales, tmp);
    for (let c = 0; c < cols; c++) expect(x.subarray(c * rows, (c + 1) * rows).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    for (let r = 0; r < rows; r++) expect(Array.from({ length: cols }, (_, c) => x[c * rows + r]).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.hypot(...x)).toBeCloseTo(Math.hypot(...z), 12);
    const gx = Float64Array.from({ length: rows * cols }, () => rng.nextNormal());
    const gz = new Float64Array(z.length);
    dcBackward(gx, 0, gz, 0, rows, cols, stzCoefficients(rows), stzCoefficients(cols), scales, tmp);
    expect(gx.reduce((s, v, i) => s + v * x[i], 0)).toBeCloseTo(gz.reduce((s, v, i) => s + v * z[i], 0), 12);
  });
});

describe('fused cell kernels equal the row-by-row Plackett-Luce kernel', () => {
  // Two races over four cells in three track types, starts 1..4; the third race is wild (every
  // exp overflows) so the shifted path runs too.
  const raceStart = Int32Array.from([0, 4, 7, 10]);
  const raceType = Uint8Array.from([0, 2, 1]);
  const weight = Float64Array.from([1, 0.4, 0.7]);
  const rowCell = Int32Array.from([2, 0, 3, 1, 1, 2, 0, 3, 0, 2]);
  const rowStart = Int32Array.from([3, 1, 4, 2, 2, 1, 3, 1, 2, 3]);
  const rowX = Float64Array.from(rowStart, (s) => -Math.log(s));

  function check(cellEta: Float64Array, beta: Float64Array, withStart: boolean) {
    const rows = cellRows(raceStart, raceType, weight, rowCell, rowStart, 4, 3);
    const startPow = new Float64Array(3 * (rows.maxStart + 1)).fill(1);
    if (withStart) for (let t = 0; t < 3; t++) for (let k = 1; k <= rows.maxStart; k++) startPow[t * (rows.maxStart + 1) + k] = Math.exp(-beta[t] * Math.log(k));
    const cellExp = cellEta.map(Math.exp);
    const gCell = new Float64Array(4);
    const gBeta = new Float64Array(3);
    const work = new Float64Array(10);
    const park = new Float64Array(10);
    const lp = withStart ? plackettLuceCells(rows, cellEta, cellExp, beta, startPow, gCell, gBeta, work, park) : plackettLuceCellsNoStart(rows, cellEta, cellExp, gCell, work, park);
    // Reference: eta per row, the plain kernel, gradients gathered by hand.
    const eta = Float64Array.from(rowCell, (c, i) => cellEta[c] + (withStart ? beta[raceType[raceStart.findLastIndex((a) => a <= i)]] * rowX[i] : 0));
    const gEta = new Float64Array(10);
    const ref = plackettLuce(eta, gEta, new Float64Array(10), raceStart, weight);
    const refCell = new Float64Array(4);
    const refBeta = new Float64Array(3);
    rowCell.forEach((c, i) => {
      refCell[c] += gEta[i];
      refBeta[raceType[raceStart.findLastIndex((a) => a <= i)]] += gEta[i] * rowX[i];
    });
    expect(lp).toBeCloseTo(ref, 9);
    gCell.forEach((g, c) => expect(g).toBeCloseTo(refCell[c], 9));
    if (withStart) gBeta.forEach((g, t) => expect(g).toBeCloseTo(refBeta[t], 9));
  }

  it('with and without the start-position effect, on ordinary and overflowing races', () => {
    const beta = Float64Array.from([0.3, -0.2, 0.8]);
    check(Float64Array.from([0.4, -1.1, 0.9, 0.2]), beta, true);
    check(Float64Array.from([0.4, -1.1, 0.9, 0.2]), beta, false);
    check(Float64Array.from([705, 703.5, 706, 702]), beta, true); // exp overflows: shifted path
    check(Float64Array.from([705, 703.5, 706, 702]), beta, false);
  });
});
