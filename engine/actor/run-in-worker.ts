/** Runs a job computation in a fresh worker thread; resolves with its output or an EngineFailure. */
import { EngineError } from '../contract/engine-error.js';
import type { ProgressUpdate } from '../contract/run-context.js';
import type { JobOutput } from '../jobs/registry.js';
import type { WorkerJobData, WorkerMessage } from './worker-protocol.js';
import { siblingModule, spawnWorker } from '../worker/spawn-worker.js';

export interface WorkerRun {
  readonly done: Promise<JobOutput>;
  /** Ask the maths to stop at its next step (cooperative). */
  cancel(): void;
  /** Kill the thread now (shutdown deadline passed). */
  terminate(): Promise<void>;
}

const WORKER_URL = siblingModule(import.meta.url, 'job-worker');

export function runInWorker(job: Omit<WorkerJobData, 'cancelFlag'>, onProgress: (u: ProgressUpdate) => void): WorkerRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const worker = spawnWorker(WORKER_URL, { workerData: { ...job, cancelFlag } satisfies WorkerJobData });
  let settled = false;
  const done = new Promise<JobOutput>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') return onProgress(m.update);
      settled = true;
      if (m.type === 'done') resolve({ summary: m.summary, result: m.result });
      else reject(new EngineError(m.failure.type, m.failure.message, { retryable: m.failure.retryable, ...(m.failure.details ? { details: { ...m.failure.details } } : {}) }));
      void worker.terminate();
    });
    worker.on('error', (err) => {
      settled = true;
      reject(new EngineError('INTERNAL', `engine worker crashed: ${err.message}`, { cause: err }));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new EngineError('INTERNAL', `engine worker exited with code ${code} before finishing`, { retryable: code !== 0 }));
    });
  });
  return {
    done,
    cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
