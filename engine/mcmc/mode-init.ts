/**
 * Cheap warm start for the chains: L-BFGS to the posterior mode of the unconstrained density,
 * then a Hutchinson estimate of the Hessian diagonal there as the initial (inverse) metric.
 *
 * Why: on the Cup model most of a naive warmup is spent in its first window, where the metric
 * is the identity and posterior scales differ ~50x, so trees run to depth 7+. Starting near the
 * typical set with roughly right scales lets a short Stan-style warmup finish the job. Chains
 * still start from distinct jittered points and still run the full windowed adaptation, so
 * R-hat keeps its meaning.
 */
import type { RandomGenerator } from '../rng/index.js';
import type { LogDensity } from './target.js';

export interface ModeOptions {
  /** @default 300 iterations */
  readonly maxIterations: number;
  /** History length. @default 8 */
  readonly memory: number;
  /** Stop when max |gradient| falls below this. @default 1e-3 */
  readonly gradTolerance: number;
  /**
   * Coordinates held at their starting value. Hierarchical log-scales belong here: the joint
   * mode of a (partially) centred hierarchical model sits at scale -> 0, a degenerate point
   * whose curvature is useless as a metric, so we take the mode conditional on sensible scales.
   */
  readonly frozen: readonly number[];
}

export const DEFAULT_MODE_OPTIONS: ModeOptions = { maxIterations: 300, memory: 8, gradTolerance: 1e-3, frozen: [] };

export interface ModeResult {
  readonly x: Float64Array;
  readonly lp: number;
  readonly iterations: number;
  readonly evaluations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Maximises target from x0 (L-BFGS two-loop recursion, Armijo backtracking). */
export function findMode(target: LogDensity, x0: Float64Array, options: Partial<ModeOptions> = {}): ModeResult {
  const o = { ...DEFAULT_MODE_OPTIONS, ...options };
  const n = target.dim;
  const x = x0.slice();
  const g = new Float64Array(n);
  const freeze = (grad: Float64Array) => {
    for (const i of o.frozen) grad[i] = 0;
  };
  let lp = target.logDensityGradient(x, g);
  freeze(g);
  let evaluations = 1;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(o.memory);
  let it = 0;
  for (; it < o.maxIterations; it++) {
    let gMax = 0;
    for (let i = 0; i < n; i++) gMax = Math.max(gMax, Math.abs(g[i]));
    if (!(gMax > o.gradTolerance)) break;
    // Ascent direction d = H g (two-loop recursion on the negated problem).
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = dot(S[k], d) / dot(Y[k], S[k]);
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * Y[k][i];
    }
    const gamma = S.length ? dot(S[S.length - 1], Y[S.length - 1]) / dot(Y[S.length - 1], Y[S.length - 1]) : 1 / Math.max(1, gMax);
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = dot(Y[k], d) / dot(Y[k], S[k]);
      for (let i = 0; i < n; i++) d[i] += S[k][i] * (alpha[k] - beta);
    }
    const slope = dot(d, g);
    let step = 1;
    let lpNew = -Infinity;
    for (let ls = 0; ls < 30; ls++, step *= 0.5) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      lpNew = target.logDensityGradient(xNew, gNew);
      freeze(gNew);
      evaluations++;
      if (Number.isFinite(lpNew) && lpNew >= lp + 1e-4 * step * slope) break;
    }
    if (!(lpNew > lp)) break;
    // Curvature pair for minimising -lp: s = dx, y = -(dg).
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = g[i] - gNew[i];
    }
    if (dot(s, y) > 1e-12) {
      S.push(s);
      Y.push(y);
      if (S.length > o.memory) {
        S.shift();
        Y.shift();
      }
    }
    x.set(xNew);
    g.set(gNew);
    lp = lpNew;
  }
  return { x, lp, iterations: it, evaluations };
}

/**
 * Hutchinson estimate of diag(-Hessian of log p) at x with `probes` Rademacher vectors and
 * central differences of the gradient; returns the implied inverse metric 1 / diag, clamped to
 * [minVar, maxVar]. 2 * probes gradient evaluations.
 */
export function inverseMetricFromHessian(target: LogDensity, x: Float64Array, rng: RandomGenerator, probes = 20, h = 1e-4, minVar = 1e-3, maxVar = 4): Float64Array {
  const n = target.dim;
  const acc = new Float64Array(n);
  const v = new Float64Array(n);
  const xp = new Float64Array(n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  for (let k = 0; k < probes; k++) {
    for (let i = 0; i < n; i++) v[i] = rng.nextDouble() < 0.5 ? -1 : 1;
    for (let i = 0; i < n; i++) xp[i] = x[i] + h * v[i];
    target.logDensityGradient(xp, gp);
    for (let i = 0; i < n; i++) xp[i] = x[i] - h * v[i];
    target.logDensityGradient(xp, gm);
    for (let i = 0; i < n; i++) acc[i] += (v[i] * -(gp[i] - gm[i])) / (2 * h);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const curvature = acc[i] / probes;
    out[i] = curvature > 0 ? Math.min(maxVar, Math.max(minVar, 1 / curvature)) : 1;
  }
  return out;
}
