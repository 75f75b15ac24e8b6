/**
 * Synthetic NASCAR-like slates for lineup tests and the lineup bench (the real race simulator
 * lives in engine/race-sim; these fixtures only need realistic correlation: finishing order is
 * a permutation, big wrecks collect several cars, dominators lead laps).
 */
import type { FieldScoreTable } from '../../../engine/contract/contest-types.js';
import type { PayoutTier, Site, SlateSpec } from '../../../engine/contract/models.js';
import { createRng, type RandomGenerator } from '../../../engine/rng/index.js';

export interface SyntheticSlate {
  readonly slate: SlateSpec;
  /** Latent strength per driver (slate order). */
  readonly strength: Float64Array;
  /** Ownership fractions summing to rosterSize. */
  readonly ownership: Float64Array;
  /** Starting position 1..n (fixed for the slate: place differential depends on it). */
  readonly start: Int32Array;
}

const DK_FINISH = (f: number): number => (f === 1 ? 45 : f === 2 ? 42 : f <= 10 ? 44 - f : f <= 20 ? 43 - f : f <= 30 ? 42 - f : f <= 40 ? 41 - f : 0);

export function syntheticSlate(n: number, seed: number, site: Site = 'DK'): SyntheticSlate {
  const rng = createRng(seed);
  const rosterSize = site === 'DK' ? 6 : 5;
  const strength = Float64Array.from({ length: n }, () => rng.nextNormal()).sort().reverse();
  // Salaries follow strength with noise so value plays exist; the cap binds (avg allowed ≈ 8.3k DK).
  const hi = site === 'DK' ? 11_500 : 14_000;
  const lo = site === 'DK' ? 4_500 : 5_500;
  const players = Array.from({ length: n }, (_, i) => {
    const base = hi - ((hi - lo) * i) / Math.max(1, n - 1);
    const salary = Math.max(lo, Math.round((base + 700 * rng.nextNormal()) / 100) * 100);
    return { driverId: `drv${String(i).padStart(2, '0')}`, name: `Driver ${i}`, salary, siteId: site === 'DK' ? String(30_000_000 + i * 7) : `90001-${12_000 + i}` };
  });
  const w = players.map((p, i) => Math.exp(1.2 * strength[i] + (1.5 * (hi - p.salary)) / (hi - lo) + 0.3 * rng.nextNormal()));
  const tot = w.reduce((a, b) => a + b, 0);
  const ownership = Float64Array.from(w, (v) => Math.min(0.9, (rosterSize * v) / tot));
  const start = rankOrder(Float64Array.from(strength, (t) => t + 0.8 * rng.nextNormal()));
  return { slate: { site, salaryCap: 50_000, rosterSize, players }, strength, ownership, start };
}

/** S x n DK-style points, row = scenario. */
export function syntheticPoints(ss: SyntheticSlate, scenarios: number, seed: number): Float32Array {
  const n = ss.slate.players.length;
  const rng = createRng(seed);
  const out = new Float32Array(scenarios * n);
  const start = ss.start;
  const key = new Float64Array(n);
  const lead = new Float64Array(n);
  for (let s = 0; s < scenarios; s++) {
    const wreck = rng.nextDouble() < 0.2;
    for (let i = 0; i < n; i++) {
      key[i] = 1.1 * ss.strength[i] + gumbel(rng);
      if (rng.nextDouble() < 0.06 || (wreck && rng.nextDouble() < 0.22)) key[i] -= 8 + rng.nextDouble(); // DNF / collected
    }
    const finish = rankOrder(key);
    let tot = 0;
    for (let i = 0; i < n; i++) {
      lead[i] = finish[i] <= 12 ? Math.exp(2.2 * ss.strength[i] + 1.2 * gumbel(rng)) : 0;
      tot += lead[i];
    }
    for (let i = 0; i < n; i++) {
      const lapsLed = tot > 0 ? (200 * lead[i]) / tot : 0;
      const fastest = tot > 0 ? (60 * lead[i]) / tot : 0;
      const pts = DK_FINISH(finish[i]) + (start[i] - finish[i]) + 0.25 * Math.round(lapsLed) + 0.45 * Math.round(fastest);
      out[s * n + i] = pts;
    }
  }
  return out;
}

/**
 * A field of `fieldSize` ownership-weighted opponent lineups (salary between 90 % and 100 % of
 * the cap), scored on every scenario; each row keeps the top `rowLength` scores ascending.
 */
export function syntheticField(ss: SyntheticSlate, points: Float32Array, fieldSize: number, rowLength: number, payouts: readonly PayoutTier[], seed: number): FieldScoreTable {
  const { slate, ownership } = ss;
  const n = slate.players.length;
  const R = slate.rosterSize;
  const S = points.length / n;
  const rng = createRng(seed);
  const lineups: number[][] = [];
  while (lineups.length < fieldSize) {
    const pick: number[] = [];
    const w = Array.from(ownership);
    for (let k = 0; k < R; k++) {
      const tot = w.reduce((a, b) => a + b, 0);
      let u = rng.nextDouble() * tot;
      let i = 0;
      while (i < n - 1 && (u -= w[i]) > 0) i++;
      pick.push(i);
      w[i] = 0;
    }
    const sal = pick.reduce((a, i) => a + slate.players[i].salary, 0);
    if (sal <= slate.salaryCap && sal >= 0.9 * slate.salaryCap) lineups.push(pick);
  }
  const scores = new Float32Array(S * rowLength);
  const ties = new Uint32Array(S);
  const row = new Float64Array(fieldSize);
  for (let s = 0; s < S; s++) {
    for (let e = 0; e < fieldSize; e++) {
      let v = 0;
      for (const i of lineups[e]) v += points[s * n + i];
      row[e] = Math.fround(Math.round(v * 1000) / 1000); // engine/contest stores milli-points as Float32
    }
    row.sort();
    const first = fieldSize - rowLength;
    for (let j = 0; j < rowLength; j++) scores[s * rowLength + j] = row[first + j];
    let t = 0;
    for (let e = 0; e < first; e++) if (row[e] === row[first]) t++;
    ties[s] = t;
  }
  const last = Math.max(...payouts.filter((t) => t.prize > 0).map((t) => t.toRank));
  const cumulativePrizes = new Float64Array(last + 1);
  for (let r = 1; r <= last; r++) cumulativePrizes[r] = cumulativePrizes[r - 1] + (payouts.find((t) => r >= t.fromRank && r <= t.toRank)?.prize ?? 0);
  return { scenarios: S, rowLength, sortedFieldScores: scores, fieldSize, tiesAtRowMin: ties, payouts, cumulativePrizes };
}

/** A top-heavy GPP table paying about the top 20 % of `entries`. */
export function gppPayouts(entries: number): PayoutTier[] {
  const paid = Math.max(3, Math.floor(entries * 0.2));
  const tiers: PayoutTier[] = [
    { fromRank: 1, toRank: 1, prize: 1000 },
    { fromRank: 2, toRank: 2, prize: 500 },
    { fromRank: 3, toRank: 3, prize: 300 },
  ];
  let from = 4;
  let prize = 150;
  while (from <= paid) {
    const to = Math.min(paid, from * 2);
    tiers.push({ fromRank: from, toRank: to, prize });
    prize = Math.max(10, Math.round(prize / 2));
    from = to + 1;
  }
  return tiers;
}

function gumbel(rng: RandomGenerator): number {
  return -Math.log(-Math.log(rng.nextDouble() + 1e-300) + 1e-300);
}

/** 1-based rank, highest key first. */
function rankOrder(key: Float64Array): Int32Array {
  const idx = Array.from(key.keys()).sort((a, b) => key[b] - key[a] || a - b);
  const rank = new Int32Array(key.length);
  idx.forEach((i, r) => (rank[i] = r + 1));
  return rank;
}
