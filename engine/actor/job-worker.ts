/**
 * Worker-thread entry: runs one job's maths off the actor's event loop, so heartbeats
 * (msg.working()), cancellation polling and progress publishing stay responsive while the
 * maths saturates a core. Cancellation arrives through a SharedArrayBuffer flag.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toEngineFailure } from '../contract/engine-error.js';
import { runJobComputation } from '../jobs/registry.js';
import type { WorkerJobData, WorkerMessage } from './worker-protocol.js';

const data = workerData as WorkerJobData;
const flag = new Int32Array(data.cancelFlag);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

runJobComputation(data.kind, data.spec, data.inputs, {
  seed: data.seed,
  attempt: data.attempt,
  progress: (update) => post({ type: 'progress', update }),
  isCancelled: () => Atomics.load(flag, 0) === 1,
}).then(
  (out) => post({ type: 'done', summary: out.summary, result: out.result }),
  (err: unknown) => post({ type: 'error', failure: toEngineFailure(err) }),
);
