/**
 * What a sampler needs from a model: a log density with its analytic gradient over an
 * unconstrained vector, plus a map to the named quantities that are stored.
 * Implementations must not allocate in `logDensityGradient` (it runs ~10^5 times per chain).
 */
export interface LogDensity {
  /** Number of unconstrained parameters. */
  readonly dim: number;
  /** Writes ∇ log p(x) into `grad` and returns log p(x) (up to a constant; -Infinity outside support). */
  logDensityGradient(x: Float64Array, grad: Float64Array): number;
  /** Names of the stored (constrained / derived) quantities. */
  readonly outputNames: readonly string[];
  /** Writes the stored quantities of `x` into out[offset .. offset + outputNames.length). */
  writeOutputs(x: Float64Array, out: Float64Array, offset: number): void;
  /** Half-width of the uniform initialisation box around 0 (Stan uses 2; hierarchical models prefer less). */
  readonly initRadius: number;
}

/** Copies of the output mapping for targets whose stored quantities are the parameters themselves. */
export function identityOutputs(dim: number, prefix = 'x'): { names: string[]; write: (x: Float64Array, out: Float64Array, offset: number) => void } {
  return {
    names: Array.from({ length: dim }, (_, i) => `${prefix}[${i}]`),
    write: (x, out, offset) => out.set(x, offset),
  };
}
