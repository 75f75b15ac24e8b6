/** Messages between the actor (main thread) and a job's worker thread. */
import type { EngineFailure } from '../contract/engine-error.js';
import type { JobKind } from '../contract/job-protocol.js';
import type { ProgressUpdate } from '../contract/run-context.js';

export interface WorkerJobData {
  readonly kind: JobKind;
  readonly spec: Record<string, unknown>;
  readonly inputs: unknown;
  readonly seed: number;
  readonly attempt: number;
  /** Int32Array(1) over this buffer: 1 = cancel requested. */
  readonly cancelFlag: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly update: ProgressUpdate }
  | { readonly type: 'done'; readonly summary: Record<string, unknown>; readonly result: unknown }
  | { readonly type: 'error'; readonly failure: EngineFailure };
