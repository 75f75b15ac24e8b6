/**
 * The hand-set chalk coefficients must reproduce the ownership SHAPE described in
 * engine/ownership/coefficients.ts, on the real Bristol 2026 DK salaries with projections that
 * follow salary (no real ownership data exists to fit against; see shared/data/README.md).
 */
import { describe, expect, it } from 'vitest';
import { quietContext } from '../../../engine/contract/run-context.js';
import { projectOwnership } from '../../../engine/ownership/index.js';
import { bristolDkSlate, salaryProjections } from './bristol-slate.js';

describe('ownership shape on the real Bristol DK slate', () => {
  const slate = bristolDkSlate();

  it('has the documented 37-driver, $50k, 6-driver shape', () => {
    expect(slate.players).toHaveLength(37);
    expect(Math.max(...slate.players.map((p) => p.salary))).toBe(11_500);
  });

  it.each([1, 2, 3])('projection seed %i: chalk at 35-75 %, 6-14 drivers above 20 %, a tail below 5 %', (seed) => {
    const o = projectOwnership({ slate, projections: salaryProjections(slate, seed), trackType: 'intermediate' }, quietContext(seed), { ensembleSize: 100 });
    const pct = o.drivers.map((d) => d.meanPct);
    expect(pct.reduce((a, b) => a + b, 0)).toBeCloseTo(600, 9);
    expect(Math.max(...pct)).toBeGreaterThan(35);
    expect(Math.max(...pct)).toBeLessThan(75);
    const above20 = pct.filter((p) => p > 20).length;
    expect(above20).toBeGreaterThanOrEqual(6);
    expect(above20).toBeLessThanOrEqual(14);
    const below5 = pct.filter((p) => p < 5).length;
    expect(below5).toBeGreaterThanOrEqual(3);
    expect(below5).toBeLessThanOrEqual(14);
    expect(Math.min(...pct)).toBeLessThan(3);
  });
});
