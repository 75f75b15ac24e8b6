import { describe, expect, it } from 'vitest';
import type { CalibrationData, CalibrationResult } from '../../../engine/contract/calibration-types.js';
import { quietContext, type ProgressUpdate } from '../../../engine/contract/run-context.js';
import { calibrate } from '../../../engine/mcmc/calibrate.js';
import { raceModelFor } from '../../../engine/model/race-model.js';
import { syntheticSeason } from '../../../engine/model/synthetic.js';

/** Two seasons of synthetic races on three track types with teams, DNFs and laps led. */
function dataset(): CalibrationData {
  const types = ['intermediate', 'short', 'superspeedway'] as const;
  const races = types.flatMap((trackType, k) =>
    syntheticSeason({ drivers: 16, races: 8, seed: 40 + k, dnfProb: 0.1, trackType }).data.races.map((r, i) => ({
      ...r,
      raceId: `${trackType}-${i}`,
      date: new Date(Date.UTC(2023, 1, 1) + (i * 3 + k) * 30 * 86_400_000).toISOString().slice(0, 10),
      results: r.results.map((x) => ({ ...x, teamId: `t${Number(x.driverId.slice(1)) % 5}`, manufacturer: Number(x.driverId.slice(1)) % 2 ? 'Ford' : 'Toyota' })),
    })),
  );
  return { races };
}

const SPEC = { chains: 2, warmup: 150, draws: 100, trainThrough: '2024-06-30', evalSimsPerRace: 200 };

describe('calibrate end to end', () => {
  let result: CalibrationResult;
  const updates: ProgressUpdate[] = [];

  it('fits, diagnoses, evaluates held-out races and reports progress per chain', async () => {
    result = await calibrate(dataset(), SPEC, quietContext(21, (u) => updates.push(u)), { parallel: false });
    expect(result.seed).toBe(21);
    expect(result.data.trainRaces + result.data.testRaces).toBe(24);
    expect(result.data.testRaces).toBeGreaterThan(0);
    expect(result.posterior.drawCount).toBe(200);
    expect(result.posterior.draws.length).toBe(200 * result.posterior.names.length);
    expect(result.posterior.names).toContain('sigma_skill');
    expect(result.posterior.names).toContain('dnf_skill_slope');
    const d = result.diagnostics;
    expect(d.chains).toHaveLength(2);
    // Every warmup iteration takes at least one leapfrog step.
    for (const c of d.chains) expect(c.warmupLeapfrogs).toBeGreaterThanOrEqual(SPEC.warmup);
    expect(d.rhatMax).toBeGreaterThanOrEqual(1);
    expect(d.rhatBulkMax).toBeLessThanOrEqual(d.rhatMax);
    expect(d.rhatBulkMax).toBe(Math.max(...result.summaries.map((s) => s.rhatBulk!)));
    expect(result.summaries.every((s) => s.rhatBulk! <= s.rhat)).toBe(true);
    expect(d.essBulkMin).toBeGreaterThan(0);
    expect(d.acceptanceRate).toBeGreaterThan(0.5);
    expect(d.rejectionRate).toBeCloseTo(1 - d.acceptanceRate, 12);
    expect(d.wallMs).toBeGreaterThanOrEqual(d.samplingWallMs);
    const ev = result.evaluation!;
    expect(ev.overall.races).toBe(result.data.testRaces);
    expect(ev.overall.crpsUniform).toBeGreaterThan(0);
    for (const c of [ev.overall.coverage50, ev.overall.coverage80, ev.overall.coverage90]) expect(c).toBeGreaterThan(0);
    expect(ev.overall.coverage50).toBeLessThan(ev.overall.coverage90);
    // Real skill differences exist in the synthetic data, so the model must beat a uniform guess.
    expect(ev.overall.skillVsUniform).toBeGreaterThan(0.05);
    expect(Object.keys(ev.byTrackType).sort()).toEqual(['intermediate', 'short', 'superspeedway']);
    // Progress: both phases for both chains, running R-hat while sampling, fractions monotone per chain.
    for (const chain of [0, 1]) {
      const mine = updates.filter((u) => u.metrics?.chain === chain);
      expect(mine.some((u) => u.phase === 'warmup')).toBe(true);
      expect(mine.filter((u) => u.phase === 'sampling').at(-1)).toMatchObject({ done: 100, total: 100 });
    }
    expect(updates.some((u) => u.phase === 'sampling' && typeof u.metrics?.rhatMax === 'number')).toBe(true);
    expect(updates.some((u) => u.phase === 'evaluating')).toBe(true);
  }, 60_000);

  it('result is JSON-serialisable apart from the Float32 draw matrix', () => {
    const { posterior, ...rest } = result;
    const round = JSON.parse(JSON.stringify(rest));
    expect(round.summaries.length).toBe(posterior.names.length);
    expect(round.diagnostics.chains[0].stepSize).toBeGreaterThan(0);
    expect(posterior.draws).toBeInstanceOf(Float32Array);
  });

  it('same seed → identical posterior; different seed → different', async () => {
    const again = await calibrate(dataset(), { ...SPEC, trainThrough: undefined, evalSimsPerRace: 10, draws: 10, warmup: 20 }, quietContext(5), { parallel: false });
    const same = await calibrate(dataset(), { ...SPEC, trainThrough: undefined, evalSimsPerRace: 10, draws: 10, warmup: 20 }, quietContext(5), { parallel: false });
    const other = await calibrate(dataset(), { ...SPEC, trainThrough: undefined, evalSimsPerRace: 10, draws: 10, warmup: 20 }, quietContext(6), { parallel: false });
    expect(Array.from(same.posterior.draws)).toEqual(Array.from(again.posterior.draws));
    expect(Array.from(other.posterior.draws)).not.toEqual(Array.from(again.posterior.draws));
    expect(again.evaluation).toBeNull();
  }, 60_000);

  it('cancellation stops the run with CANCELLED', async () => {
    let calls = 0;
    const ctx = { seed: 1, progress: () => void calls++, isCancelled: () => calls > 3 };
    await expect(calibrate(dataset(), SPEC, ctx, { parallel: false })).rejects.toMatchObject({ type: 'CANCELLED' });
  });

  it('raceModelFor gives per-draw strengths, DNF and incident probabilities, and a replacement level for unknown drivers', () => {
    const drivers = ['d000', 'd001', 'd002', 'rookie'];
    const rm = raceModelFor(result, { drivers, trackType: 'short', laps: 300, startPositions: Int32Array.from([3, 1, 2, 4]) }, { maxDraws: 50 });
    expect(rm.draws).toBe(50);
    expect(rm.strength).toHaveLength(200);
    expect(rm.dnfProb.every((p) => p > 0 && p < 1)).toBe(true);
    expect(rm.incidentProb.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(rm.lapsLedDominance).toBe(result.dominance.lapsLed);
    expect(rm.greenLapShare).toBeGreaterThan(0);
    // The rookie's strength varies draw to draw by more than a known driver's (prior uncertainty).
    const sd = (i: number) => {
      const v = Array.from({ length: rm.draws }, (_, s) => rm.strength[s * 4 + i]);
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
    };
    expect(sd(3)).toBeGreaterThan(sd(0));
    // Deterministic for a seed.
    const again = raceModelFor(result, { drivers, trackType: 'short', laps: 300, startPositions: Int32Array.from([3, 1, 2, 4]) }, { maxDraws: 50 });
    expect(Array.from(again.strength)).toEqual(Array.from(rm.strength));
    expect(() => raceModelFor(result, { drivers, trackType: 'short', laps: 300, startPositions: Int32Array.from([1, 2]) })).toThrow(/startPositions/);
  });
});
