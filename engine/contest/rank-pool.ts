/**
 * Runs rankBlock over all scenarios, in worker threads when asked to.
 *
 * Determinism: scenarios are cut into fixed blocks and each block's per-scenario results land
 * at their scenario's offset, so the output is identical for any thread count (the reduction
 * to metrics happens later, in scenario order, on the main thread).
 * Workers: the kernel functions' source text (Function.prototype.toString) is evaluated in each worker,
 * so this works the same under tsx, vitest and compiled JS without a separate worker file or a
 * TypeScript loader in the worker. Transpilers may wrap named functions in `__name(...)`
 * (esbuild keepNames), hence the identity shim. Per-player points travel in a
 * SharedArrayBuffer; the field and our lineups are small and copied once per worker.
 * Cancellation and progress are handled between blocks.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { RANK_KERNEL, rankBlock } from './rank-kernel.js';
import type { RankBlockArgs } from './rank-kernel.js';

export type RankShared = Omit<RankBlockArgs, 's0' | 's1'>;

export interface RankRunOptions {
  /** Threads computing, the calling thread included (threads - 1 workers); <= 1: no workers. */
  readonly threads: number;
  /** Scenarios per block (progress and cancellation granularity). */
  readonly blockSize: number;
}

export interface RankRunResult {
  /** Lineup-major: l * S + s (metrics then read contiguous columns). */
  readonly payouts: Float64Array;
  readonly ranks: Int32Array;
  readonly threadsUsed: number;
}

export function defaultThreads(): number {
  return availableParallelism();
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const __name = (f) => f;
${RANK_KERNEL.map((f) => f.toString()).join('\n')}
let shared = null;
parentPort.on('message', (m) => {
  if (m.type === 'init') { shared = m.shared; return; }
  try {
    const out = rankBlock(Object.assign({}, shared, { s0: m.s0, s1: m.s1 }));
    parentPort.postMessage({ type: 'done', s0: m.s0, s1: m.s1, payouts: out.payouts, ranks: out.ranks }, [out.payouts.buffer, out.ranks.buffer]);
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: String((e && e.stack) || e) });
  }
});`;

export async function rankAllScenarios(shared: RankShared, scenarios: number, opts: RankRunOptions, ctx: EngineRunContext): Promise<RankRunResult> {
  const L = shared.ours.length / shared.rosterSize;
  const payouts = new Float64Array(scenarios * L);
  const ranks = new Int32Array(scenarios * L);
  const blocks: [number, number][] = [];
  for (let s0 = 0; s0 < scenarios; s0 += opts.blockSize) blocks.push([s0, Math.min(scenarios, s0 + opts.blockSize)]);
  const threads = Math.min(Math.max(1, Math.floor(opts.threads)), blocks.length);
  // Blocks arrive lineup-major within the block; each lineup's run is one contiguous copy.
  const store = (s0: number, out: { payouts: Float64Array; ranks: Int32Array }): void => {
    const B = out.payouts.length / L;
    for (let l = 0; l < L; l++) {
      payouts.set(out.payouts.subarray(l * B, (l + 1) * B), l * scenarios + s0);
      ranks.set(out.ranks.subarray(l * B, (l + 1) * B), l * scenarios + s0);
    }
  };
  await runPool(shared, blocks, threads, scenarios, store, ctx);
  return { payouts, ranks, threadsUsed: threads };
}

/**
 * The calling thread works too (threads - 1 workers + itself): on 2 cores that saves a worker's
 * start-up and JIT warm-up. It computes one block per macrotask so worker replies, progress and
 * cancellation interleave with its own blocks.
 */
function runPool(
  shared: RankShared,
  blocks: readonly [number, number][],
  threads: number,
  scenarios: number,
  store: (s0: number, out: { payouts: Float64Array; ranks: Int32Array }) => void,
  ctx: EngineRunContext,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let done = 0;
    let settled = false;
    const stop = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    /** Record a finished block; false once the run is over (done, failed or cancelled). */
    const complete = (s0: number, s1: number, out: { payouts: Float64Array; ranks: Int32Array }): boolean => {
      store(s0, out);
      finished++;
      done += s1 - s0;
      ctx.progress({ phase: 'ranking', done, total: scenarios });
      if (ctx.isCancelled()) stop(new EngineError('CANCELLED', 'contest simulation cancelled'));
      else if (finished === blocks.length) stop();
      return !settled;
    };
    const dispatch = (w: Worker): void => {
      if (next < blocks.length) {
        const [s0, s1] = blocks[next++];
        w.postMessage({ type: 'block', s0, s1 });
      }
    };
    for (let t = 1; t < threads; t++) {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      workers.push(w);
      w.on('message', (m: { type: string; s0: number; s1: number; payouts: Float64Array; ranks: Int32Array; message?: string }) => {
        if (settled) return;
        if (m.type === 'error') return stop(new EngineError('INTERNAL', `ranking worker failed: ${m.message}`));
        if (complete(m.s0, m.s1, m)) dispatch(w);
      });
      w.on('error', (e) => stop(new EngineError('INTERNAL', `ranking worker crashed: ${e.message}`, { cause: e })));
      w.postMessage({ type: 'init', shared });
      dispatch(w);
    }
    const mainStep = (): void => {
      if (settled) return;
      if (ctx.isCancelled()) return stop(new EngineError('CANCELLED', 'contest simulation cancelled'));
      if (next >= blocks.length) return; // the workers finish the rest
      const [s0, s1] = blocks[next++];
      try {
        if (complete(s0, s1, rankBlock({ ...shared, s0, s1 }))) setImmediate(mainStep);
      } catch (e) {
        stop(e);
      }
    };
    setImmediate(mainStep);
  });
}
