/**
 * Reference implementation for the contest tests: expand the field entry by entry, score every
 * entry in every scenario, sort, and apply the tie rule literally (average the prizes of the tied
 * ranks). Slow and obvious on purpose.
 */
import type { ContestSpec } from '../../../engine/contract/models.js';

export function prizeAt(contest: ContestSpec, rank: number): number {
  for (const t of contest.payouts) if (rank >= t.fromRank && rank <= t.toRank) return t.prize;
  return 0;
}

/** payouts[l][s] and ranks[l][s] for our lineups among field entries + our entries. */
export function bruteForce(
  milli: Int32Array,
  n: number,
  S: number,
  field: number[][],
  ours: number[][],
  contest: ContestSpec,
): { payouts: number[][]; ranks: number[][] } {
  const payouts = ours.map(() => new Array<number>(S).fill(0));
  const ranks = ours.map(() => new Array<number>(S).fill(0));
  const score = (s: number, lineup: number[]): number => lineup.reduce((a, p) => a + milli[s * n + p], 0);
  for (let s = 0; s < S; s++) {
    const all = [...field.map((l) => score(s, l)), ...ours.map((l) => score(s, l))];
    ours.forEach((l, k) => {
      const x = score(s, l);
      const greater = all.filter((y) => y > x).length;
      const tied = all.filter((y) => y === x).length;
      let sum = 0;
      for (let r = greater + 1; r <= greater + tied; r++) sum += prizeAt(contest, r);
      payouts[k][s] = sum / tied;
      ranks[k][s] = greater + 1;
    });
  }
  return { payouts, ranks };
}
