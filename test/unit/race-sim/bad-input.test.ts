import { describe, expect, it } from 'vitest';
import type { EngineError } from '../../../engine/contract/engine-error.js';
import type { RaceModel } from '../../../engine/contract/models.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { simulateRace, type SimulationOptions } from '../../../engine/race-sim/index.js';
import { syntheticRaceModel } from './synthetic-model.js';

const model = syntheticRaceModel({ drivers: 6, draws: 3, laps: 50 });

/** Run and return the typed error (fails the test if nothing, or something untyped, is thrown). */
function errorOf(m: RaceModel, opts: Partial<SimulationOptions> = {}, seed = 1): EngineError {
  try {
    simulateRace(m, { scenarios: 10, ...opts }, quietContext(seed));
  } catch (e) {
    expect((e as EngineError).type).toBe('INVALID_INPUT');
    expect((e as EngineError).retryable).toBe(false);
    return e as EngineError;
  }
  throw new Error('expected simulateRace to throw');
}

describe('simulateRace bad input → INVALID_INPUT naming the field', () => {
  it('unknown driver in start-position overrides', () => {
    const e = errorOf(model, { startPositions: { 'driver-01': 2, 'no-such-driver': 3 } });
    expect(e.details?.field).toBe('options.startPositions.no-such-driver');
    expect(e.message).toMatch(/unknown driver 'no-such-driver'/);
  });

  it('start positions: duplicates and out-of-range values', () => {
    const held = model.drivers[Array.from(model.startPositions).indexOf(2)];
    const other = model.drivers.find((d) => d !== held)!;
    expect(errorOf(model, { startPositions: { [other]: 2 } }).message).toMatch(/start position 2 is also held by/);
    expect(errorOf(model, { startPositions: { 'driver-01': 0 } }).details?.field).toBe('options.startPositions.driver-01');
    expect(errorOf({ ...model, startPositions: new Int32Array(6) }).details?.field).toBe('model.startPositions[0]');
  });

  it('model arrays of the wrong length or with bad values', () => {
    expect(errorOf({ ...model, strength: new Float64Array(5) }).details?.field).toBe('model.strength');
    const dnf = Float64Array.from(model.dnfProb);
    dnf[7] = Number.NaN;
    expect(errorOf({ ...model, dnfProb: dnf }).details?.field).toBe('model.dnfProb[7]');
    expect(errorOf({ ...model, incidentProb: Float64Array.from([0.1, 2, 0.1]) }).details?.field).toBe('model.incidentProb[1]');
    expect(errorOf({ ...model, drivers: ['a', 'b', 'a', 'c', 'd', 'e'] }).details?.field).toBe('model.drivers[2]');
    expect(errorOf({ ...model, laps: 0 }).details?.field).toBe('model.laps');
    expect(errorOf({ ...model, greenLapShare: 1.5 }).details?.field).toBe('model.greenLapShare');
    expect(errorOf({ ...model, draws: 2.5 }).details?.field).toBe('model.draws');
    expect(errorOf({ ...model, lapsLedDominance: Number.POSITIVE_INFINITY }).details?.field).toBe('model.lapsLedDominance');
  });

  it('options out of range, including a chunk index past the last chunk', () => {
    expect(errorOf(model, { scenarios: 0 }).details?.field).toBe('options.scenarios');
    expect(errorOf(model, { scenarios: 100, chunkSize: 30, chunkIndex: 4 }).details?.field).toBe('options.chunkIndex');
    expect(errorOf(model, { leadRankDecay: 0 }).details?.field).toBe('options.leadRankDecay');
    expect(errorOf(model, { fastestLapSegments: 1.5 }).details?.field).toBe('options.fastestLapSegments');
  });

  it('a non-integer seed', () => {
    expect(errorOf(model, {}, 1.5).details?.field).toBe('ctx.seed');
  });
});
