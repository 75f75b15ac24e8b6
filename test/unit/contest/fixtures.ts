/**
 * Synthetic inputs for contest tests and the contest bench. The real race simulator lives in
 * engine/race-sim (another domain); these tests must not depend on it, so scenarios come from a
 * small stand-in: Gumbel-perturbed strengths (better for higher salary) give a finishing order,
 * DK points = finish points + place differential + laps-led/fastest-lap bonuses.
 */
import type { ContestSpec, ScenarioSet, SlateSpec } from '../../../engine/contract/models.js';
import { createRng } from '../../../engine/rng/index.js';

/** DK finish points: 1st 45, 2nd 42, 3rd-10th 41..34, 11th-20th 32..23, 21st-30th 21..12, 31st-40th 10..1. */
function dkFinishPoints(pos: number): number {
  if (pos === 1) return 45;
  if (pos === 2) return 42;
  if (pos <= 10) return 44 - pos;
  if (pos <= 20) return 43 - pos;
  if (pos <= 30) return 42 - pos;
  if (pos <= 40) return 41 - pos;
  return 0;
}

/** A synthetic slate: n drivers, salaries from $11.5k down in even $100-multiple steps (floored at $4.5k). */
export function syntheticSlate(n = 36, site: 'DK' | 'FD' = 'DK'): SlateSpec {
  const step = Math.max(100, Math.round(7000 / (n - 1) / 100) * 100);
  const players = Array.from({ length: n }, (_, i) => ({
    driverId: `d${i}`,
    name: `Driver ${i}`,
    salary: Math.max(4500, 11_500 - step * i),
    siteId: `s${i}`,
  }));
  return { site, salaryCap: 50_000, rosterSize: site === 'DK' ? 6 : 5, players };
}

/** S scenarios of DK (and FD = 0.8 * DK) points for the slate's drivers. */
export function syntheticScenarios(slate: SlateSpec, S: number, seed: number, laps = 300): ScenarioSet {
  const n = slate.players.length;
  const rng = createRng(seed);
  const strength = slate.players.map((p) => (p.salary - 8000) / 1500);
  const dk = new Float32Array(S * n);
  const fd = new Float32Array(S * n);
  const perf = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) perf[i] = strength[i] - Math.log(-Math.log(rng.nextDouble() || 1e-12));
    order.sort((a, b) => perf[b] - perf[a]);
    // Laps led go mostly to the top three finishers of the scenario.
    const leaders = [order[0], order[1], order[2]];
    const shares = [0.5 + 0.3 * rng.nextDouble(), 0.1 + 0.2 * rng.nextDouble(), 0.05 + 0.1 * rng.nextDouble()];
    order.forEach((driver, k) => {
      const finish = k + 1;
      const start = driver + 1; // salary order doubles as qualifying order
      let pts = dkFinishPoints(finish) + (start - finish);
      const lead = leaders.indexOf(driver);
      if (lead >= 0) pts += 0.25 * Math.round(laps * shares[lead]) + 0.45 * Math.round(40 * shares[lead]);
      dk[s * n + driver] = pts;
      fd[s * n + driver] = Math.fround(0.8 * pts);
    });
  }
  const zeros8 = new Uint8Array(S * n);
  return {
    drivers: slate.players.map((p) => p.driverId),
    scenarios: S,
    finish: zeros8,
    lapsLed: new Uint16Array(S * n),
    fastestLaps: new Uint16Array(S * n),
    dnf: zeros8,
    dkPoints: dk,
    fdPoints: fd,
    seed,
  };
}

/** A GPP-like payout table: top ~22 % paid, min cash 2x fee, ~15 % rake. */
export function gppContest(fieldSize: number, entryFee = 20, maxEntries = 150): ContestSpec {
  const pool = fieldSize * entryFee * 0.85;
  const paid = Math.max(1, Math.floor(fieldSize * 0.22));
  const minCash = 2 * entryFee;
  // Geometric decay from first place down to the min cash, scaled to the pool.
  const raw = Array.from({ length: paid }, (_, k) => Math.pow(k + 1, -1.1));
  const rawSum = raw.reduce((a, b) => a + b, 0);
  const spare = pool - minCash * paid;
  const prizes = raw.map((r) => Math.floor((minCash + (spare * r) / rawSum) * 100) / 100);
  const payouts: { fromRank: number; toRank: number; prize: number }[] = [];
  prizes.forEach((p, k) => {
    const lastTier = payouts[payouts.length - 1];
    if (lastTier && lastTier.prize === p) payouts[payouts.length - 1] = { ...lastTier, toRank: k + 1 };
    else payouts.push({ fromRank: k + 1, toRank: k + 1, prize: p });
  });
  return { entryFee, fieldSize, maxEntries, payouts };
}

/** Ownership (percent) that is budget-consistent for a slate: a simple salary-tilted softmax. */
export function flatOwnership(slate: SlateSpec): { driverId: string; meanPct: number }[] {
  const n = slate.players.length;
  const w = slate.players.map((p, i) => Math.exp(-i / (n / 3)) + 0.15);
  const s = w.reduce((a, b) => a + b, 0);
  return slate.players.map((p, i) => ({ driverId: p.driverId, meanPct: Math.min(100, (100 * slate.rosterSize * w[i]) / s) }));
}
