/**
 * `simulate`: posterior → RaceModel for the slate's race → scenarios (engine/race-sim) → DK/FD
 * points → per-driver forecast summary and conservation checks.
 */
import type { SimulateInputs, SimulationOutput, SlateInput } from '../contract/job-inputs.js';
import { invalidInput } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { raceModelFor } from '../mcmc/index.js';
import { TRACK_TYPE_SIM_DEFAULTS, simulateRace, summarizeScenarios } from '../race-sim/index.js';
import type { JobOutput } from './registry-types.js';

/** Typical scheduled laps by track type, used only when the slate's race has no laps yet. */
const TYPICAL_LAPS = { superspeedway: 188, intermediate: 267, short: 400, road: 90, dirt: 250 } as const;

/** Start positions: the slate's (qualifying) order when known, else salary order (DK prices roughly by expected finish). */
export function startPositions(slate: SlateInput): Int32Array {
  const n = slate.players.length;
  const out = new Int32Array(n);
  const known = slate.players.every((p) => Number.isInteger(p.startPosition));
  if (known) slate.players.forEach((p, i) => (out[i] = p.startPosition!));
  else {
    const order = slate.players.map((p, i) => [p.salary, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    order.forEach(([, i], rank) => (out[i] = rank + 1));
  }
  return out;
}

export function runSimulateJob(spec: Record<string, unknown>, inputs: SimulateInputs, ctx: EngineRunContext): JobOutput {
  const { slate, calibration } = inputs;
  if (slate.players.length < 2) throw invalidInput('spec.slateId', `slate ${slate.slateId} has ${slate.players.length} priced drivers; at least 2 are needed`);
  const model = raceModelFor(calibration, { drivers: slate.players.map((p) => p.driverId), trackType: slate.trackType, laps: slate.laps ?? TYPICAL_LAPS[slate.trackType], startPositions: startPositions(slate) });
  const set = simulateRace(model, { ...TRACK_TYPE_SIM_DEFAULTS[slate.trackType], scenarios: Number(spec.scenarios), ...(spec.startPositions ? { startPositions: spec.startPositions as Record<string, number> } : {}) }, ctx);
  const summary = summarizeScenarios(set);
  const output: SimulationOutput = { slateId: slate.slateId, site: slate.site, set, summary };
  const names = new Map(slate.players.map((p) => [p.driverId, p.name]));
  return {
    summary: {
      slateId: slate.slateId,
      scenarios: set.scenarios,
      drivers: set.drivers.length,
      conservationViolations: summary.checks.violations,
      top: [...summary.perDriver]
        .sort((a, b) => b.dkPoints.mean - a.dkPoints.mean)
        .slice(0, 10)
        .map((d) => ({ driverId: d.driverId, name: names.get(d.driverId) ?? d.driverId, dkMean: d.dkPoints.mean, fdMean: d.fdPoints.mean, winRate: d.winRate, meanFinish: d.finish.mean })),
    },
    result: output,
  };
}
