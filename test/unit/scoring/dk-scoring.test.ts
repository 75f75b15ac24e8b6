import { describe, expect, it } from 'vitest';
import type { EngineError } from '../../../engine/contract/engine-error.js';
import { dkBreakdown, dkFinishPoints, dkPoints } from '../../../engine/scoring/index.js';

describe('DraftKings NASCAR scoring', () => {
  it('uses the finish-points table 45, 42, 41..34, 32..23, 21..12, 10..1, then 0', () => {
    const table = Array.from({ length: 43 }, (_, i) => dkFinishPoints(i + 1));
    expect(table.slice(0, 10)).toEqual([45, 42, 41, 40, 39, 38, 37, 36, 35, 34]);
    expect(table.slice(10, 20)).toEqual([32, 31, 30, 29, 28, 27, 26, 25, 24, 23]);
    expect(table.slice(20, 30)).toEqual([21, 20, 19, 18, 17, 16, 15, 14, 13, 12]);
    expect(table.slice(30, 40)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(table.slice(40)).toEqual([0, 0, 0]); // 41st–43rd (43-car fields of 2015)
  });

  // Published DraftKings points for the 2021 YellaWood 500 (Talladega), as listed by
  // https://frcs.pro/dfs/draftkings/cup/race-fantasy-points/2021/talladega-superspeedway/yellawood-500
  // [driver, start, finish, fastest laps, laps led, DK points]
  const published: [string, number, number, number, number, number][] = [
    ['Bubba Wallace', 19, 1, 2, 5, 65.15],
    ['Brad Keselowski', 7, 2, 1, 13, 50.7],
    ['Joey Logano', 8, 3, 1, 9, 48.7],
    ['Kurt Busch', 14, 4, 8, 9, 55.85],
    ['Christopher Bell', 12, 5, 2, 12, 49.9],
    ['Chris Buescher', 24, 6, 1, 7, 58.2],
    ['Denny Hamlin', 1, 7, 4, 6, 34.3],
    ['Kevin Harvick', 9, 8, 0, 16, 41],
    ['Erik Jones', 26, 9, 1, 0, 52.45],
    ['Anthony Alfredo', 30, 10, 2, 1, 55.15],
    ['Austin Dillon', 16, 11, 0, 0, 37],
    ['Martin Truex Jr', 6, 12, 2, 2, 26.4],
    ['Cole Custer', 28, 13, 2, 7, 47.65],
    ['Landon Cassill', 40, 24, 0, 0, 34],
    ['Kyle Busch', 2, 27, 1, 4, -8.55],
  ];
  it.each(published)('reproduces the published score of %s', (_name, start, finish, fl, led, pts) => {
    expect(dkPoints(finish, start, led, fl)).toBe(pts);
  });

  it('is exact to the cent (integer-cent arithmetic, no float drift)', () => {
    // 0.45 and 0.25 are not binary fractions; summing them naively drifts (0.45 * 3 = 1.3500000000000003).
    expect(dkPoints(40, 40, 0, 3)).toBe(2.35);
    expect(dkPoints(1, 1, 500, 333)).toBe(45 + 125 + 149.85);
    const b = dkBreakdown(3, 10, 9, 7);
    expect(b).toEqual({ finishPoints: 41, placeDifferential: 7, fastestLapPoints: 3.15, lapsLedPoints: 2.25, total: 53.4 });
  });

  it('rejects bad input with INVALID_INPUT naming the argument', () => {
    for (const [args, field] of [
      [[0, 1, 0, 0], 'finish'],
      [[1, 1.5, 0, 0], 'start'],
      [[1, 1, -1, 0], 'lapsLed'],
      [[1, 1, 0, Number.NaN], 'fastestLaps'],
    ] as const) {
      try {
        dkPoints(...(args as unknown as [number, number, number, number]));
        throw new Error('no throw');
      } catch (e) {
        expect((e as EngineError).type).toBe('INVALID_INPUT');
        expect((e as EngineError).details?.field).toBe(field);
      }
    }
  });
});
