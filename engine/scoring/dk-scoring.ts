/**
 * DraftKings NASCAR classic scoring (issue 5, item 2).
 *
 *   finish points: 1st 45, 2nd 42, 3rd–10th 41..34, 11th–20th 32..23, 21st–30th 21..12,
 *                  31st–40th 10..1, 41st and worse 0 (fields of 41–43 cars before 2016)
 *   place differential: +1 per place gained, -1 per place lost (start − finish)
 *   fastest laps: +0.45 each    laps led: +0.25 each
 *
 * "Fastest lap" is DraftKings' definition: on every lap the driver with the fastest lap TIME
 * on that lap gets one credit — only green-flag laps produce a meaningful fastest lap, so a
 * race's fastest laps sum to (about) its green-flag laps. Verified to the cent against
 * every row of combined_cup_2015_2025 with known fastest laps and the published 2021
 * YellaWood 500 table (test/unit/scoring/dk-real-data.test.ts).
 *
 * Points are computed in integer hundredths and divided once, so 0.45/0.25 multiples carry
 * no binary rounding drift: the result is the double nearest to the exact cent value.
 */
import { invalidInput } from '../contract/engine-error.js';

/** Largest finishing/starting position accepted (Cup fields were up to 43 cars). */
export const MAX_POSITION = 255;

/** DK finish points in cents, index = finishing position (index 0 unused). */
const DK_FINISH_CENTS = new Int32Array(MAX_POSITION + 1);
for (let f = 1; f <= MAX_POSITION; f++) {
  let pts = 0;
  if (f === 1) pts = 45;
  else if (f === 2) pts = 42;
  else if (f <= 10) pts = 44 - f;
  else if (f <= 20) pts = 43 - f;
  else if (f <= 30) pts = 42 - f;
  else if (f <= 40) pts = 41 - f;
  DK_FINISH_CENTS[f] = pts * 100;
}

/** DK scoring weights in cents (named so the breakdown and the fast path share them). */
export const DK_WEIGHTS = { placeDiffCents: 100, fastestLapCents: 45, lapLedCents: 25 } as const;

/** DK finish points for a position (0 beyond 40th). No validation: hot loops. */
export function dkFinishPoints(finish: number): number {
  return DK_FINISH_CENTS[finish] / 100;
}

/** DK points without validation, for hot loops over already-validated data. */
export function dkPointsRaw(finish: number, start: number, lapsLed: number, fastestLaps: number): number {
  return (DK_FINISH_CENTS[finish] + DK_WEIGHTS.placeDiffCents * (start - finish) + DK_WEIGHTS.fastestLapCents * fastestLaps + DK_WEIGHTS.lapLedCents * lapsLed) / 100;
}

export interface DkBreakdown {
  readonly finishPoints: number;
  readonly placeDifferential: number;
  readonly fastestLapPoints: number;
  readonly lapsLedPoints: number;
  readonly total: number;
}

/** Throws INVALID_INPUT naming the argument when a position or count is not a valid integer. */
export function checkPosition(field: string, v: number): void {
  if (!Number.isInteger(v) || v < 1 || v > MAX_POSITION) throw invalidInput(field, `must be an integer in [1, ${MAX_POSITION}]`, { got: v });
}

export function checkCount(field: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 65_535) throw invalidInput(field, 'must be an integer in [0, 65535]', { got: v });
}

/**
 * DraftKings points for one driver in one race.
 * @throws EngineError INVALID_INPUT (details.field = 'finish' | 'start' | 'lapsLed' | 'fastestLaps')
 */
export function dkPoints(finish: number, start: number, lapsLed: number, fastestLaps: number): number {
  checkPosition('finish', finish);
  checkPosition('start', start);
  checkCount('lapsLed', lapsLed);
  checkCount('fastestLaps', fastestLaps);
  return dkPointsRaw(finish, start, lapsLed, fastestLaps);
}

/** Same as `dkPoints`, itemised (for the UI and for checking components against other sources). */
export function dkBreakdown(finish: number, start: number, lapsLed: number, fastestLaps: number): DkBreakdown {
  const total = dkPoints(finish, start, lapsLed, fastestLaps);
  return {
    finishPoints: DK_FINISH_CENTS[finish] / 100,
    placeDifferential: start - finish,
    fastestLapPoints: (DK_WEIGHTS.fastestLapCents * fastestLaps) / 100,
    lapsLedPoints: (DK_WEIGHTS.lapLedCents * lapsLed) / 100,
    total,
  };
}
