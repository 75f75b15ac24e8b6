/**
 * Job kind → pure computation. Runs inside a worker thread (engine/actor/job-worker.ts): it gets
 * plain inputs (already loaded by the actor) and returns a small `summary` (stored on the Job,
 * streamed in the terminal event) plus the full `result` (compressed into a JobResult node).
 * Kinds register here as their engine domains land.
 */
import type { EngineRunContext } from '../contract/run-context.js';
import { validateJobSpec } from '../contract/job-specs.js';
import type { JobKind } from '../contract/job-protocol.js';
import { invalidInput } from '../contract/engine-error.js';
import { runPing } from '../diagnostics/ping.js';
import type { PingSpec } from '../contract/job-specs.js';
import '../contract/kind-specs.js'; // registers the kinds' spec validators
import type { CalibrateInputs, ContestSimInputs, OptimizeInputs, OwnershipInputs, SimulateInputs } from '../contract/job-inputs.js';
import { runOptimizeJob } from './optimize-job.js';
import { runContestSimJob } from './contest-sim-job.js';
import { runCalibrateJob } from './calibrate-job.js';
import { runOwnershipJob } from './ownership-job.js';
import { runSimulateJob } from './simulate-job.js';
import { createCpuBackend } from '../backend/cpu-backend.js';
import type { JobEnv, JobOutput } from './registry-types.js';

export type { JobEnv, JobOutput };

export type JobComputation = (spec: Record<string, unknown>, inputs: unknown, ctx: EngineRunContext, env: JobEnv) => JobOutput | Promise<JobOutput>;

const computations: Partial<Record<JobKind, JobComputation>> = {
  ping: (spec, _inputs, ctx) => {
    const r = runPing(spec as unknown as PingSpec, ctx);
    return { summary: { ...r }, result: r };
  },
  calibrate: (spec, inputs, ctx) => runCalibrateJob(spec, inputs as CalibrateInputs, ctx),
  simulate: (spec, inputs, ctx) => runSimulateJob(spec, inputs as SimulateInputs, ctx),
  ownership: (spec, inputs, ctx) => runOwnershipJob(spec, inputs as OwnershipInputs, ctx),
  optimize: (spec, inputs, ctx, env) => runOptimizeJob(spec, inputs as OptimizeInputs, ctx, env),
  contestSim: (spec, inputs, ctx) => runContestSimJob(spec, inputs as ContestSimInputs, ctx),
};

export function computationFor(kind: JobKind): JobComputation {
  const c = computations[kind];
  if (!c) throw invalidInput('kind', `no engine computation registered for '${kind}'`);
  return c;
}

/**
 * Validate (again: never trust the wire) and run. `env.kernels` defaults to the CPU reference
 * (tests, CLI); the actor's job threads pass the configured backend.
 */
export async function runJobComputation(kind: JobKind, rawSpec: unknown, inputs: unknown, ctx: EngineRunContext, env: JobEnv = { kernels: createCpuBackend() }): Promise<JobOutput> {
  const spec = { ...validateJobSpec(kind, rawSpec) };
  return computationFor(kind)(spec, inputs, ctx, env);
}
