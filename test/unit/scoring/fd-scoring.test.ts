import { describe, expect, it } from 'vitest';
import type { EngineError } from '../../../engine/contract/engine-error.js';
import { fdBreakdown, fdFinishPoints, fdPoints } from '../../../engine/scoring/index.js';

describe('FanDuel NASCAR scoring', () => {
  it('uses the finish table 43, 40, 38, 37 … 1 for 40th, then 0', () => {
    expect([1, 2, 3, 4, 5, 10, 20, 39, 40, 41, 43].map(fdFinishPoints)).toEqual([43, 40, 38, 37, 36, 31, 21, 2, 1, 0, 0]);
  });

  it('adds ±0.5 per place, 0.1 per lap led and 0.1 per lap completed, exactly', () => {
    // Winner from 5th who led 100 of 267 laps: 43 + 2 + 10 + 26.7.
    expect(fdPoints(1, 5, 100, 267)).toBe(81.7);
    // Lost 17 places, crashed after 33 laps: 25th = 16 points, -8.5, 3.3 for laps completed.
    expect(fdPoints(25, 8, 0, 33)).toBe(10.8);
    const b = fdBreakdown(3, 1, 7, 300);
    expect(b).toEqual({ finishPoints: 38, placeDifferential: -1, lapsLedPoints: 0.7, lapsCompletedPoints: 30, total: 67.7 });
    expect(b.finishPoints + b.placeDifferential + b.lapsLedPoints + b.lapsCompletedPoints).toBeCloseTo(b.total, 10);
  });

  it('rejects bad input naming the argument', () => {
    try {
      fdPoints(1, 2, 3, -4);
      throw new Error('no throw');
    } catch (e) {
      expect((e as EngineError).type).toBe('INVALID_INPUT');
      expect((e as EngineError).details?.field).toBe('lapsCompleted');
    }
  });
});
