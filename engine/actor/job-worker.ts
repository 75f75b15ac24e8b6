/**
 * Worker-thread entry: runs jobs' maths off the actor's event loop, so heartbeats
 * (msg.working()), cancellation polling and progress publishing stay responsive while the
 * maths saturates a core. The thread lives across jobs (engine/actor/worker-pool.ts): module
 * loading, JIT warm-up and per-thread resources such as the MCMC chain pool are paid once.
 * Cancellation arrives through a SharedArrayBuffer flag per job.
 */
import { parentPort } from 'node:worker_threads';
import { createKernelBackend, type KernelBackend, type KernelBackendChoice } from '../backend/index.js';
import { toEngineFailure } from '../contract/engine-error.js';
import { runJobComputation } from '../jobs/registry.js';
import type { RunJobMessage, WorkerMessage } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('job-worker must run in a worker thread');

const backends = new Map<KernelBackendChoice, Promise<KernelBackend>>();
/** This thread's kernel backend, created on first use (a failed creation is retried next job). */
function kernelsFor(choice: KernelBackendChoice): Promise<KernelBackend> {
  let b = backends.get(choice);
  if (!b) {
    b = createKernelBackend(choice);
    b.catch(() => backends.delete(choice));
    backends.set(choice, b);
  }
  return b;
}

port.on('message', ({ runId, job }: RunJobMessage) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  const flag = new Int32Array(job.cancelFlag);
  kernelsFor(job.backend)
    .then((kernels) =>
      runJobComputation(
        job.kind,
        job.spec,
        job.inputs,
        {
          seed: job.seed,
          attempt: job.attempt,
          progress: (update) => post({ runId, type: 'progress', update }),
          isCancelled: () => Atomics.load(flag, 0) === 1,
        },
        { kernels },
      ),
    )
    .then(
      (out) => post({ runId, type: 'done', summary: out.summary, result: out.result }),
      (err: unknown) => post({ runId, type: 'error', failure: toEngineFailure(err) }),
    );
});
