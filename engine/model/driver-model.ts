/**
 * The Cup driver model as a log density with an analytic gradient (see model-layout.ts for the
 * parameters and priors). Per race, the log-worth of a finisher is
 *
 *   eta = skill[d] + dev[d, trackType] + team[k] + make[m, trackType] + start[trackType] * -log(start)
 *
 * and the finishing order of the finishers is Plackett-Luce in exp(eta), each race's log
 * likelihood weighted by its recency weight. Independent DNFs are binomial per driver x track
 * type with logit p = dnfAlpha[t] + dnfSlope * skill[d] (skills sum to zero, so dnfAlpha is the
 * average driver's rate). Hierarchical blocks are non-centred and
 * sum-to-zero (sum-to-zero.ts) so the posterior is close to isotropic after a diagonal metric.
 */
import type { ModelFeatures } from '../contract/calibration-types.js';
import type { LogDensity } from '../mcmc/target.js';
import type { ModelDesign } from './design.js';
import { N_TRACK_TYPES } from './design.js';
import { fastExp } from './fast-exp.js';
import { PRIORS, modelLayout, type ModelLayout } from './model-layout.js';
import { cellRows, plackettLuceCells, plackettLuceCellsNoStart } from './plackett-luce.js';
import { centringWeights, pcBackward, pcForward } from './partial-centring.js';
import { dcBackward, dcForward, stzBackward, stzCoefficients, stzForward } from './sum-to-zero.js';

const T = N_TRACK_TYPES;
/** Fisher information of one Plackett-Luce finish about the driver's log-worth, roughly. */
const PL_INFO_PER_START = 0.5;

/**
 * Log density of sigma = exp(u) under a half-normal(scale) prior, Jacobian included; adds its
 * u-gradient into grad[at]. (No tuple return: this runs every leapfrog step.)
 */
function halfNormalLog(u: number, scale: number, grad: Float64Array, at: number): number {
  const s2 = Math.exp(2 * u);
  grad[at] += -s2 / (scale * scale) + 1;
  return -s2 / (2 * scale * scale) + u;
}

export interface DriverModel extends LogDensity {
  readonly layout: ModelLayout;
  readonly design: ModelDesign;
}

export function createDriverModel(design: ModelDesign): DriverModel {
  const L = modelLayout(design);
  const { nDrivers: D, nTeams: K, nMakes: M } = L;
  const nRows = design.rowDriver.length;
  const cD = stzCoefficients(D);
  const cK = stzCoefficients(K);
  const cM = stzCoefficients(M);
  const cT = stzCoefficients(T);
  const tau = new Float64Array(T);
  const dcTmp = new Float64Array(Math.max(0, (D - 1) * T));
  const info = exposureInformation(design, D, K);
  // Contrast j-1 of a sum-to-zero block mostly carries item j (items sorted by exposure).
  const scales = design.centringScales ?? { skill: PRIORS.skillGuess, team: PRIORS.teamGuess };
  const wSkill = centringWeights(info.driver.subarray(1), scales.skill);
  const wTeam = centringWeights(info.team.subarray(1), scales.team);
  const ones = new Float64Array(D).fill(1); // centring weights when sigma is fixed
  const ySkill = new Float64Array(D);
  const gySkill = new Float64Array(D);
  const yTeam = new Float64Array(K);
  const gyTeam = new Float64Array(K);
  // Work buffers (allocated once). Team/make buffers have one extra slot pinned at 0 for "unknown".
  const skill = new Float64Array(D);
  const dev = new Float64Array(T * D);
  const team = new Float64Array(K + 1);
  const make = new Float64Array(T * (M + 1));
  const beta = new Float64Array(T);
  const gSkill = new Float64Array(D);
  const gDev = new Float64Array(T * D);
  const gTeam = new Float64Array(K + 1);
  const gMake = new Float64Array(T * (M + 1));
  const gBeta = new Float64Array(T);
  const work = new Float64Array(nRows);
  const park = new Float64Array(nRows);
  // Rows collapse to "cells" (driver, track type, team, make): ~1.1k cells for ~13k Cup rows,
  // so effects are gathered and gradients scattered per cell, not per row.
  const cells = buildCells(design, D, K, M, L.features);
  const nCells = cells.driver.length;
  const cellEta = new Float64Array(nCells);
  const cellExp = new Float64Array(nCells);
  const rows = cellRows(design.raceStart, design.raceType, design.raceWeight, cells.rowCell, design.rowStart, nCells, T);
  const { maxStart } = rows;
  // startPow[t * (maxStart + 1) + s] = exp(beta_t * -log s) = s^(-beta_t); logs precomputed.
  const startPow = new Float64Array(T * (maxStart + 1));
  const negLogStart = Float64Array.from({ length: maxStart + 1 }, (_, k) => (k > 0 ? -Math.log(k) : 0));
  const gCell = new Float64Array(nCells);
  const { dnfTrials, dnfEvents } = design;
  const f = L.features;

  if (!f.startPosition) startPow.fill(1);
  // [offset, length] pairs flattened: no iterator objects in the gradient.
  const snBlocks = Int32Array.from(L.standardNormalBlocks.flat());

  function logDensityGradient(x: Float64Array, grad: Float64Array): number {
    grad.fill(0);
    let lp = 0;
    // --- forward: effects from non-centred parameters
    const logSigmaSkill = f.hierarchicalSkill ? x[L.logSigmaSkill] : Math.log(PRIORS.fixedSkillSd);
    const wS = f.hierarchicalSkill ? wSkill : ones;
    pcForward(x, L.zSkill, D - 1, wS, logSigmaSkill, ySkill);
    stzForward(ySkill, 0, skill, 0, D, cD, 1);
    if (f.trackType) {
      tau.fill(Math.exp(x[L.logTau]));
      dcForward(x, L.zDev, dev, 0, D, T, cD, cT, tau, dcTmp);
    }
    if (f.team) {
      pcForward(x, L.zTeam, K - 1, wTeam, x[L.logSigmaTeam], yTeam);
      stzForward(yTeam, 0, team, 0, K, cK, 1);
    }
    if (f.manufacturer) for (let t = 0; t < T; t++) stzForward(x, L.zMake + t * (M - 1), make, t * (M + 1), M, cM, PRIORS.makeSd);
    if (f.startPosition) for (let t = 0; t < T; t++) beta[t] = x[L.beta + t];
    // --- rows: eta, Plackett-Luce, scatter (per cell, then per effect)
    for (let c = 0; c < nCells; c++) cellEta[c] = skill[cells.driver[c]] + dev[cells.dev[c]] + team[cells.team[c]] + make[cells.make[c]];
    gCell.fill(0);
    gBeta.fill(0);
    for (let c = 0; c < nCells; c++) cellExp[c] = fastExp(cellEta[c]);
    // Without the start-position effect beta = 0 and the table stays all ones (set once below).
    if (f.startPosition) for (let t = 0; t < T; t++) for (let k = 1; k <= maxStart; k++) startPow[t * (maxStart + 1) + k] = fastExp(beta[t] * negLogStart[k]);
    lp += f.startPosition ? plackettLuceCells(rows, cellEta, cellExp, beta, startPow, gCell, gBeta, work, park) : plackettLuceCellsNoStart(rows, cellEta, cellExp, gCell, work, park);
    gSkill.fill(0);
    gDev.fill(0);
    gTeam.fill(0);
    gMake.fill(0);
    for (let c = 0; c < nCells; c++) {
      const g = gCell[c];
      gSkill[cells.driver[c]] += g;
      gDev[cells.dev[c]] += g;
      gTeam[cells.team[c]] += g;
      gMake[cells.make[c]] += g;
    }
    if (f.dnf) lp += dnfBlock(x, grad);
    // --- backward through scales and sum-to-zero maps; standard-normal priors on every z
    gySkill.fill(0);
    stzBackward(gSkill, 0, gySkill, 0, D, cD, 1);
    lp += pcBackward(x, L.zSkill, D - 1, wS, logSigmaSkill, ySkill, gySkill, grad, f.hierarchicalSkill ? L.logSigmaSkill : -1);
    if (f.hierarchicalSkill) lp += halfNormalLog(x[L.logSigmaSkill], PRIORS.skillScale, grad, L.logSigmaSkill);
    if (f.trackType) {
      dcBackward(gDev, 0, grad, L.zDev, D, T, cD, cT, tau, dcTmp);
      let s = 0;
      for (let i = 0; i < T * D; i++) s += gDev[i] * dev[i];
      lp += halfNormalLog(x[L.logTau], PRIORS.devScale, grad, L.logTau);
      grad[L.logTau] += s;
    }
    if (f.team) {
      gyTeam.fill(0);
      stzBackward(gTeam, 0, gyTeam, 0, K, cK, 1);
      lp += pcBackward(x, L.zTeam, K - 1, wTeam, x[L.logSigmaTeam], yTeam, gyTeam, grad, L.logSigmaTeam);
      lp += halfNormalLog(x[L.logSigmaTeam], PRIORS.teamScale, grad, L.logSigmaTeam);
    }
    if (f.manufacturer) for (let t = 0; t < T; t++) stzBackward(gMake, t * (M + 1), grad, L.zMake + t * (M - 1), M, cM, PRIORS.makeSd);
    if (f.startPosition) {
      for (let t = 0; t < T; t++) {
        const b = x[L.beta + t] - PRIORS.startMean;
        lp -= (0.5 * b * b) / (PRIORS.startSd * PRIORS.startSd);
        grad[L.beta + t] += gBeta[t] - b / (PRIORS.startSd * PRIORS.startSd);
      }
    }
    for (let b = 0; b < snBlocks.length; b += 2) {
      const off = snBlocks[b];
      const end = off + snBlocks[b + 1];
      for (let i = off; i < end; i++) {
        lp -= 0.5 * x[i] * x[i];
        grad[i] -= x[i];
      }
    }
    return lp;
  }

  /**
   * Binomial independent-DNF likelihood on (recency-weighted) counts per driver x track type,
   * logit p = dnfAlpha[t] + dnfSlope * skill[d]. Adds its skill gradient into gSkill, so it
   * runs before the skill block is pulled back.
   */
  function dnfBlock(x: Float64Array, grad: Float64Array): number {
    let lp = 0;
    const slope = x[L.dnfSlope];
    let gSlope = 0;
    for (let d = 0; d < D; d++) {
      const sk = skill[d];
      let gs = 0;
      for (let t = 0; t < T; t++) {
        const n = dnfTrials[d * T + t];
        if (n === 0) continue;
        const k = dnfEvents[d * T + t];
        const e = x[L.dnfAlpha + t] + slope * sk;
        // log(1 + e^e) and the logistic function from one exp of -|e|.
        const E = fastExp(-Math.abs(e));
        lp += k * e - n * (Math.max(e, 0) + Math.log1p(E));
        const de = k - n * (e > 0 ? 1 / (1 + E) : E / (1 + E));
        grad[L.dnfAlpha + t] += de;
        gs += de;
      }
      gSlope += gs * sk;
      gSkill[d] += gs * slope;
    }
    for (let t = 0; t < T; t++) {
      const a = x[L.dnfAlpha + t] - PRIORS.dnfAlphaMean;
      lp -= (0.5 * a * a) / (PRIORS.dnfAlphaSd * PRIORS.dnfAlphaSd);
      grad[L.dnfAlpha + t] -= a / (PRIORS.dnfAlphaSd * PRIORS.dnfAlphaSd);
    }
    lp -= (0.5 * slope * slope) / (PRIORS.dnfSlopeSd * PRIORS.dnfSlopeSd);
    grad[L.dnfSlope] += gSlope - slope / (PRIORS.dnfSlopeSd * PRIORS.dnfSlopeSd);
    return lp;
  }

  function writeOutputs(x: Float64Array, out: Float64Array, offset: number): void {
    const logSigmaSkill = f.hierarchicalSkill ? x[L.logSigmaSkill] : Math.log(PRIORS.fixedSkillSd);
    let o = offset;
    pcForward(x, L.zSkill, D - 1, f.hierarchicalSkill ? wSkill : ones, logSigmaSkill, ySkill);
    stzForward(ySkill, 0, out, o, D, cD, 1);
    o += D;
    if (f.trackType) {
      tau.fill(Math.exp(x[L.logTau]));
      dcForward(x, L.zDev, out, o, D, T, cD, cT, tau, dcTmp);
      o += T * D;
    }
    if (f.team) {
      pcForward(x, L.zTeam, K - 1, wTeam, x[L.logSigmaTeam], yTeam);
      stzForward(yTeam, 0, out, o, K, cK, 1);
      o += K;
    }
    if (f.manufacturer) for (let t = 0; t < T; t++, o += M) stzForward(x, L.zMake + t * (M - 1), out, o, M, cM, PRIORS.makeSd);
    if (f.startPosition) for (let t = 0; t < T; t++) out[o++] = x[L.beta + t];
    if (f.hierarchicalSkill) out[o++] = Math.exp(logSigmaSkill);
    if (f.trackType) out[o++] = Math.exp(x[L.logTau]);
    if (f.team) out[o++] = Math.exp(x[L.logSigmaTeam]);
    if (!f.dnf) return;
    for (let t = 0; t < T; t++) out[o++] = x[L.dnfAlpha + t];
    out[o++] = x[L.dnfSlope];
  }

  return { dim: L.dim, initRadius: 0.5, outputNames: L.outputNames, writeOutputs, logDensityGradient, layout: L, design };
}

interface Cells {
  readonly rowCell: Int32Array;
  readonly driver: Int32Array;
  /** Index into the track-type x driver deviation buffer (t * D + d). */
  readonly dev: Int32Array;
  readonly team: Int32Array;
  /** Index into the track-type x (make + unknown) buffer (t * (M + 1) + m). */
  readonly make: Int32Array;
}

/** Disabled blocks map every row to their pinned-zero slot, so they do not split cells. */
function buildCells(design: ModelDesign, D: number, K: number, M: number, f: ModelFeatures): Cells {
  const key = new Map<string, number>();
  const rowCell = new Int32Array(design.rowDriver.length);
  const driver: number[] = [];
  const dev: number[] = [];
  const team: number[] = [];
  const make: number[] = [];
  for (let r = 0; r < design.raceType.length; r++) {
    const t = design.raceType[r];
    for (let i = design.raceStart[r]; i < design.raceStart[r + 1]; i++) {
      const d = design.rowDriver[i];
      const tm = f.team ? design.rowTeam[i] : K;
      const mk = f.manufacturer ? design.rowMake[i] : M;
      const k = `${d}|${t}|${tm}|${mk}`;
      let c = key.get(k);
      if (c === undefined) {
        c = driver.length;
        key.set(k, c);
        driver.push(d);
        dev.push(t * D + d);
        team.push(tm);
        make.push(t * (M + 1) + mk);
      }
      rowCell[i] = c;
    }
  }
  return { rowCell, driver: Int32Array.from(driver), dev: Int32Array.from(dev), team: Int32Array.from(team), make: Int32Array.from(make) };
}

/** Approximate information per driver (skill) and team, from recency-weighted exposure. */
function exposureInformation(design: ModelDesign, D: number, K: number): { driver: Float64Array; team: Float64Array } {
  const driver = new Float64Array(D);
  const team = new Float64Array(K + 1);
  for (let r = 0; r < design.raceType.length; r++) {
    const w = design.raceWeight[r];
    for (let i = design.raceStart[r]; i < design.raceStart[r + 1]; i++) {
      driver[design.rowDriver[i]] += PL_INFO_PER_START * w;
      team[design.rowTeam[i]] += PL_INFO_PER_START * w;
    }
  }
  return { driver, team: team.subarray(0, K) };
}
