/**
 * Worker threads that run chains (node:worker_threads: parallelism without I/O). A pool can be
 * kept for the life of an actor (worker start-up with the TypeScript loader costs ~0.2-0.5 s)
 * or created per run; `close()` terminates its workers.
 *
 * Loading: from TypeScript sources (tsx in dev/tests/bench) the worker registers tsx's CommonJS
 * hooks and then requires chain-worker.ts — `execArgv: ['--import', 'tsx']` does not apply the
 * ESM loader to a worker's entry on Node 20. From compiled .js it imports chain-worker.js.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../contract/engine-error.js';
import type { RunRequest, WorkerMessage } from './chain-messages.js';
import { dropWhenGone } from '../worker/spawn-worker.js';

export interface ChainPool {
  readonly size: number;
  /** Sends one request per worker (requests.length <= size) and feeds every message to onMessage until all finish. */
  run(requests: readonly RunRequest[], onMessage: (m: WorkerMessage) => void): Promise<void>;
  close(): Promise<void>;
}

function workerSource(): string {
  const fromTs = import.meta.url.endsWith('.ts');
  const entry = new URL(fromTs ? './chain-worker.ts' : './chain-worker.js', import.meta.url);
  if (!fromTs) return `import(${JSON.stringify(entry.href)});`;
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(entry))});`;
}

export interface ChainPoolOptions {
  /**
   * Let idle workers not keep the process alive (they are ref'd again while a run is in
   * flight). For a pool shared by every calibration on a thread (sharedChainPool).
   */
  readonly unrefWhenIdle?: boolean;
}

export function createChainPool(size: number, options: ChainPoolOptions = {}): ChainPool {
  if (!Number.isInteger(size) || size < 1) throw new EngineError('INVALID_INPUT', `workers: must be a positive integer, got ${size}`, { details: { field: 'workers' } });
  const workers: Worker[] = [];
  const source = workerSource();
  const get = (i: number) => {
    while (workers.length <= i) {
      const w = new Worker(source, { eval: true });
      dropWhenGone(workers, w);
      workers.push(w);
    }
    return workers[i];
  };
  const runAll = async (requests: readonly RunRequest[], onMessage: (m: WorkerMessage) => void): Promise<void> => {
    await Promise.all(
      requests.map(
        (req, i) =>
          new Promise<void>((resolve, reject) => {
            const w = get(i);
            w.ref();
            let left = req.jobs.length;
            const cleanup = () => {
              w.off('message', onMsg);
              w.off('error', onErr);
              if (options.unrefWhenIdle) w.unref();
            };
            const onMsg = (m: WorkerMessage) => {
              if (m.type === 'error') {
                cleanup();
                reject(EngineError.fromFailure(m.failure));
                return;
              }
              onMessage(m);
              if (m.type === 'done' && --left === 0) {
                cleanup();
                resolve();
              }
            };
            const onErr = (err: Error) => {
              cleanup();
              reject(new EngineError('INTERNAL', `chain worker failed: ${err.message}`, { cause: err }));
            };
            w.on('message', onMsg);
            w.on('error', onErr);
            if (req.jobs.length === 0) {
              cleanup();
              resolve();
            } else w.postMessage(req);
          }),
      ),
    );
  };
  return {
    size,
    async run(requests, onMessage) {
      try {
        await runAll(requests, onMessage);
      } catch (err) {
        // A failed or cancelled run may leave a worker still finishing its chains, whose late
        // messages would reach the next run: start the next run on fresh workers instead.
        await Promise.all(workers.splice(0).map((w) => w.terminate()));
        throw err;
      }
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
}

const shared = new Map<number, ChainPool>();

/**
 * The chain pool of this thread for `size` workers, created on first use and kept: an actor's
 * job worker runs many calibrations, and starting workers (~0.5 s with the TypeScript loader)
 * and warming their JIT per job would dominate short fits. Idle workers do not keep the
 * process alive; a failed run replaces its workers (see run()).
 */
export function sharedChainPool(size: number): ChainPool {
  let pool = shared.get(size);
  if (!pool) shared.set(size, (pool = createChainPool(size, { unrefWhenIdle: true })));
  return pool;
}
