/** `contestSim`: our optimized lineups against a field sampled from ownership, ranked per scenario (engine/contest). */
import type { ContestSimInputs } from '../contract/job-inputs.js';
import { invalidInput } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { simulateContest } from '../contest/index.js';
import type { JobOutput } from './registry-types.js';

export async function runContestSimJob(spec: Record<string, unknown>, inputs: ContestSimInputs, ctx: EngineRunContext): Promise<JobOutput> {
  const { slate, simulation, ownership, lineups } = inputs;
  const index = new Map(slate.players.map((p, i) => [p.driverId, i]));
  const ourLineups = lineups.map((l, i) =>
    l.map((d, j) => {
      const k = index.get(d);
      if (k === undefined) throw invalidInput(`lineups[${i}][${j}]`, `driver '${d}' is not on slate ${slate.slateId}`);
      return k;
    }),
  );
  const contest = spec.fieldSize ? { ...inputs.contest, fieldSize: Number(spec.fieldSize) } : inputs.contest;
  const result = await simulateContest(
    {
      slate: { site: slate.site, salaryCap: slate.salaryCap, rosterSize: slate.rosterSize, players: slate.players },
      contest,
      ourLineups,
      field: { ownership: ownership.drivers.map((d) => ({ driverId: d.driverId, meanPct: d.meanPct })) },
      scenarios: simulation.set,
    },
    ctx,
  );
  return {
    summary: { lineups: result.lineups.length, totalEntries: result.totalEntries, scenarios: result.scenarios, portfolio: result.portfolio },
    result,
  };
}
