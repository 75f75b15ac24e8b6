import { describe, expect, it } from 'vitest';
import type { ProgressUpdate } from '../../../engine/contract/run-context.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { optimizeLineup, optimizePortfolio } from '../../../engine/lineup/index.js';
import { syntheticPoints, syntheticSlate } from './fixtures.js';

const ss = syntheticSlate(14, 3);
const points = syntheticPoints(ss, 200, 4);
const input = { slate: ss.slate, selection: { points }, ownership: ss.ownership };
const top = [...ss.slate.players].sort((a, b) => b.salary - a.salary);

/** Runs f, expects a typed EngineError, and checks no work started (no progress was reported). */
function failure(f: (ctx: ReturnType<typeof quietContext>) => unknown): { type: string; message: string; field?: unknown } {
  const seen: ProgressUpdate[] = [];
  try {
    f(quietContext(1, (u) => seen.push(u)));
  } catch (err) {
    const e = err as { type: string; message: string; details?: { field?: unknown } };
    expect(seen, 'no search work before the error').toHaveLength(0);
    return { type: e.type, message: e.message, field: e.details?.field };
  }
  throw new Error('expected an EngineError');
}

describe('bad input fails fast with a typed error naming the constraint', () => {
  it('locks over the cap', () => {
    const locks = top.slice(0, 5).map((p) => p.driverId);
    const cost = top.slice(0, 5).reduce((a, p) => a + p.salary, 0);
    const e = failure((ctx) => optimizeLineup(input, { kind: 'mean' }, { constraints: { locks } }, ctx));
    expect(e.type).toBe('INFEASIBLE');
    expect(e.field).toBe('constraints.locks');
    expect(cost).toBeGreaterThan(50_000);
    expect(e.message).toBe(`constraints.locks: locked drivers cost ${cost.toLocaleString('en-US')} > cap 50,000`);
  });

  it('min exposures that sum past the roster size', () => {
    const exposures = ss.slate.players.slice(0, 12).map((p) => ({ driverId: p.driverId, min: 0.6 }));
    const e = failure((ctx) => optimizePortfolio(input, { kind: 'mean' }, { lineups: 10, constraints: { exposures } }, ctx));
    expect(e.type).toBe('INFEASIBLE');
    expect(e.message).toBe('constraints.exposure: sum of min exposures 7.2 > roster size 6');
  });

  it('max exposures too small to fill the rosters, and min above max', () => {
    expect(failure((ctx) => optimizePortfolio(input, { kind: 'mean' }, { lineups: 20, constraints: { maxExposure: 0.2 } }, ctx)).message).toMatch(/^constraints\.exposure: max exposures allow only 56 driver slots < 6 x 20/);
    const e = failure((ctx) => optimizePortfolio(input, { kind: 'mean' }, { lineups: 20, constraints: { maxExposure: 0.3, exposures: [{ driverId: 'drv01', min: 0.5 }] } }, ctx));
    expect(e.message).toContain("driver 'drv01': min exposure 0.5 > max exposure 0.3");
  });

  it('rules that contradict only jointly are caught by the up-front legality count', () => {
    const cheap = [...ss.slate.players].sort((a, b) => a.salary - b.salary).slice(0, 8).map((p) => p.driverId);
    const e = failure((ctx) => optimizeLineup(input, { kind: 'mean' }, { constraints: { groups: [{ drivers: cheap, atMost: 0 }], minSalary: 49_900 } }, ctx));
    expect(e.type).toBe('INFEASIBLE');
    expect(e.field).toBe('constraints');
  });

  it('malformed input is INVALID_INPUT naming the field', () => {
    const cases: [string, (ctx: ReturnType<typeof quietContext>) => unknown][] = [
      ['constraints.locks[0]', (ctx) => optimizeLineup(input, { kind: 'mean' }, { constraints: { locks: ['nobody'] } }, ctx)],
      ['options.lineups', (ctx) => optimizePortfolio(input, { kind: 'mean' }, { lineups: 151 }, ctx)],
      ['selection.field', (ctx) => optimizeLineup(input, { kind: 'payout' }, {}, ctx)],
      ['objective.levels[0].alpha', (ctx) => optimizeLineup(input, { kind: 'cvar', levels: [{ alpha: 0, weight: 1 }] }, {}, ctx)],
      ['ownership[0]', (ctx) => optimizeLineup({ ...input, ownership: Float64Array.from(ss.ownership, (o) => o * 100) }, { kind: 'mean' }, {}, ctx)],
      ['selection.points', (ctx) => optimizeLineup({ ...input, selection: { points: points.subarray(0, 27) } }, { kind: 'mean' }, {}, ctx)],
      ['slate.rosterSize', (ctx) => optimizeLineup({ ...input, slate: { ...ss.slate, site: 'FD' } }, { kind: 'mean' }, {}, ctx)],
      ['ownership', (ctx) => optimizeLineup({ slate: ss.slate, selection: { points } }, { kind: 'leverage', ownershipPenalty: 10 }, {}, ctx)],
      ['objective.target', (ctx) => optimizePortfolio(input, { kind: 'coverage', target: { kind: 'win' } }, {}, ctx)],
    ];
    for (const [field, f] of cases) {
      const e = failure(f);
      expect(e.type, field).toBe('INVALID_INPUT');
      expect(e.field, e.message).toBe(field);
    }
    const nan = Float32Array.from(points);
    nan[17] = Number.NaN;
    expect(failure((ctx) => optimizeLineup({ ...input, selection: { points: nan } }, { kind: 'mean' }, {}, ctx)).message).toContain('non-finite value at scenario 1, driver 3');
  });
});
