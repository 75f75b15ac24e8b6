/**
 * Independent brute force for small slates: every roster-size subset of the slate, legality
 * from first principles, objectives computed the obvious way (full sort, rank by counting).
 * Deliberately shares no code with engine/lineup.
 */
import type { FieldScoreTable } from '../../../engine/contract/contest-types.js';
import type { LineupConstraints, LineupObjective } from '../../../engine/contract/lineup-types.js';
import type { SlateSpec } from '../../../engine/contract/models.js';

export function* combinations(n: number, k: number): Generator<number[]> {
  const c = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield [...c];
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return;
    c[i]++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
  }
}

export function isLegal(slate: SlateSpec, lineup: readonly number[], c: LineupConstraints, own?: Float64Array): boolean {
  const ids = lineup.map((i) => slate.players[i].driverId);
  const salary = lineup.reduce((a, i) => a + slate.players[i].salary, 0);
  if (new Set(lineup).size !== slate.rosterSize || lineup.length !== slate.rosterSize) return false;
  if (salary > slate.salaryCap) return false;
  if (c.minSalary !== undefined && salary < c.minSalary) return false;
  if ((c.locks ?? []).some((id) => !ids.includes(id))) return false;
  if ((c.excludes ?? []).some((id) => ids.includes(id))) return false;
  for (const g of c.groups ?? []) {
    const k = ids.filter((id) => g.drivers.includes(id)).length;
    if (k < (g.atLeast ?? 0) || k > (g.atMost ?? Infinity)) return false;
  }
  if (c.maxTotalOwnership !== undefined && lineup.reduce((a, i) => a + (own?.[i] ?? 0), 0) > c.maxTotalOwnership + 1e-12) return false;
  if (c.lowOwned && lineup.filter((i) => (own?.[i] ?? 0) <= c.lowOwned!.maxOwnership).length < c.lowOwned.minCount) return false;
  return true;
}

export function lineupScores(points: Float32Array, n: number, lineup: readonly number[]): number[] {
  const S = points.length / n;
  const out = new Array<number>(S);
  for (let s = 0; s < S; s++) {
    let v = 0;
    for (const i of lineup) v += points[s * n + i];
    out[s] = v;
  }
  return out;
}

const prizeCache = new WeakMap<FieldScoreTable, number[]>();
function prizeOfRank(f: FieldScoreTable, rank: number): number {
  let table = prizeCache.get(f);
  if (!table) {
    table = [];
    for (const t of f.payouts) for (let r = t.fromRank; r <= t.toRank; r++) table[r] = t.prize;
    prizeCache.set(f, table);
  }
  return table[rank] ?? 0;
}

/** Prize of `x` in scenario s: rank by counting opponents, average the tied ranks' prizes. */
export function bruteFieldPayout(f: FieldScoreTable, s: number, raw: number): number {
  const x = Math.fround(Math.round(raw * 1000) / 1000); // compare as the field stores scores
  const row = f.sortedFieldScores.subarray(s * f.rowLength, (s + 1) * f.rowLength);
  const unstored = f.fieldSize - f.rowLength;
  let above = 0;
  let tied = 0;
  for (const v of row) {
    if (v > x) above++;
    else if (v === x) tied++;
  }
  // Unstored opponents are <= row[0]: tiesAtRowMin of them equal row[0], the rest are below it.
  if (x === row[0]) tied += f.tiesAtRowMin[s];
  if (x < row[0]) {
    above += f.tiesAtRowMin[s];
    if (unstored > f.tiesAtRowMin[s]) return 0; // validated tables keep these out of the money
  }
  let total = 0;
  for (let rank = above + 1; rank <= above + tied + 1; rank++) total += prizeOfRank(f, rank);
  return total / (tied + 1);
}

export function bruteObjective(o: LineupObjective, scores: number[], lineup: readonly number[], own?: Float64Array, field?: FieldScoreTable): number {
  const S = scores.length;
  const mean = scores.reduce((a, b) => a + b, 0) / S;
  switch (o.kind) {
    case 'mean':
      return mean;
    case 'leverage':
      return mean - o.ownershipPenalty * lineup.reduce((a, i) => a + (own?.[i] ?? 0), 0);
    case 'cvar': {
      const desc = [...scores].sort((a, b) => b - a);
      return o.levels.reduce((acc, l) => {
        const K = Math.max(1, Math.ceil(Math.round(l.alpha * S * 1e9) / 1e9));
        return acc + (l.weight * desc.slice(0, K).reduce((a, b) => a + b, 0)) / K;
      }, 0);
    }
    case 'probAtLeast':
      return scores.filter((v) => v >= o.target).length / S;
    case 'payout':
      return scores.reduce((a, x, s) => a + bruteFieldPayout(field!, s, x), 0) / S;
  }
}

/** Best objective over all legal lineups (null when none is legal). */
export function bruteBest(
  slate: SlateSpec,
  points: Float32Array,
  o: LineupObjective,
  c: LineupConstraints,
  own?: Float64Array,
  field?: FieldScoreTable,
): { value: number; legal: number } | null {
  const n = slate.players.length;
  let best = -Infinity;
  let legal = 0;
  for (const lineup of combinations(n, slate.rosterSize)) {
    if (!isLegal(slate, lineup, c, own)) continue;
    legal++;
    best = Math.max(best, bruteObjective(o, lineupScores(points, n, lineup), lineup, own, field));
  }
  return legal ? { value: best, legal } : null;
}

/** Σ prizes of several of our entries in scenario s, ranked together with the field (ties split). */
export function bruteEntriesPayout(f: FieldScoreTable, s: number, raws: readonly number[]): number {
  const q = raws.map((r) => Math.fround(Math.round(r * 1000) / 1000));
  const row = f.sortedFieldScores.subarray(s * f.rowLength, (s + 1) * f.rowLength);
  let total = 0;
  q.forEach((x, e) => {
    let above = 0;
    let tied = 0;
    for (const v of row) {
      if (v > x) above++;
      else if (v === x) tied++;
    }
    if (x === row[0]) tied += f.tiesAtRowMin[s];
    if (x < row[0] && f.fieldSize > f.rowLength) return; // below every stored opponent: out of the money
    q.forEach((y, o) => {
      if (o === e) return;
      if (y > x) above++;
      else if (y === x) tied++;
    });
    let sum = 0;
    for (let rank = above + 1; rank <= above + tied + 1; rank++) sum += prizeOfRank(f, rank);
    total += sum / (tied + 1);
  });
  return total;
}
