import { describe, expect, it } from 'vitest';
import type { EngineError } from '../../../engine/contract/engine-error.js';
import { dkPoints, fdPoints, scoreScenarioSet, type ScorableScenarios } from '../../../engine/scoring/index.js';

// Two scenarios, three drivers.
const set: ScorableScenarios = {
  drivers: ['a', 'b', 'c'],
  scenarios: 2,
  finish: Uint8Array.from([1, 2, 3, 3, 1, 2]),
  lapsLed: Uint16Array.from([90, 10, 0, 0, 60, 40]),
  fastestLaps: Uint16Array.from([30, 20, 30, 10, 40, 30]),
  lapsCompleted: Uint16Array.from([100, 100, 99, 42, 100, 100]),
  startPositions: Int32Array.from([3, 1, 2]),
};

describe('scoreScenarioSet', () => {
  it('scores every cell like the pure functions (as Float32)', () => {
    const { dkPoints: dk, fdPoints: fd } = scoreScenarioSet(set);
    for (let s = 0; s < 2; s++)
      for (let i = 0; i < 3; i++) {
        const k = s * 3 + i;
        expect(dk[k]).toBe(Math.fround(dkPoints(set.finish[k], set.startPositions[i], set.lapsLed[k], set.fastestLaps[k])));
        expect(fd[k]).toBe(Math.fround(fdPoints(set.finish[k], set.startPositions[i], set.lapsLed[k], set.lapsCompleted[k])));
      }
    expect(dk[0]).toBeCloseTo(45 + 2 + 13.5 + 22.5, 5);
  });

  it('re-scores with other start positions (e.g. after qualifying) without re-simulating', () => {
    const before = scoreScenarioSet(set).dkPoints;
    const after = scoreScenarioSet(set, Int32Array.from([1, 2, 3])).dkPoints;
    expect(after[0] - before[0]).toBeCloseTo(-2, 5); // driver a now starts 1st instead of 3rd
  });

  it('rejects mismatched columns and bad positions, naming the field', () => {
    const fieldOf = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        expect((e as EngineError).type).toBe('INVALID_INPUT');
        return (e as EngineError).details?.field;
      }
      return 'no throw';
    };
    expect(fieldOf(() => scoreScenarioSet({ ...set, lapsLed: new Uint16Array(5) }))).toBe('set.lapsLed');
    expect(fieldOf(() => scoreScenarioSet(set, Int32Array.from([1, 2])))).toBe('startPositions');
    expect(fieldOf(() => scoreScenarioSet(set, Int32Array.from([1, 0, 3])))).toBe('startPositions[1]');
    expect(fieldOf(() => scoreScenarioSet({ ...set, finish: Uint8Array.from([1, 2, 3, 0, 1, 2]) }))).toBe('set.finish[3]');
  });
});
