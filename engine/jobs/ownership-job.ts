/** `ownership`: projected field ownership from salary and the simulation's projections (engine/ownership). */
import type { OwnershipInputs } from '../contract/job-inputs.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { projectOwnership } from '../ownership/index.js';
import type { JobOutput } from './registry-types.js';

export function runOwnershipJob(spec: Record<string, unknown>, inputs: OwnershipInputs, ctx: EngineRunContext): JobOutput {
  const { slate, simulation } = inputs;
  const bySite = slate.site === 'FD' ? 'fdPoints' : 'dkPoints';
  const forecast = new Map(simulation.summary.perDriver.map((d) => [d.driverId, d]));
  const projections = slate.players.map((p) => {
    const f = forecast.get(p.driverId);
    return { driverId: p.driverId, mean: f ? f[bySite].mean : 0, ...(f ? { sd: f[bySite].sd } : {}) };
  });
  const overrides = (spec.overrides as { driverId: string; ownershipPct: number }[] | undefined) ?? [];
  const projection = projectOwnership({ slate: { site: slate.site, salaryCap: slate.salaryCap, rosterSize: slate.rosterSize, players: slate.players }, projections, trackType: slate.trackType, overrides }, ctx);
  return {
    summary: {
      slateId: slate.slateId,
      top: [...projection.drivers].sort((a, b) => b.meanPct - a.meanPct).slice(0, 10),
      impliedSalaryUsage: projection.impliedSalaryUsage,
    },
    result: projection,
  };
}
