/**
 * Runs several chains of one target, in worker threads or serially on this thread. Chain c
 * always uses substream c of the seed, so the draws are identical whichever path ran them and
 * however many workers there were. Progress arrives per chain with a running R-hat of the log
 * density across chains (sampling phase).
 */
import { EngineError } from '../contract/engine-error.js';
import { substreams } from '../rng/index.js';
import type { RunRequest, ChainJob } from './chain-messages.js';
import { sharedChainPool, type ChainPool } from './chain-pool.js';
import { rhatBasic, splitChains } from './diagnostics.js';
import { runChain, type ChainConfig, type ChainOutput, type ChainStart } from './run-chain.js';
import { buildTarget, type TargetSpec } from './target-spec.js';

export interface ChainProgress {
  readonly chain: number;
  readonly phase: 'warmup' | 'sampling';
  readonly done: number;
  readonly total: number;
  /** Split R-hat of the log density over the sampling draws so far (when >= 2 chains have >= 8). */
  readonly rhatLp?: number;
}

export interface RunChainsOptions {
  readonly chains: number;
  readonly seed: number;
  readonly config: ChainConfig;
  readonly start?: ChainStart;
  /** false = run every chain on the calling thread (tests, determinism checks). @default true */
  readonly parallel?: boolean;
  /** Worker count when parallel and no pool is given. @default min(chains, 2) */
  readonly workers?: number;
  /** A pool to use instead of this thread's shared one (sharedChainPool); not closed here. */
  readonly pool?: ChainPool;
}

export interface RunChainsHooks {
  progress(p: ChainProgress): void;
  isCancelled(): boolean;
}

/** Default worker count: the deployment target has 2 cores. */
export const DEFAULT_WORKERS = 2;

export async function runChains(target: TargetSpec, opts: RunChainsOptions, hooks: RunChainsHooks): Promise<ChainOutput[]> {
  const streams = substreams(opts.seed, opts.chains);
  const jobs: ChainJob[] = streams.map((s, chain) => ({ chain, rngState: s.getState() }));
  const lpSoFar: number[][] = jobs.map(() => []);
  const report = (chain: number, phase: 'warmup' | 'sampling', done: number, total: number, lp: Float64Array) => {
    for (const v of lp) lpSoFar[chain].push(v);
    hooks.progress({ chain, phase, done, total, ...(phase === 'sampling' ? runningRhat(lpSoFar) : {}) });
  };
  if (opts.parallel === false) {
    const t = buildTarget(target);
    return jobs.map((j) => runChain(t, j.chain, j.rngState, opts.config, { isCancelled: () => hooks.isCancelled(), progress: (ph, d, n, lp) => report(j.chain, ph, d, n, lp) }, opts.start));
  }
  const size = opts.pool?.size ?? Math.min(opts.chains, opts.workers ?? DEFAULT_WORKERS);
  const pool = opts.pool ?? sharedChainPool(size);
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const requests: RunRequest[] = Array.from({ length: Math.min(size, jobs.length) }, (_, w) => ({
    type: 'run',
    target,
    jobs: jobs.filter((_, i) => i % size === w),
    config: opts.config,
    ...(opts.start ? { start: opts.start } : {}),
    cancelFlag,
  }));
  const outputs: ChainOutput[] = [];
  await pool.run(requests, (m) => {
    if (m.type === 'progress') {
      if (hooks.isCancelled()) Atomics.store(flag, 0, 1);
      report(m.chain, m.phase, m.done, m.total, m.lp);
    } else if (m.type === 'done') outputs.push(m.output);
  });
  if (outputs.length !== opts.chains) throw new EngineError('INTERNAL', `expected ${opts.chains} chains, got ${outputs.length}`);
  return outputs.sort((a, b) => a.chain - b.chain);
}

function runningRhat(lp: number[][]): { rhatLp?: number } {
  const n = Math.min(...lp.map((c) => c.length));
  if (lp.length < 2 || n < 8) return {};
  return { rhatLp: rhatBasic(splitChains(lp.map((c) => Float64Array.from(c.slice(0, n))))) };
}
