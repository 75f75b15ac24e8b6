/**
 * Targets with known moments, used to check the sampler end to end (tests) and as cheap
 * smoke loads (bench). Not part of the driver model.
 */
import { identityOutputs, type LogDensity } from './target.js';

/** Independent N(0, 1) in `dim` dimensions: every mean 0, every variance 1. */
export function standardNormal(dim: number): LogDensity {
  const out = identityOutputs(dim);
  return {
    dim,
    initRadius: 2,
    outputNames: out.names,
    writeOutputs: out.write,
    logDensityGradient(x, grad) {
      let lp = 0;
      for (let i = 0; i < dim; i++) {
        lp -= 0.5 * x[i] * x[i];
        grad[i] = -x[i];
      }
      return lp;
    },
  };
}

/**
 * Neal's funnel, centred: v ~ N(0, scale^2), x_k | v ~ N(0, exp(v)) for k = 1..dim-1.
 * Known moments: E v = 0, sd v = scale, E x_k = 0, Var x_k = exp(scale^2 / 2).
 * With scale 3 (Neal's) NUTS diverges in the neck; moderate scales are sampled correctly.
 */
export function funnel(dim: number, scale: number): LogDensity {
  const names = ['v', ...Array.from({ length: dim - 1 }, (_, i) => `x[${i}]`)];
  return {
    dim,
    initRadius: 1,
    outputNames: names,
    writeOutputs: (x, out, offset) => out.set(x, offset),
    logDensityGradient(x, grad) {
      const v = x[0];
      const ev = Math.exp(-v);
      let lp = (-0.5 * v * v) / (scale * scale);
      let gv = -v / (scale * scale);
      for (let k = 1; k < dim; k++) {
        const q = x[k] * x[k] * ev;
        lp += -0.5 * q - 0.5 * v;
        gv += 0.5 * q - 0.5;
        grad[k] = -x[k] * ev;
      }
      grad[0] = gv;
      return lp;
    },
  };
}
