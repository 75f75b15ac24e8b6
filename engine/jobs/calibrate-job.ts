/** `calibrate`: fit the driver model on the racing graph's results (engine/mcmc). */
import type { CalibrationResult } from '../contract/calibration-types.js';
import type { CalibrateInputs } from '../contract/job-inputs.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { calibrate } from '../mcmc/index.js';
import type { JobOutput } from './registry-types.js';

/** The numbers worth seeing at a glance (and on dashboards); the full result is stored compressed. */
export function calibrationSummary(r: CalibrationResult): Record<string, unknown> {
  const d = r.diagnostics;
  return {
    races: r.data.races,
    trainRaces: r.data.trainRaces,
    testRaces: r.data.testRaces,
    lastTrainDate: r.data.lastTrainDate,
    drivers: r.index.drivers.length,
    chains: d.chains.length,
    rhatMax: d.rhatMax,
    rhatBulkMax: d.rhatBulkMax,
    essBulkMin: d.essBulkMin,
    essTailMin: d.essTailMin,
    divergences: d.divergences,
    acceptanceRate: d.acceptanceRate,
    rejectionRate: d.rejectionRate,
    meanStepSize: d.meanStepSize,
    meanTreeDepth: d.meanTreeDepth,
    wallMs: d.wallMs,
    samplingWallMs: d.samplingWallMs,
    ...(r.evaluation ? { evaluation: r.evaluation } : {}),
  };
}

export async function runCalibrateJob(spec: Record<string, unknown>, inputs: CalibrateInputs, ctx: EngineRunContext): Promise<JobOutput> {
  const { from: _from, through: _through, ...calibrationSpec } = spec;
  const result = await calibrate(inputs.data, calibrationSpec, ctx);
  return { summary: calibrationSummary(result), result };
}
