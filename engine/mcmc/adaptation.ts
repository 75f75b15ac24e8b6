/**
 * Warmup adaptation as in Stan: Nesterov dual averaging of log step size towards a target
 * acceptance statistic (Hoffman & Gelman 2014) inside a windowed schedule that re-estimates a
 * diagonal metric (posterior variances) at the end of doubling slow windows.
 */

/** Dual-averaging constants (Stan defaults). */
export const DUAL_AVERAGING = { gamma: 0.05, t0: 10, kappa: 0.75 } as const;
/** Window schedule (Stan defaults, iterations). */
export const WINDOWS = { initBuffer: 75, termBuffer: 50, baseWindow: 25 } as const;

export class DualAveraging {
  private counter = 0;
  private sBar = 0;
  private xBar = 0;
  private mu = 0;

  constructor(private readonly delta: number) {}

  restart(stepSize: number): void {
    this.counter = 0;
    this.sBar = 0;
    this.xBar = 0;
    this.mu = Math.log(10 * stepSize);
  }

  /** Returns the next step size given the last transition's acceptance statistic. */
  learn(acceptStat: number): number {
    this.counter++;
    const a = Math.min(1, Number.isFinite(acceptStat) ? acceptStat : 0);
    const eta = 1 / (this.counter + DUAL_AVERAGING.t0);
    this.sBar = (1 - eta) * this.sBar + eta * (this.delta - a);
    const x = this.mu - (this.sBar * Math.sqrt(this.counter)) / DUAL_AVERAGING.gamma;
    const xEta = Math.pow(this.counter, -DUAL_AVERAGING.kappa);
    this.xBar = (1 - xEta) * this.xBar + xEta * x;
    return Math.exp(x);
  }

  /** The averaged step size used after warmup. */
  final(): number {
    return Math.exp(this.xBar);
  }
}

/** Running mean/variance per coordinate (Welford). */
export class Welford {
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  constructor(dim: number) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }
  restart(): void {
    this.n = 0;
    this.mean.fill(0);
    this.m2.fill(0);
  }
  add(x: Float64Array): void {
    this.n++;
    for (let i = 0; i < x.length; i++) {
      const d = x[i] - this.mean[i];
      this.mean[i] += d / this.n;
      this.m2[i] += d * (x[i] - this.mean[i]);
    }
  }
  /** Stan's regularised variance: shrinks towards 1e-3 with weight 5/(n+5). */
  regularisedVariance(out: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < out.length; i++) {
      const v = n > 1 ? this.m2[i] / (n - 1) : 1;
      out[i] = (n / (n + 5)) * v + 1e-3 * (5 / (n + 5));
    }
  }
}

export interface AdaptationSchedule {
  /** First warmup iteration (0-based) whose draw feeds the metric estimate. */
  readonly slowStart: number;
  /** Iterations (0-based) at whose END the metric is re-estimated. Empty = step size only. */
  readonly windowEnds: readonly number[];
}

/**
 * Stan's schedule: fast initial buffer, doubling slow windows, fast terminal buffer; buffers
 * shrink to 15%/10% of warmup when the defaults do not fit. Under 20 iterations only the step
 * size adapts.
 */
export function adaptationSchedule(numWarmup: number): AdaptationSchedule {
  if (numWarmup < 20) return { slowStart: numWarmup, windowEnds: [] };
  let { initBuffer, termBuffer, baseWindow } = WINDOWS as { initBuffer: number; termBuffer: number; baseWindow: number };
  if (initBuffer + baseWindow + termBuffer > numWarmup) {
    initBuffer = Math.floor(0.15 * numWarmup);
    termBuffer = Math.floor(0.1 * numWarmup);
    baseWindow = numWarmup - (initBuffer + termBuffer);
  }
  const out: number[] = [];
  const slowEnd = numWarmup - termBuffer;
  let start = initBuffer;
  let size = baseWindow;
  while (start < slowEnd) {
    let end = start + size;
    // Stan: if the next (doubled) window would not fit, stretch this one to the terminal buffer.
    if (end + 2 * size > slowEnd) end = slowEnd;
    out.push(end - 1);
    start = end;
    size *= 2;
  }
  return { slowStart: initBuffer, windowEnds: out };
}
