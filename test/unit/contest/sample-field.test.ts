import { describe, expect, it } from 'vitest';

// Sampling work is sized for ~1-2 s on 2 idle cores; the timeout leaves room for a busy CI box.
const SLOW = 30_000;
import type { SampledField } from '../../../engine/contract/contest-types.js';
import type { EngineFailure } from '../../../engine/contract/engine-error.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { sampleField } from '../../../engine/contest/index.js';
import { projectOwnership } from '../../../engine/ownership/index.js';
import { createRng } from '../../../engine/rng/index.js';
import { bristolDkSlate, salaryProjections } from '../ownership/bristol-slate.js';

const slate = bristolDkSlate();
const ownership = projectOwnership({ slate, projections: salaryProjections(slate, 1), trackType: 'intermediate' }, quietContext(1), { ensembleSize: 60 });
const N = 20_000;
const field = sampleField({ slate, ownership: ownership.drivers, fieldSize: N }, createRng(21));

function failure(fn: () => unknown): EngineFailure {
  try {
    fn();
  } catch (e) {
    return e as EngineFailure;
  }
  throw new Error('expected a throw');
}

/** Standard error of a driver's field share, inflated by the duplicate clustering (design effect). */
function shareSe(f: SampledField, t: number): number {
  let m2 = 0;
  for (const c of f.counts) m2 += c * c;
  return Math.sqrt(t * (1 - t) * m2) / f.entries;
}

describe('sampleField', () => {
  it('builds legal lineups: rosterSize distinct drivers under the cap', () => {
    const R = slate.rosterSize;
    let entries = 0;
    const bad: number[][] = [];
    for (let d = 0; d < field.distinct; d++) {
      const l = Array.from(field.lineups.subarray(d * R, (d + 1) * R));
      const salary = l.reduce((a, p) => a + slate.players[p].salary, 0);
      if (new Set(l).size !== R || salary > slate.salaryCap) bad.push(l);
      entries += field.counts[d];
    }
    expect(bad).toEqual([]);
    expect(entries).toBe(N);
    expect(field.distinct).toBeGreaterThan(N / 4);
  }, SLOW);

  it('matches the ownership targets within Monte-Carlo error', () => {
    for (let i = 0; i < slate.players.length; i++) {
      const t = ownership.drivers[i].meanPct / 100;
      expect(field.targets[i]).toBeCloseTo(t, 9);
      expect(Math.abs(field.frequencies[i] - t)).toBeLessThan(4 * shareSe(field, t) + 1e-3);
    }
  }, SLOW);

  it('spends like a real field: mean usage = the usage ownership implies, mostly 95 %+ of the cap', () => {
    expect(field.diagnostics.meanSalaryUsage).toBeCloseTo(ownership.impliedSalaryUsage, 2);
    expect(field.diagnostics.shareAbove95).toBeGreaterThan(0.8);
    expect(field.diagnostics.calibrationMaxAbsError).toBeLessThan(0.01);
  }, SLOW);

  it('is reproducible from the generator and duplicates more with a stronger urn', () => {
    const small = (dup: number, seed = 5) => sampleField({ slate, ownership: ownership.drivers, fieldSize: 2000, options: { duplication: dup, calibration: { pilotSize: 2000, maxIterations: 5, tolerance: 0.004, step: 1 } } }, createRng(seed));
    const a = small(4);
    expect(small(4)).toEqual(a);
    expect(small(4, 6).lineups).not.toEqual(a.lineups);
    const none = small(Infinity);
    const heavy = small(0.3);
    expect(none.diagnostics.copiedEntries).toBe(0);
    expect(heavy.diagnostics.copiedEntries).toBeGreaterThan(700);
    expect(heavy.diagnostics.duplicatedShare).toBeGreaterThan(none.diagnostics.duplicatedShare);
    expect(heavy.distinct).toBeLessThan(none.distinct);
  }, SLOW);

  it('rejects impossible or malformed input, naming the field', () => {
    const own = ownership.drivers;
    const rng = createRng(1);
    expect(failure(() => sampleField({ slate, ownership: own, fieldSize: 0 }, rng)).details?.field).toBe('contest.fieldSize');
    expect(failure(() => sampleField({ slate: { ...slate, salaryCap: 20_000 }, ownership: own, fieldSize: 10 }, rng)).details?.field).toBe('slate.salaryCap');
    expect(failure(() => sampleField({ slate, ownership: [{ driverId: 'ghost', meanPct: 10 }, ...own], fieldSize: 10 }, rng)).details?.field).toBe('ownership[0].driverId');
    expect(failure(() => sampleField({ slate, ownership: own.map((o) => ({ ...o, meanPct: o.meanPct / 2 })), fieldSize: 10 }, rng)).details?.field).toBe('ownership');
    const f = failure(() => sampleField({ slate, ownership: own, fieldSize: 10 }, rng, { seed: 1, progress: () => {}, isCancelled: () => true }));
    expect(f.type).toBe('CANCELLED');
  }, SLOW);
});
