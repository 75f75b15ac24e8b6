/**
 * Worker-thread entry: rebuilds the target from its spec and runs the chains it is given, one
 * after another, posting progress and each finished chain. The arithmetic is the same code as
 * the serial path, so the draws do not depend on where a chain ran.
 */
import { parentPort } from 'node:worker_threads';
import { toEngineFailure } from '../contract/engine-error.js';
import type { RunRequest, WorkerMessage } from './chain-messages.js';
import { runChain } from './run-chain.js';
import { buildTarget } from './target-spec.js';

const port = parentPort;
if (!port) throw new Error('chain-worker must run in a worker thread');

port.on('message', (req: RunRequest) => {
  const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const target = buildTarget(req.target);
    const flag = new Int32Array(req.cancelFlag);
    for (const job of req.jobs) {
      const output = runChain(target, job.chain, job.rngState, req.config, {
        isCancelled: () => Atomics.load(flag, 0) !== 0,
        progress: (phase, done, total, lp) => post({ type: 'progress', chain: job.chain, phase, done, total, lp }),
      }, req.start);
      post({ type: 'done', output }, [output.outputs.buffer as ArrayBuffer]);
    }
  } catch (err) {
    post({ type: 'error', failure: toEngineFailure(err) });
  }
});
