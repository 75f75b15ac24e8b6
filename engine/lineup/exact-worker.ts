/**
 * Worker-thread entry of the shared exact search (exact-pool.ts): one share of the tree per
 * request. The arithmetic is the same code as the single-thread search.
 */
import { parentPort } from 'node:worker_threads';
import { toEngineFailure } from '../contract/engine-error.js';
import type { ExactWorkerMessage, ExactWorkerRequest } from './exact-pool.js';
import { searchShare } from './optimize-lineup.js';

const port = parentPort;
if (!port) throw new Error('exact-worker must run in a worker thread');

port.on('message', ({ req, partition, cancelFlag }: ExactWorkerRequest) => {
  const post = (m: ExactWorkerMessage) => port.postMessage(m);
  const flag = new Int32Array(cancelFlag);
  try {
    const ctx = { seed: req.seed, progress: () => {}, isCancelled: () => Atomics.load(flag, 0) === 1 };
    const result = searchShare(req, partition, ctx, (done, total, best, scored) => post({ type: 'progress', done, total, best, scored }));
    post({ type: 'done', result });
  } catch (err) {
    post({ type: 'error', failure: toEngineFailure(err) });
  }
});
