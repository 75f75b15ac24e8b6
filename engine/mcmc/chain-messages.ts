/** Messages between the chain pool (main thread) and a chain worker. */
import type { EngineFailure } from '../contract/engine-error.js';
import type { ChainConfig, ChainOutput, ChainStart } from './run-chain.js';
import type { TargetSpec } from './target-spec.js';

export interface ChainJob {
  readonly chain: number;
  readonly rngState: readonly [number, number, number, number];
}

export interface RunRequest {
  readonly type: 'run';
  readonly target: TargetSpec;
  readonly jobs: readonly ChainJob[];
  readonly config: ChainConfig;
  readonly start?: ChainStart;
  /** Int32Array view: non-zero = cancel. */
  readonly cancelFlag: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly chain: number; readonly phase: 'warmup' | 'sampling'; readonly done: number; readonly total: number; readonly lp: Float64Array }
  | { readonly type: 'done'; readonly output: ChainOutput }
  | { readonly type: 'error'; readonly failure: EngineFailure };
