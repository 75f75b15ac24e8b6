/**
 * A good first incumbent makes the exact search prune from the first node. We score a few
 * seed lineups (best by mean, best by an upside proxy) exactly and improve the best ones by
 * 1-swap hill climbing. This never affects WHICH value the exact search returns, only how fast:
 * the search still proves that nothing beats the final incumbent.
 */
import type { ScenarioKernel } from './kernel.js';
import type { PreparedSlate } from './prepared-slate.js';
import { type DriverColumns, lineupScores } from './scenario-matrix.js';

export interface IncumbentOptions {
  /** Seeds improved by hill climbing. @default 3 */
  readonly starts: number;
  /** Maximum improving swaps per start. @default 8 */
  readonly rounds: number;
}

export const INCUMBENT_DEFAULTS: IncumbentOptions = { starts: 3, rounds: 8 };

/** Returns the best lineup found (free positions, ascending) after offering it to the kernel. */
export function heuristicIncumbent(prep: PreparedSlate, dc: DriverColumns, kernel: ScenarioKernel, seeds: readonly Int32Array[], options: Partial<IncumbentOptions> = {}): Int32Array | null {
  const opts = { ...INCUMBENT_DEFAULTS, ...options };
  const R = prep.rFree;
  const S = dc.scenarios;
  const scored = seeds.filter((p) => p.length === R && prep.isLegal(p)).map((p) => ({ p: Int32Array.from(p), v: kernel.valueOf(lineupScores(dc, p, R)) }));
  if (scored.length === 0) return null;
  scored.sort((a, b) => b.v - a.v);
  let best = scored[0];
  const x = new Float64Array(S);
  const y = new Float64Array(S);
  const inLineup = new Uint8Array(prep.nFree);
  for (const start of scored.slice(0, opts.starts)) {
    const cur = Int32Array.from(start.p);
    let curV = start.v;
    lineupScores(dc, cur, R, x);
    for (let round = 0; round < opts.rounds; round++) {
      inLineup.fill(0);
      cur.forEach((p) => (inLineup[p] = 1));
      let bestMove: [number, number] | null = null;
      let bestV = curV;
      for (let d = 0; d < R; d++) {
        const out = cur[d];
        for (let p = 0; p < prep.nFree; p++) {
          if (inLineup[p]) continue;
          cur[d] = p;
          const legal = prep.isLegal(cur);
          cur[d] = out;
          if (!legal) continue;
          const o = out * S;
          const q = p * S;
          for (let s = 0; s < S; s++) y[s] = x[s] - dc.cols[o + s] + dc.cols[q + s];
          const v = kernel.valueOf(y);
          if (v > bestV) {
            bestV = v;
            bestMove = [d, p];
          }
        }
      }
      if (!bestMove) break;
      cur[bestMove[0]] = bestMove[1];
      curV = bestV;
      lineupScores(dc, cur, R, x); // recompute: no drift from repeated add/subtract
    }
    if (curV > best.v) best = { p: cur, v: curV };
  }
  const sorted = Int32Array.from(best.p).sort();
  kernel.offer(lineupScores(dc, sorted, R));
  return sorted;
}
