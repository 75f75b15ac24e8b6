/**
 * Realism diagnostic for the race simulator (a bench report, not a brittle test): the same
 * race-shape statistics computed on real 2019–2025 Cup races (../shared/data) and on simulated
 * scenarios of synthetic track-type models — share of laps led by the top leader, number of
 * leaders, winner's share, fastest-lap concentration, green-lap share, DNFs, lead-lap cars, laps down of running cars.
 */
import type { TrackType } from '../../engine/contract/models.js';
import type { SimulatedScenarioSet } from '../../engine/contract/simulation-types.js';
import { groupRaces, loadCupDriverRaces } from '../../test/unit/scoring/cup-data.js';

export const SHAPE_STATS = ['topLeaderShare', 'leaders', 'winnerShare', 'flTopShare', 'greenShare', 'dnfs', 'leadLapFraction', 'meanLapsDown'] as const;
export type ShapeStat = (typeof SHAPE_STATS)[number];
export type RaceShape = Record<ShapeStat, number>;

export interface ShapeSummary {
  readonly races: number;
  readonly stats: Record<ShapeStat, { mean: number; p10: number; p50: number; p90: number }>;
}

interface RaceColumns {
  finish: ArrayLike<number>;
  lapsLed: ArrayLike<number>;
  fastestLaps: ArrayLike<number>;
  dnf: ArrayLike<number>;
  lapsCompleted: ArrayLike<number>;
  laps: number;
}

export function raceShape(r: RaceColumns): RaceShape {
  const n = r.finish.length;
  let maxLed = 0;
  let leaders = 0;
  let winnerLed = 0;
  let maxFl = 0;
  let sumFl = 0;
  let dnfs = 0;
  let running = 0;
  let onLeadLap = 0;
  let lapsDown = 0;
  for (let i = 0; i < n; i++) {
    maxLed = Math.max(maxLed, r.lapsLed[i]);
    if (r.lapsLed[i] > 0) leaders++;
    if (r.finish[i] === 1) winnerLed = r.lapsLed[i];
    maxFl = Math.max(maxFl, r.fastestLaps[i]);
    sumFl += r.fastestLaps[i];
    if (r.dnf[i]) dnfs++;
    else {
      running++;
      if (r.lapsCompleted[i] >= r.laps) onLeadLap++;
      lapsDown += r.laps - r.lapsCompleted[i];
    }
  }
  return {
    topLeaderShare: maxLed / r.laps,
    leaders,
    winnerShare: winnerLed / r.laps,
    flTopShare: sumFl > 0 ? maxFl / sumFl : 0,
    greenShare: sumFl / r.laps,
    dnfs,
    leadLapFraction: running > 0 ? onLeadLap / running : 0,
    meanLapsDown: running > 0 ? lapsDown / running : 0,
  };
}

export function summarizeShapes(shapes: readonly RaceShape[]): ShapeSummary {
  const stats = {} as ShapeSummary['stats'];
  for (const k of SHAPE_STATS) {
    const v = shapes.map((s) => s[k]).sort((a, b) => a - b);
    const q = (p: number): number => v[Math.round(p * (v.length - 1))];
    stats[k] = { mean: v.reduce((a, b) => a + b, 0) / v.length, p10: q(0.1), p50: q(0.5), p90: q(0.9) };
  }
  return { races: shapes.length, stats };
}

/** Real race shapes per track type, 2019–2025 (fastest laps known). */
export function realShapesByTrackType(): Map<string, ShapeSummary> {
  const byType = new Map<string, RaceShape[]>();
  for (const race of groupRaces(loadCupDriverRaces())) {
    if (race.some((r) => r.fastestLaps === null)) continue;
    const laps = Math.max(...race.map((r) => r.laps));
    const shape = raceShape({
      finish: race.map((r) => r.finish),
      lapsLed: race.map((r) => r.lapsLed),
      fastestLaps: race.map((r) => r.fastestLaps ?? 0),
      dnf: race.map((r) => (r.status.toLowerCase() === 'running' ? 0 : 1)),
      lapsCompleted: race.map((r) => r.laps),
      laps,
    });
    const list = byType.get(race[0].trackType) ?? [];
    list.push(shape);
    byType.set(race[0].trackType, list);
  }
  return new Map([...byType].map(([k, v]) => [k, summarizeShapes(v)]));
}

/** Shapes of every scenario of a simulated set. */
export function simulatedShapes(set: SimulatedScenarioSet): ShapeSummary {
  const n = set.drivers.length;
  const shapes: RaceShape[] = [];
  for (let s = 0; s < set.scenarios; s++) {
    const a = s * n;
    const b = a + n;
    shapes.push(
      raceShape({
        finish: set.finish.subarray(a, b),
        lapsLed: set.lapsLed.subarray(a, b),
        fastestLaps: set.fastestLaps.subarray(a, b),
        dnf: set.dnf.subarray(a, b),
        lapsCompleted: set.lapsCompleted.subarray(a, b),
        laps: set.laps,
      }),
    );
  }
  return summarizeShapes(shapes);
}

export const REALISM_TRACK_TYPES: readonly TrackType[] = ['superspeedway', 'intermediate', 'short', 'road'];
