import { describe, expect, it } from 'vitest';
import type { EngineRunContext, ProgressUpdate } from '../../../engine/contract/run-context.js';
import { optimizeLineup, optimizePortfolio } from '../../../engine/lineup/index.js';
import { syntheticPoints, syntheticSlate } from './fixtures.js';

const ss = syntheticSlate(18, 8);
const input = { slate: ss.slate, selection: { points: syntheticPoints(ss, 300, 9) }, ownership: ss.ownership };

function ctx(seed: number, cancelAfter = Infinity): EngineRunContext & { events: ProgressUpdate[] } {
  const events: ProgressUpdate[] = [];
  return { seed, events, progress: (u) => events.push(u), isCancelled: () => events.length >= cancelAfter };
}

describe('progress and cancellation', () => {
  it('the exact search streams monotone enumeration progress with the best objective so far', () => {
    const c = ctx(1);
    const res = optimizeLineup(input, { kind: 'cvar', levels: [{ alpha: 0.05, weight: 1 }] }, {}, c);
    const enumerating = c.events.filter((e) => e.phase === 'enumerating');
    expect(enumerating.length).toBeGreaterThan(5);
    for (let k = 1; k < enumerating.length; k++) {
      expect(enumerating[k].done / enumerating[k].total).toBeGreaterThanOrEqual(enumerating[k - 1].done / enumerating[k - 1].total);
      expect(enumerating[k].metrics!.bestObjective).toBeGreaterThanOrEqual(enumerating[k - 1].metrics!.bestObjective);
    }
    expect(enumerating.at(-1)!.metrics!.bestObjective).toBeCloseTo(res.lineup.selectionObjective, 12);
  });

  it('honours cancellation during enumeration and during the portfolio build', () => {
    const stop = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as { type: string }).type;
      }
      return 'finished';
    };
    expect(stop(() => optimizeLineup(input, { kind: 'probAtLeast', target: 240 }, {}, ctx(1, 3)))).toBe('CANCELLED');
    const c = ctx(1, 4);
    expect(stop(() => optimizePortfolio(input, { kind: 'mean' }, { lineups: 10, pool: { perRanking: 50, scenarioLineups: 5 } }, c))).toBe('CANCELLED');
  });
});
