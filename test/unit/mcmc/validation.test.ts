import { describe, expect, it } from 'vitest';
import type { CalibrationData, CalibrationRace } from '../../../engine/contract/calibration-types.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { calibrate } from '../../../engine/mcmc/calibrate.js';
import { validateCalibrationData } from '../../../engine/mcmc/validate-data.js';
import { DEFAULT_CALIBRATION_SPEC, validateCalibrationSpec } from '../../../engine/mcmc/validate-spec.js';
import { syntheticSeason } from '../../../engine/model/synthetic.js';

const good = syntheticSeason({ drivers: 6, races: 3, seed: 1 }).data;

function withRace(mutate: (r: CalibrationRace) => CalibrationRace): CalibrationData {
  return { races: [good.races[0], mutate(good.races[1]), good.races[2]] };
}

/** Runs calibrate and returns the failure, asserting it is a typed INVALID_INPUT. */
async function failure(data: unknown, spec: unknown = {}) {
  let progressed = false;
  const err = await calibrate(data as CalibrationData, spec, quietContext(1, () => (progressed = true)), { parallel: false }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ name: 'EngineError', type: 'INVALID_INPUT', retryable: false });
  expect(progressed).toBe(false); // rejected before any work started
  return err as { message: string; details: Record<string, unknown> };
}

describe('bad calibration input fails with a typed error naming the problem', () => {
  it('empty data', async () => {
    const e = await failure({ races: [] });
    expect(e.details.field).toBe('races');
    expect(e.message).toMatch(/empty/);
  });

  it('a race with one result, and a race with one finisher', async () => {
    const one = await failure(withRace((r) => ({ ...r, results: [r.results[0]] })));
    expect(one.details).toMatchObject({ field: 'races[1].results', raceId: 'syn-2' });
    const oneFinisher = await failure(withRace((r) => ({ ...r, results: r.results.map((x, i) => (i === 0 ? x : { ...x, status: 'accident' })) })));
    expect(oneFinisher.message).toMatch(/1 finisher/);
  });

  it('NaN in a numeric field names race, driver and field', async () => {
    const e = await failure(withRace((r) => ({ ...r, results: r.results.map((x, i) => (i === 2 ? { ...x, lapsLed: Number.NaN } : x)) })));
    expect(e.details).toMatchObject({ field: 'races[1].results[2].lapsLed', raceId: 'syn-2', driverId: good.races[1].results[2].driverId });
  });

  it('duplicate finishing position', async () => {
    const e = await failure(withRace((r) => ({ ...r, results: r.results.map((x, i) => (i === 1 ? { ...x, finish: 1 } : x)) })));
    expect(e.details.field).toBe('races[1].results[1].finish');
    expect(e.message).toMatch(/duplicate finish 1/);
  });

  it('unknown track type, duplicate race id, bad date', async () => {
    expect((await failure(withRace((r) => ({ ...r, trackType: 'oval' as never })))).details.field).toBe('races[1].trackType');
    expect((await failure({ races: [good.races[0], good.races[0]] })).message).toMatch(/duplicate race id/);
    expect((await failure(withRace((r) => ({ ...r, date: 'yesterday' })))).details.field).toBe('races[1].date');
  });

  it('bad spec fields', async () => {
    expect((await failure(good, { chains: 0 })).details.field).toBe('chains');
    expect((await failure(good, { warmup: 1.5 })).details.field).toBe('warmup');
    expect((await failure(good, { recencyHalfLifeDays: -3 })).details.field).toBe('recencyHalfLifeDays');
    expect((await failure(good, { features: { team: 'yes' } })).details.field).toBe('features.team');
    expect((await failure(good, { nonsense: 1 })).details.field).toBe('nonsense');
    expect((await failure(good, { trainThrough: '2001-01-01' })).details.field).toBe('trainThrough');
  });

  it('accepts good input and fills defaults', () => {
    expect(() => validateCalibrationData(good)).not.toThrow();
    expect(validateCalibrationSpec(undefined)).toEqual(DEFAULT_CALIBRATION_SPEC);
    expect(validateCalibrationSpec({ chains: 2, features: { team: false } })).toMatchObject({ chains: 2, warmup: DEFAULT_CALIBRATION_SPEC.warmup, features: { team: false, trackType: true } });
  });
});
