/**
 * Scenario points re-indexed to slate order and quantized to integer milli-points.
 *
 * Why integers: a lineup's score is the sum of its drivers' points, and the DFS tie rule needs
 * equal scores to compare equal. Summing Float32 points in different orders can differ in the
 * last bit; summing per-driver rounded milli-points cannot. Site scoring steps (0.05-0.25) are
 * far coarser than 0.001, so no real difference between lineups is lost.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { ScenarioSet, SlateSpec } from '../contract/models.js';

/** Points → integer milli-points. */
export const MILLI = 1000;

export interface SlatePoints {
  readonly scenarios: number;
  /** Slate players per row. */
  readonly players: number;
  /** S x players milli-points, slate order; backed by a SharedArrayBuffer when `shared`. */
  readonly milli: Int32Array;
}

/** Quantize one fantasy score (points) the way lineup scores are built. */
export function toMilli(points: number): number {
  return Math.round(points * MILLI);
}

/**
 * @param shared allocate on a SharedArrayBuffer (for worker threads)
 * @throws INVALID_INPUT slate.players[i].driverId (not in the scenario set),
 *   scenarios.scenarios, scenarios.dkPoints / scenarios.fdPoints (wrong length, non-finite)
 */
export function slatePoints(slate: SlateSpec, scenarios: ScenarioSet, shared = false): SlatePoints {
  const S = scenarios.scenarios;
  if (!Number.isInteger(S) || S < 2) throw invalidInput('scenarios.scenarios', 'needs at least 2 scenarios (standard errors need a spread)', { got: S });
  const key = slate.site === 'DK' ? 'dkPoints' : 'fdPoints';
  const source = scenarios[key];
  const m = scenarios.drivers.length;
  if (!source || source.length !== S * m) {
    throw invalidInput(`scenarios.${key}`, `must hold scenarios x drivers = ${S * m} values`, { got: source?.length ?? null });
  }
  const column = new Map<string, number>();
  scenarios.drivers.forEach((id, j) => column.set(id, j));
  const n = slate.players.length;
  const cols = slate.players.map((p, i) => {
    const j = column.get(p.driverId);
    if (j === undefined) throw invalidInput(`slate.players[${i}].driverId`, `unknown driver '${p.driverId}': not in the scenario set`);
    return j;
  });
  const bytes = S * n * Int32Array.BYTES_PER_ELEMENT;
  const milli = new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let s = 0; s < S; s++) {
    const row = s * m;
    for (let i = 0; i < n; i++) {
      const v = source[row + cols[i]];
      if (!Number.isFinite(v)) throw invalidInput(`scenarios.${key}`, `non-finite points at scenario ${s}, driver '${slate.players[i].driverId}'`);
      milli[s * n + i] = Math.round(v * MILLI);
    }
  }
  return { scenarios: S, players: n, milli };
}
