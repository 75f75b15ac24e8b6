/**
 * Worker threads that share one exact lineup search (node:worker_threads: parallelism without
 * I/O). Each thread rebuilds the search from the plain input and walks every W-th second pick
 * (scenario-search.ts `partition`), starting from the incumbent the caller found, so the shares
 * are fixed by the walk order and the merged answer never depends on timing.
 *
 * Like the MCMC chain pool, one pool per thread is kept (`sharedExactPool`): starting workers
 * through the TypeScript loader costs ~0.3 s, more than many searches. Idle workers do not keep
 * the process alive; a failed or cancelled search replaces the workers.
 */
import type { Worker } from 'node:worker_threads';
import { EngineError, type EngineFailure } from '../contract/engine-error.js';
import type { LineupObjective } from '../contract/lineup-types.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { dropWhenGone, siblingModule, spawnWorker } from '../worker/spawn-worker.js';
import type { LineupInput } from './inputs.js';
import type { OptimizeLineupOptions } from './optimize-lineup.js';

export interface ExactSearchRequest {
  readonly input: LineupInput;
  readonly objective: LineupObjective;
  readonly options: Partial<OptimizeLineupOptions>;
  readonly seed: number;
  /** Free positions of the heuristic incumbent (every share starts from it). */
  readonly incumbent?: Int32Array;
}

export interface ExactShareResult {
  readonly positions: Int32Array | null;
  readonly value: number;
  readonly scored: number;
  readonly nodes: number;
  readonly scenarioTerms: number;
}

export interface ExactWorkerRequest {
  readonly req: ExactSearchRequest;
  readonly partition: { readonly index: number; readonly count: number };
  /** Int32Array(1): 1 = cancel. */
  readonly cancelFlag: SharedArrayBuffer;
}

export type ExactWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly best: number; readonly scored: number }
  | { readonly type: 'done'; readonly result: ExactShareResult }
  | { readonly type: 'error'; readonly failure: EngineFailure };

export interface ExactSearchPool {
  readonly size: number;
  /** One share per thread; resolves with the shares in partition order. */
  search(req: ExactSearchRequest, ctx: EngineRunContext, onProgress: (done: number, total: number, best: number, scored: number) => void): Promise<ExactShareResult[]>;
  close(): Promise<void>;
}

const WORKER_URL = siblingModule(import.meta.url, 'exact-worker');

export function createExactPool(size: number): ExactSearchPool {
  if (!Number.isInteger(size) || size < 1) throw new EngineError('INVALID_INPUT', `threads: must be a positive integer, got ${size}`, { details: { field: 'threads' } });
  const workers: Worker[] = [];
  const get = (i: number): Worker => {
    while (workers.length <= i) {
      const w = spawnWorker(WORKER_URL);
      w.unref();
      dropWhenGone(workers, w);
      workers.push(w);
    }
    return workers[i];
  };
  const reset = async () => {
    await Promise.all(workers.splice(0).map((w) => w.terminate()));
  };
  return {
    size,
    async search(req, ctx, onProgress) {
      const cancelFlag = new SharedArrayBuffer(4);
      const flag = new Int32Array(cancelFlag);
      const done = new Array<number>(size).fill(0);
      const runOne = (index: number) =>
        new Promise<ExactShareResult>((resolve, reject) => {
          const w = get(index);
          w.ref();
          const cleanup = () => {
            w.off('message', onMsg);
            w.off('error', onErr);
            w.unref();
          };
          const onMsg = (m: ExactWorkerMessage) => {
            if (m.type === 'progress') {
              if (ctx.isCancelled()) Atomics.store(flag, 0, 1);
              done[index] = m.done;
              // Every share walks the whole tree (skipping others' subtrees), so the slowest is the progress.
              return onProgress(Math.min(...done), m.total, m.best, m.scored);
            }
            cleanup();
            if (m.type === 'done') resolve(m.result);
            else reject(EngineError.fromFailure(m.failure));
          };
          const onErr = (err: Error) => {
            cleanup();
            reject(new EngineError('INTERNAL', `exact search worker failed: ${err.message}`, { cause: err }));
          };
          w.on('message', onMsg);
          w.on('error', onErr);
          w.postMessage({ req, partition: { index, count: size }, cancelFlag } satisfies ExactWorkerRequest);
        });
      try {
        return await Promise.all(Array.from({ length: size }, (_, i) => runOne(i)));
      } catch (err) {
        Atomics.store(flag, 0, 1);
        await reset(); // a share may still be running: never let its late reply reach the next search
        throw err;
      }
    },
    close: reset,
  };
}

const shared = new Map<number, ExactSearchPool>();

/** This thread's pool of `size` search workers, created on first use and kept. */
export function sharedExactPool(size: number): ExactSearchPool {
  let pool = shared.get(size);
  if (!pool) shared.set(size, (pool = createExactPool(size)));
  return pool;
}
