/**
 * One chain: initialise, warm up (step size + diagonal metric), sample, keep outputs.
 * Pure and synchronous so it runs identically on the main thread and in a worker: the same
 * substream gives bit-identical draws either way (the determinism tests rely on this).
 */
import { EngineError } from '../contract/engine-error.js';
import { rngFromState } from '../rng/index.js';
import { DualAveraging, Welford, adaptationSchedule } from './adaptation.js';
import { Nuts } from './nuts.js';
import type { LogDensity } from './target.js';

export interface ChainConfig {
  readonly warmup: number;
  readonly draws: number;
  readonly maxTreeDepth: number;
  readonly targetAccept: number;
  /** Progress callbacks per chain: about this many per phase. */
  readonly progressTicks: number;
}

export const DEFAULT_CHAIN_CONFIG: ChainConfig = { warmup: 1000, draws: 1000, maxTreeDepth: 10, targetAccept: 0.8, progressTicks: 40 };

export interface ChainOutput {
  readonly chain: number;
  /** draws x outputDim, row-major. */
  readonly outputs: Float64Array;
  readonly lp: Float64Array;
  readonly acceptStat: Float64Array;
  readonly treeDepth: Uint8Array;
  readonly leapfrogs: Int32Array;
  readonly divergent: Uint8Array;
  readonly stepSize: number;
  readonly invMetric: Float64Array;
  readonly warmupLeapfrogs: number;
  readonly wallMs: number;
}

export interface ChainHooks {
  /** `lp` holds the log densities of sampling iterations since the previous call (empty in warmup). */
  progress(phase: 'warmup' | 'sampling', done: number, total: number, lp: Float64Array): void;
  isCancelled(): boolean;
}

/** Where a chain starts: a centre (e.g. the posterior mode), a metric guess and a jitter in posterior sds. */
export interface ChainStart {
  readonly position: Float64Array;
  readonly invMetric: Float64Array;
  /** Each coordinate starts uniformly within ±jitter * sqrt(invMetric) of the centre. */
  readonly jitter: number;
}

const MAX_INIT_TRIES = 100;

function initialise(target: LogDensity, nuts: Nuts, rng: ReturnType<typeof rngFromState>, start: ChainStart | undefined): void {
  const x = new Float64Array(target.dim);
  if (start) nuts.invMetric.set(start.invMetric);
  for (let attempt = 0; attempt < MAX_INIT_TRIES; attempt++) {
    for (let i = 0; i < x.length; i++) {
      const u = 2 * rng.nextDouble() - 1;
      x[i] = start ? start.position[i] + u * start.jitter * Math.sqrt(start.invMetric[i]) : u * target.initRadius;
    }
    const lp = nuts.setPosition(x);
    if (Number.isFinite(lp) && nuts.current.g.every(Number.isFinite)) return;
  }
  throw new EngineError('INVALID_INPUT', `could not find a finite log density in ${MAX_INIT_TRIES} initialisations`, { details: { field: 'data' } });
}

export function runChain(target: LogDensity, chain: number, rngState: readonly [number, number, number, number], config: ChainConfig, hooks: ChainHooks, start?: ChainStart): ChainOutput {
  const t0 = performance.now();
  const rng = rngFromState(rngState);
  const nuts = new Nuts(target, rng, config.maxTreeDepth);
  initialise(target, nuts, rng, start);
  const { warmup, draws } = config;
  const outDim = target.outputNames.length;
  const outputs = new Float64Array(draws * outDim);
  const lp = new Float64Array(draws);
  const acceptStat = new Float64Array(draws);
  const treeDepth = new Uint8Array(draws);
  const leapfrogs = new Int32Array(draws);
  const divergent = new Uint8Array(draws);

  nuts.initStepSize();
  const da = new DualAveraging(config.targetAccept);
  da.restart(nuts.stepSize);
  const welford = new Welford(target.dim);
  const schedule = adaptationSchedule(warmup);
  const updates = new Set(schedule.windowEnds);
  const tick = (n: number) => Math.max(1, Math.floor(n / config.progressTicks));
  let warmupLeapfrogs = 0;

  for (let it = 0; it < warmup; it++) {
    const s = nuts.transition();
    warmupLeapfrogs += s.leapfrogs;
    nuts.stepSize = da.learn(s.acceptStat);
    if (it >= schedule.slowStart) welford.add(nuts.current.q);
    if (updates.has(it)) {
      welford.regularisedVariance(nuts.invMetric);
      welford.restart();
      nuts.initStepSize();
      da.restart(nuts.stepSize);
    }
    if ((it + 1) % tick(warmup) === 0 || it + 1 === warmup) {
      if (hooks.isCancelled()) throw new EngineError('CANCELLED', 'calibration cancelled during warmup');
      hooks.progress('warmup', it + 1, warmup, new Float64Array(0));
    }
  }
  if (warmup > 0) nuts.stepSize = da.final();

  let lastReport = 0;
  for (let it = 0; it < draws; it++) {
    const s = nuts.transition();
    lp[it] = nuts.current.lp;
    acceptStat[it] = s.acceptStat;
    treeDepth[it] = s.treeDepth;
    leapfrogs[it] = s.leapfrogs;
    divergent[it] = s.divergent ? 1 : 0;
    target.writeOutputs(nuts.current.q, outputs, it * outDim);
    if ((it + 1) % tick(draws) === 0 || it + 1 === draws) {
      if (hooks.isCancelled()) throw new EngineError('CANCELLED', 'calibration cancelled during sampling');
      hooks.progress('sampling', it + 1, draws, lp.slice(lastReport, it + 1));
      lastReport = it + 1;
    }
  }
  return {
    chain,
    outputs,
    lp,
    acceptStat,
    treeDepth,
    leapfrogs,
    divergent,
    stepSize: nuts.stepSize,
    invMetric: nuts.invMetric.slice(),
    warmupLeapfrogs,
    wallMs: performance.now() - t0,
  };
}
