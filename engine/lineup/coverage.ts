/**
 * Coverage targets: "at least one lineup of the portfolio clears the bar in scenario s".
 * P(max over portfolio clears) is a coverage function of the lineup set — monotone and
 * submodular — so greedy selection keeps the (1 − 1/e) guarantee (Nemhauser et al. 1978).
 *
 * Besides the requested bar we track a harder and an easier bar with small weights: they only
 * break ties between lineups covering the same number of new scenarios (e.g. once the easy
 * scenarios are covered), steering toward lineups that also win big or rescue near-misses.
 */
import type { CoverageTarget } from '../contract/lineup-types.js';
import type { FieldScoreTable } from '../contract/contest-types.js';
import { invalidInput } from '../contract/engine-error.js';

export interface CoverageLevel {
  /** Per-scenario bar: a lineup clears it with a raw score >= thr[s] (see fieldRankScores). */
  readonly thr: Float64Array;
  readonly weight: number;
}

/** Weights of the tie-breaking bars relative to the requested one (weight 1). */
export const AUX_WEIGHTS = { harder: 0.05, easier: 0.01 } as const;

/**
 * Raw score needed to beat the opponent at rank k (1 = best) in each scenario. Field scores are
 * stored quantized (milli-points): beating stored value v means scoring at least
 * (round(1000 v) + 0.5) / 1000 raw points, so the bar is returned as an "at least" bar.
 */
export function fieldRankScores(f: FieldScoreTable, k: number, field: string): Float64Array {
  if (k < 1 || k > f.rowLength) throw invalidInput(field, `needs the ${k}-th best opponent but field rows store the top ${f.rowLength}`);
  const out = new Float64Array(f.scenarios);
  for (let s = 0; s < f.scenarios; s++) out[s] = (Math.round(f.sortedFieldScores[s * f.rowLength + f.rowLength - k] * 1000) + 0.5) / 1000;
  return out;
}

/** Rank (1 = best) of the field's `quantile` opponent: beating it puts you in the top 1 − q. */
export function quantileRank(f: FieldScoreTable, quantile: number): number {
  return Math.max(1, Math.ceil(Math.round((1 - quantile) * f.fieldSize * 1e9) / 1e9));
}

export function coverageLevels(target: CoverageTarget, scenarios: number, field: FieldScoreTable | undefined, at: string): CoverageLevel[] {
  const needField = (): FieldScoreTable => {
    if (!field) throw invalidInput(at, `target '${target.kind}' needs a simulated field`);
    return field;
  };
  switch (target.kind) {
    case 'score': {
      if (!Number.isFinite(target.value)) throw invalidInput(`${at}.value`, 'must be a finite number of points', { got: target.value });
      const bar = (v: number): Float64Array => new Float64Array(scenarios).fill(v);
      const d = 0.05 * Math.abs(target.value);
      return [
        { thr: bar(target.value), weight: 1 },
        { thr: bar(target.value + d), weight: AUX_WEIGHTS.harder },
        { thr: bar(target.value - d), weight: AUX_WEIGHTS.easier },
      ];
    }
    case 'fieldQuantile':
    case 'win': {
      const f = needField();
      if (target.kind === 'fieldQuantile' && !(target.quantile > 0 && target.quantile < 1)) throw invalidInput(`${at}.quantile`, 'must be in (0, 1)', { got: target.quantile });
      const k = target.kind === 'win' ? 1 : quantileRank(f, target.quantile);
      const levels: CoverageLevel[] = [{ thr: fieldRankScores(f, k, `${at}.quantile`), weight: 1 }];
      const harder = Math.max(1, Math.floor(k / 5));
      if (harder < k) levels.push({ thr: fieldRankScores(f, harder, at), weight: AUX_WEIGHTS.harder });
      const easier = Math.min(f.rowLength, 3 * k);
      if (easier > k) levels.push({ thr: fieldRankScores(f, easier, at), weight: AUX_WEIGHTS.easier });
      return levels;
    }
    default:
      throw invalidInput(`${at}.kind`, 'must be fieldQuantile, win or score', { got: (target as { kind?: unknown }).kind ?? null });
  }
}

/** Does score x clear the level's bar in scenario s? */
export function clears(level: CoverageLevel, s: number, x: number): boolean {
  return x >= level.thr[s];
}

/** Bits (scenario s → bit s) where x clears the bar, written to out[off .. off + words). */
export function coverageBits(x: Float64Array, level: CoverageLevel, out: Uint32Array, off: number): void {
  const S = x.length;
  const thr = level.thr;
  for (let w = 0, s = 0; s < S; w++) {
    let word = 0;
    const end = Math.min(S, s + 32);
    for (let b = 0; s < end; s++, b++) word |= (x[s] >= thr[s] ? 1 : 0) << b;
    out[off + w] = word >>> 0;
  }
}

export function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
