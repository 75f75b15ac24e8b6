/** Messages between the actor (main thread) and its long-lived job worker threads. */
import type { KernelBackendChoice } from '../backend/select-backend.js';
import type { EngineFailure } from '../contract/engine-error.js';
import type { JobKind } from '../contract/job-protocol.js';
import type { ProgressUpdate } from '../contract/run-context.js';

export interface WorkerJobData {
  readonly kind: JobKind;
  readonly spec: Record<string, unknown>;
  readonly inputs: unknown;
  readonly seed: number;
  readonly attempt: number;
  /** ENGINE_BACKEND as configured; each thread creates its backend once (tensor runtimes are per thread). */
  readonly backend: KernelBackendChoice;
  /** Int32Array(1) over this buffer: 1 = cancel requested. */
  readonly cancelFlag: SharedArrayBuffer;
}

/** Actor → worker: run one job (a worker runs one job at a time). */
export interface RunJobMessage {
  readonly type: 'run';
  /** Echoed on every reply, so a late reply of an abandoned job can never be taken for another's. */
  readonly runId: number;
  readonly job: WorkerJobData;
}

export type WorkerMessage = { readonly runId: number } & (
  | { readonly type: 'progress'; readonly update: ProgressUpdate }
  | { readonly type: 'done'; readonly summary: Record<string, unknown>; readonly result: unknown }
  | { readonly type: 'error'; readonly failure: EngineFailure }
);
