import { describe, expect, it } from 'vitest';
import type { EngineFailure } from '../../../engine/contract/engine-error.js';
import type { SlateSpec } from '../../../engine/contract/models.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { projectOwnership } from '../../../engine/ownership/index.js';
import { syntheticSlate } from '../contest/fixtures.js';
import { salaryProjections } from './bristol-slate.js';

const ctx = quietContext(11);
const slate = syntheticSlate(30);
const projections = salaryProjections(slate, 3);
const FAST = { ensembleSize: 60 };

function failure(fn: () => unknown): EngineFailure {
  try {
    fn();
  } catch (e) {
    return e as EngineFailure;
  }
  throw new Error('expected a throw');
}

function own(s: SlateSpec, p = projections, trackType: Parameters<typeof projectOwnership>[0]['trackType'] = 'intermediate') {
  return projectOwnership({ slate: s, projections: p, trackType }, ctx, FAST);
}

describe('projectOwnership', () => {
  it('sums to rosterSize x 100 % exactly (DK 600, FD 500), each within [0, 100] with an interval', () => {
    for (const site of ['DK', 'FD'] as const) {
      const s = syntheticSlate(30, site);
      const o = own(s);
      const total = o.drivers.reduce((a, d) => a + d.meanPct, 0);
      expect(total).toBeCloseTo(s.rosterSize * 100, 9);
      for (const d of o.drivers) {
        expect(d.meanPct).toBeGreaterThanOrEqual(0);
        expect(d.meanPct).toBeLessThanOrEqual(100);
        expect(d.lowerPct).toBeLessThanOrEqual(d.meanPct + 1e-9);
        expect(d.upperPct).toBeGreaterThanOrEqual(d.meanPct - 1e-9);
        expect(d.sdPct).toBeGreaterThan(0);
      }
    }
  });

  it('is reproducible from the seed', () => {
    const a = own(slate);
    const b = own(slate);
    expect(b).toEqual(a);
    const c = projectOwnership({ slate, projections, trackType: 'intermediate' }, quietContext(12), FAST);
    expect(c.drivers.map((d) => d.sdPct)).not.toEqual(a.drivers.map((d) => d.sdPct));
  });

  it('keeps the field under the cap: ownership-weighted salary = the configured usage', () => {
    const o = projectOwnership({ slate, projections, trackType: 'intermediate' }, ctx, { ...FAST, uncertainty: { relativeSd: 0.25, logTemperatureSd: 0.15, driverNoiseSd: 0.25, salaryUsageSd: 0 } });
    expect(o.impliedSalaryUsage).toBeCloseTo(0.985, 6);
  });

  it('raises a driver with a better projection, value or recent form', () => {
    const base = own(slate);
    const i = 12;
    const better = projections.map((p, k) => (k === i ? { ...p, mean: p.mean + 8 } : p));
    expect(own(slate, better).drivers[i].meanPct).toBeGreaterThan(base.drivers[i].meanPct + 2);
    const withForm = projections.map((p, k) => ({ ...p, recentForm: k === i ? 60 : 30 + (k % 5) }));
    const formless = projections.map((p, k) => ({ ...p, recentForm: k === i ? 20 : 30 + (k % 5) }));
    expect(own(slate, withForm).drivers[i].meanPct).toBeGreaterThan(own(slate, formless).drivers[i].meanPct);
    // Same projection, cheaper salary → better value → more owned.
    const twin = { ...slate, players: slate.players.map((p, k) => (k === i ? { ...p, salary: p.salary - 1500 } : p)) };
    expect(own(twin).drivers[i].meanPct).toBeGreaterThan(base.drivers[i].meanPct);
  });

  it('spreads ownership more at superspeedways than at road courses', () => {
    const entropy = (pct: number[]): number => -pct.reduce((a, p) => a + (p / 600) * Math.log(p / 600 + 1e-300), 0);
    const ss = own(slate, projections, 'superspeedway').drivers.map((d) => d.meanPct);
    const road = own(slate, projections, 'road').drivers.map((d) => d.meanPct);
    expect(entropy(ss)).toBeGreaterThan(entropy(road));
    expect(Math.max(...ss)).toBeLessThan(Math.max(...road));
  });

  it('applies overrides exactly and rescales the rest so the total holds', () => {
    const overrides = [
      { driverId: slate.players[0].driverId, ownershipPct: 5 },
      { driverId: slate.players[20].driverId, ownershipPct: 70 },
    ];
    const o = projectOwnership({ slate, projections, trackType: 'intermediate', overrides }, ctx, FAST);
    expect(o.drivers[0]).toMatchObject({ meanPct: 5, sdPct: 0, lowerPct: 5, upperPct: 5, overridden: true });
    expect(o.drivers[20].meanPct).toBe(70);
    expect(o.drivers.reduce((a, d) => a + d.meanPct, 0)).toBeCloseTo(600, 9);
    const free = o.drivers.filter((d) => !d.overridden);
    expect(free.every((d) => d.sdPct > 0 && d.meanPct <= 100)).toBe(true);
  });

  it('rejects bad input with typed errors naming the field', () => {
    const cases: [() => unknown, string][] = [
      [() => projectOwnership({ slate, projections, trackType: 'intermediate', overrides: [{ driverId: 'nobody', ownershipPct: 10 }] }, ctx, FAST), 'overrides[0].driverId'],
      [() => projectOwnership({ slate, projections, trackType: 'intermediate', overrides: [{ driverId: 'd1', ownershipPct: 130 }] }, ctx, FAST), 'overrides[0].ownershipPct'],
      [
        () =>
          projectOwnership(
            { slate, projections, trackType: 'intermediate', overrides: slate.players.slice(0, 7).map((p) => ({ driverId: p.driverId, ownershipPct: 90 })) },
            ctx,
            FAST,
          ),
        'overrides',
      ],
      [() => projectOwnership({ slate, projections: [...projections, { driverId: 'ghost', mean: 30 }], trackType: 'intermediate' }, ctx, FAST), `projections[${projections.length}].driverId`],
      [() => projectOwnership({ slate, projections: projections.slice(1), trackType: 'intermediate' }, ctx, FAST), 'projections'],
      [() => projectOwnership({ slate, projections, trackType: 'oval' as never }, ctx, FAST), 'trackType'],
      [() => projectOwnership({ slate: { ...slate, rosterSize: 0 }, projections, trackType: 'road' }, ctx, FAST), 'slate.rosterSize'],
    ];
    for (const [fn, field] of cases) {
      const f = failure(fn);
      expect(f.type).toBe('INVALID_INPUT');
      expect(f.details?.field).toBe(field);
    }
  });

  it('honours cancellation and reports progress', () => {
    const phases: string[] = [];
    const f = failure(() => projectOwnership({ slate, projections, trackType: 'short' }, { seed: 1, progress: (u) => phases.push(u.phase), isCancelled: () => phases.length > 0 }, FAST));
    expect(f.type).toBe('CANCELLED');
    expect(phases).toContain('ownership');
  });
});
