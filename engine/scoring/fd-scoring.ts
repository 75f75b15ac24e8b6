/**
 * FanDuel NASCAR classic scoring (issue 5, item 2).
 *
 *   finish points: 1st 43, 2nd 40, 3rd 38, then one point less per place: 4th 37 … 40th 1
 *                  (i.e. 41 − finish for 3rd–40th); beyond 40th: 0 (assumed, see below)
 *   place differential: ±0.5 per place (start − finish)
 *   laps led: +0.1 each       laps completed: +0.1 each       (no fastest-lap points)
 *
 * Sources (researched 2026, no official FanDuel rules page was reachable from here):
 *  - R. Larkin, "NASCAR 101: The differences between FanDuel and DraftKings for NASCAR DFS",
 *    https://dailyfanmma.com/racing/nascar-101-the-differences-between-fanduel-and-draftkings-for-nascar-dfs/
 *    ("40th 1 point, 39th 2 … 3rd 38, 2nd 40, winner 43"), and the same author's 2020 DFS Army
 *    article https://www.dfsarmy.com/2020/01/dfs-army-strategy-series-nascar-scoring-fanduel-vs-draftkings.html
 *  - FanDuel's launch note (2018): points for finish, laps completed, laps led, place differential.
 *  - an independent public scorer with the same table and 0.1 / 0.1 / ±0.5 weights.
 * UNCERTAIN: finishes beyond 40th (Cup fields are ≤ 40 since 2016) and whether FanDuel has
 * changed the table since. The nascar_dfs_hub_crummypicks "fanduel" column uses a different
 * table (43, 40, 38, 36 … with 0.5 per fastest lap, no laps completed); its place-differential
 * and laps-led components agree with ours (tested), its finish table does not.
 *
 * Integer tenths of a point keep every component exact; one division at the end.
 */
import { checkCount, checkPosition, MAX_POSITION } from './dk-scoring.js';

/** FD finish points in tenths, index = finishing position (index 0 unused). */
const FD_FINISH_TENTHS = new Int32Array(MAX_POSITION + 1);
for (let f = 1; f <= MAX_POSITION; f++) {
  const pts = f === 1 ? 43 : f === 2 ? 40 : f <= 40 ? 41 - f : 0;
  FD_FINISH_TENTHS[f] = pts * 10;
}

/** FD scoring weights in tenths of a point. */
export const FD_WEIGHTS = { placeDiffTenths: 5, lapLedTenths: 1, lapCompletedTenths: 1 } as const;

/** FD finish points for a position (0 beyond 40th). No validation: hot loops. */
export function fdFinishPoints(finish: number): number {
  return FD_FINISH_TENTHS[finish] / 10;
}

/** FD points without validation, for hot loops over already-validated data. */
export function fdPointsRaw(finish: number, start: number, lapsLed: number, lapsCompleted: number): number {
  return (FD_FINISH_TENTHS[finish] + FD_WEIGHTS.placeDiffTenths * (start - finish) + FD_WEIGHTS.lapLedTenths * lapsLed + FD_WEIGHTS.lapCompletedTenths * lapsCompleted) / 10;
}

export interface FdBreakdown {
  readonly finishPoints: number;
  readonly placeDifferential: number;
  readonly lapsLedPoints: number;
  readonly lapsCompletedPoints: number;
  readonly total: number;
}

/**
 * FanDuel points for one driver in one race.
 * @throws EngineError INVALID_INPUT (details.field = 'finish' | 'start' | 'lapsLed' | 'lapsCompleted')
 */
export function fdPoints(finish: number, start: number, lapsLed: number, lapsCompleted: number): number {
  checkPosition('finish', finish);
  checkPosition('start', start);
  checkCount('lapsLed', lapsLed);
  checkCount('lapsCompleted', lapsCompleted);
  return fdPointsRaw(finish, start, lapsLed, lapsCompleted);
}

/** Same as `fdPoints`, itemised. */
export function fdBreakdown(finish: number, start: number, lapsLed: number, lapsCompleted: number): FdBreakdown {
  const total = fdPoints(finish, start, lapsLed, lapsCompleted);
  return {
    finishPoints: FD_FINISH_TENTHS[finish] / 10,
    placeDifferential: (FD_WEIGHTS.placeDiffTenths * (start - finish)) / 10,
    lapsLedPoints: (FD_WEIGHTS.lapLedTenths * lapsLed) / 10,
    lapsCompletedPoints: (FD_WEIGHTS.lapCompletedTenths * lapsCompleted) / 10,
    total,
  };
}
