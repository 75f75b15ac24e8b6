/**
 * Parameter vector layout, priors and stored-quantity names of the driver model.
 *
 * Unconstrained vector (blocks present only when their feature is on):
 *   logSigmaSkill (1)        sigma_skill ~ HalfNormal(1)        [hierarchicalSkill]
 *   zSkill (D-1)             skill = sigma_skill * STZ(z)
 *   logTau (1), zDev (4(D-1)) dev = tau * doubly-centred(z), tau ~ HalfNormal(0.5)  [trackType]
 *     (one tau: with per-type scales the rows no longer sum to zero and a large tau_t let one
 *     track type's deviations absorb overall skill — chains disagreed, R-hat 2.9)
 *   logSigmaTeam (1), zTeam (K-1)  team = sigma_team * STZ(z), sigma_team ~ HalfNormal(0.5) [team]
 *   zMake (5(M-1))           make[., t] = 0.25 * STZ(z_t)      [manufacturer]
 *   beta (5)                 start effect per track type ~ N(0, 1)   [startPosition]
 *   dnfAlpha (5)             [dnf] logit independent-DNF rate per track type ~ N(-3, 1.5)
 *   dnfSlope (1)             [dnf] change of logit DNF rate per unit of skill ~ N(0, 1)
 *     (replaces per-driver DNF random effects: those were barely identified, their scale
 *     sampled as a funnel and chains disagreed, R-hat 3.0)
 * Skill and team blocks are partially centred (partial-centring.ts).
 * Every z is N(0, 1). Scales are sampled on the log scale (Jacobian included).
 */
import type { ModelFeatures } from '../contract/calibration-types.js';
import { TRACK_TYPES } from '../contract/models.js';
import type { ModelDesign } from './design.js';

/** Prior constants (log-worth units unless stated). */
export const PRIORS = {
  /** HalfNormal scale of the driver-skill sd (a 1-sd driver has e^1 ≈ 2.7x the worth). */
  skillScale: 1,
  /** Skill sd when hierarchicalSkill is off. */
  fixedSkillSd: 1,
  devScale: 0.5,
  teamScale: 0.5,
  makeSd: 0.25,
  startMean: 0,
  startSd: 1,
  /** logit(0.047): about two independent DNFs in a 40-car field. */
  dnfAlphaMean: -3,
  dnfAlphaSd: 1.5,
  dnfSlopeSd: 1,
  /**
   * Scale guesses (Cup posteriors: sigma_skill 0.46-0.55, tau 0.08-0.14): they set the
   * partial-centring weights and the chains' starting scales — efficiency only, not the model.
   */
  skillGuess: 0.5,
  teamGuess: 0.4,
  devGuess: 0.12,
} as const;

export interface ModelLayout {
  readonly features: ModelFeatures;
  readonly nDrivers: number;
  readonly nTeams: number;
  readonly nMakes: number;
  readonly dim: number;
  readonly logSigmaSkill: number;
  readonly zSkill: number;
  readonly logTau: number;
  readonly zDev: number;
  readonly logSigmaTeam: number;
  readonly zTeam: number;
  readonly zMake: number;
  readonly beta: number;
  readonly dnfAlpha: number;
  readonly dnfSlope: number;
  /** [offset, length] of blocks with an N(0, 1) prior. */
  readonly standardNormalBlocks: readonly (readonly [number, number])[];
  readonly outputNames: readonly string[];
}

export function modelLayout(design: ModelDesign): ModelLayout {
  const D = design.driverIds.length;
  const K = design.teamIds.length;
  const M = design.makeIds.length;
  // A block with fewer than two levels has nothing to estimate under sum-to-zero.
  const features: ModelFeatures = { ...design.features, team: design.features.team && K >= 2, manufacturer: design.features.manufacturer && M >= 2 };
  const T = TRACK_TYPES.length;
  let o = 0;
  const take = (n: number, on = true) => {
    const at = o;
    if (on) o += n;
    return at;
  };
  const logSigmaSkill = take(1, features.hierarchicalSkill);
  const zSkill = take(D - 1);
  const logTau = take(1, features.trackType);
  const zDev = take((T - 1) * (D - 1), features.trackType);
  const logSigmaTeam = take(1, features.team);
  const zTeam = take(K - 1, features.team);
  const zMake = take(T * (M - 1), features.manufacturer);
  const beta = take(T, features.startPosition);
  const dnfAlpha = take(T, features.dnf);
  const dnfSlope = take(1, features.dnf);
  // Skill, team and DNF blocks get their priors from the partial centring.
  const blocks: [number, number][] = [];
  if (features.trackType) blocks.push([zDev, (T - 1) * (D - 1)]);
  if (features.manufacturer) blocks.push([zMake, T * (M - 1)]);

  const names: string[] = design.driverIds.map((d) => `skill[${d}]`);
  if (features.trackType) for (const t of TRACK_TYPES) names.push(...design.driverIds.map((d) => `dev[${d},${t}]`));
  if (features.team) names.push(...design.teamIds.map((k) => `team[${k}]`));
  if (features.manufacturer) for (const t of TRACK_TYPES) names.push(...design.makeIds.map((m) => `make[${m},${t}]`));
  if (features.startPosition) names.push(...TRACK_TYPES.map((t) => `start[${t}]`));
  if (features.hierarchicalSkill) names.push('sigma_skill');
  if (features.trackType) names.push('tau');
  if (features.team) names.push('sigma_team');
  if (features.dnf) names.push(...TRACK_TYPES.map((t) => `dnf_alpha[${t}]`), 'dnf_skill_slope');

  return { features, nDrivers: D, nTeams: K, nMakes: M, dim: o, logSigmaSkill, zSkill, logTau, zDev, logSigmaTeam, zTeam, zMake, beta, dnfAlpha, dnfSlope, standardNormalBlocks: blocks, outputNames: names };
}
