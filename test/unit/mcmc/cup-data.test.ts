import { describe, expect, it } from 'vitest';
import { validateCalibrationData } from '../../../engine/mcmc/validate-data.js';
import { buildDesign } from '../../../engine/model/design.js';
import { DEFAULT_FEATURES } from '../../../engine/mcmc/validate-spec.js';
import { loadCupData, parseCsvLine } from '../../support/cup-data.js';

describe('real Cup data (../shared/data, 2015-2025)', () => {
  const data = loadCupData(); // throws with the expected path if the file is missing

  it('parses every race and row, and passes validation', () => {
    expect(data.races).toHaveLength(396);
    expect(data.races.reduce((n, r) => n + r.results.length, 0)).toBe(15_341);
    expect(() => validateCalibrationData(data)).not.toThrow();
    const withFastest = data.races.filter((r) => r.results.every((x) => x.fastestLaps !== null));
    expect(withFastest.length).toBeGreaterThan(240); // loop data from 2019
    expect(new Set(data.races.map((r) => r.trackType))).toEqual(new Set(['superspeedway', 'intermediate', 'short', 'road', 'dirt']));
  });

  it('builds a design with finishers only, in finishing order', () => {
    const design = buildDesign(data.races, { features: DEFAULT_FEATURES, halfLifeDays: 730, referenceDate: '2025-12-31', minRaceWeight: 0 });
    const running = data.races.reduce((n, r) => n + r.results.filter((x) => x.status === 'running').length, 0);
    expect(design.rowDriver.length).toBe(running);
    expect(design.driverIds.length).toBeGreaterThan(150);
    expect(design.raceWeight[design.raceWeight.length - 1]).toBeGreaterThan(0.9);
    expect(design.raceWeight[0]).toBeLessThan(0.05);
  });

  it('CSV line parser handles quotes', () => {
    expect(parseCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']);
  });
});

describe('default calibration on the real Cup data', () => {
  it('no chain collapses from its start (seed 12 did with ±1 sd start jitter: step size → 0, R-hat 1.55)', async () => {
    const { calibrate } = await import('../../../engine/mcmc/calibrate.js');
    const { quietContext } = await import('../../../engine/contract/run-context.js');
    const res = await calibrate(loadCupData(), {}, quietContext(12));
    for (const c of res.diagnostics.chains) expect(c.stepSize).toBeGreaterThan(0.05);
    expect(res.diagnostics.rhatMax).toBeLessThan(1.1);
    expect(res.diagnostics.divergences).toBeLessThanOrEqual(5);
  }, 120_000);
});
