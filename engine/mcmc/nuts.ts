/**
 * No-U-Turn sampler with multinomial trajectory sampling and the generalised (p-sharp)
 * U-turn criterion checked across merged subtrees — the algorithm of Stan's base_nuts
 * (Betancourt 2017, "A Conceptual Introduction to HMC", appendix A), diagonal metric.
 * All work vectors are preallocated per tree depth, so a transition allocates nothing.
 */
import type { RandomGenerator } from '../rng/index.js';
import type { LogDensity } from './target.js';

/** Energy error above which a trajectory is declared divergent (Stan's max_deltaH). */
export const MAX_DELTA_H = 1000;

class PhasePoint {
  readonly q: Float64Array;
  readonly p: Float64Array;
  readonly g: Float64Array;
  lp = 0;
  constructor(dim: number) {
    this.q = new Float64Array(dim);
    this.p = new Float64Array(dim);
    this.g = new Float64Array(dim);
  }
  copyFrom(o: PhasePoint): void {
    this.q.set(o.q);
    this.p.set(o.p);
    this.g.set(o.g);
    this.lp = o.lp;
  }
  /** Position, gradient and density only: proposals never need their momentum. */
  copyPositionFrom(o: PhasePoint): void {
    this.q.set(o.q);
    this.g.set(o.g);
    this.lp = o.lp;
  }
}

/** Vectors used by one level of the recursive tree build. */
interface Level {
  pSharpInitEnd: Float64Array;
  rhoInit: Float64Array;
  pInitEnd: Float64Array;
  proposeFinal: PhasePoint;
  pFinalBeg: Float64Array;
  pSharpFinalBeg: Float64Array;
  rhoFinal: Float64Array;
  rhoExt: Float64Array;
}

export interface TransitionStats {
  acceptStat: number;
  treeDepth: number;
  leapfrogs: number;
  divergent: boolean;
}

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function addInto(out: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
}

/** U-turn check on the span [minus, plus] with summed momentum rho. */
function noUTurn(pSharpMinus: Float64Array, pSharpPlus: Float64Array, rho: Float64Array): boolean {
  return dot(pSharpPlus, rho) > 0 && dot(pSharpMinus, rho) > 0;
}

export class Nuts {
  readonly dim: number;
  stepSize = 1;
  readonly invMetric: Float64Array;
  maxTreeDepth: number;
  /** Current state (position, gradient, log density). */
  readonly current: PhasePoint;

  private readonly z: PhasePoint;
  private readonly zFwd: PhasePoint;
  private readonly zBck: PhasePoint;
  private readonly zSample: PhasePoint;
  private readonly zPropose: PhasePoint;
  private readonly v: Record<'psFB' | 'psFF' | 'psBF' | 'psBB' | 'pFB' | 'pFF' | 'pBF' | 'pBB' | 'rho' | 'rhoF' | 'rhoB' | 'rhoExt', Float64Array>;
  private readonly levels: Level[];
  private readonly lsw: Float64Array;
  private nLeapfrog = 0;
  private sumMetroProb = 0;
  private divergent = false;

  constructor(
    private readonly target: LogDensity,
    private readonly rng: RandomGenerator,
    maxTreeDepth = 10,
  ) {
    const d = target.dim;
    this.dim = d;
    this.maxTreeDepth = maxTreeDepth;
    this.invMetric = new Float64Array(d).fill(1);
    const pp = () => new PhasePoint(d);
    this.current = pp();
    this.z = pp();
    this.zFwd = pp();
    this.zBck = pp();
    this.zSample = pp();
    this.zPropose = pp();
    const vec = () => new Float64Array(d);
    this.v = { psFB: vec(), psFF: vec(), psBF: vec(), psBB: vec(), pFB: vec(), pFF: vec(), pBF: vec(), pBB: vec(), rho: vec(), rhoF: vec(), rhoB: vec(), rhoExt: vec() };
    this.levels = [];
    for (let l = 0; l <= maxTreeDepth; l++) {
      this.levels.push({ pSharpInitEnd: vec(), rhoInit: vec(), pInitEnd: vec(), proposeFinal: pp(), pFinalBeg: vec(), pSharpFinalBeg: vec(), rhoFinal: vec(), rhoExt: vec() });
    }
    this.lsw = new Float64Array(2 * maxTreeDepth + 4);
  }

  /** Sets the current position (and evaluates density + gradient there). */
  setPosition(q: Float64Array): number {
    this.current.q.set(q);
    this.current.lp = this.target.logDensityGradient(this.current.q, this.current.g);
    return this.current.lp;
  }

  private sampleMomentum(z: PhasePoint): void {
    for (let i = 0; i < this.dim; i++) z.p[i] = this.rng.nextNormal() / Math.sqrt(this.invMetric[i]);
  }

  private hamiltonian(z: PhasePoint): number {
    let k = 0;
    for (let i = 0; i < this.dim; i++) k += this.invMetric[i] * z.p[i] * z.p[i];
    const h = -z.lp + 0.5 * k;
    return Number.isNaN(h) ? Infinity : h;
  }

  private pSharp(z: PhasePoint, out: Float64Array): void {
    for (let i = 0; i < this.dim; i++) out[i] = this.invMetric[i] * z.p[i];
  }

  private leapfrog(z: PhasePoint, eps: number): void {
    const { q, p, g } = z;
    const half = 0.5 * eps;
    for (let i = 0; i < this.dim; i++) p[i] += half * g[i];
    for (let i = 0; i < this.dim; i++) q[i] += eps * this.invMetric[i] * p[i];
    z.lp = this.target.logDensityGradient(q, g);
    for (let i = 0; i < this.dim; i++) p[i] += half * g[i];
  }

  /**
   * Stan's step-size heuristic: double or halve until the one-step acceptance crosses 0.8.
   * Leaves the current state unchanged.
   */
  initStepSize(): void {
    const z = this.z;
    z.copyFrom(this.current);
    this.sampleMomentum(z);
    let h0 = this.hamiltonian(z);
    this.leapfrog(z, this.stepSize);
    let delta = h0 - this.hamiltonian(z);
    const direction = delta > Math.log(0.8) ? 1 : -1;
    for (let it = 0; it < 100; it++) {
      z.copyFrom(this.current);
      this.sampleMomentum(z);
      h0 = this.hamiltonian(z);
      this.leapfrog(z, this.stepSize);
      delta = h0 - this.hamiltonian(z);
      if (direction === 1 && !(delta > Math.log(0.8))) break;
      if (direction === -1 && !(delta < Math.log(0.8))) break;
      this.stepSize = direction === 1 ? 2 * this.stepSize : 0.5 * this.stepSize;
      if (this.stepSize > 1e7 || this.stepSize < 1e-12) break;
    }
  }

  /** One NUTS transition from `current`; updates `current` in place. */
  transition(): TransitionStats {
    const { v } = this;
    const z = this.z;
    z.copyFrom(this.current);
    this.sampleMomentum(z);
    this.zFwd.copyFrom(z);
    this.zBck.copyFrom(z);
    this.zSample.copyPositionFrom(z);
    this.zPropose.copyPositionFrom(z);
    this.pSharp(z, v.psFB);
    v.psFF.set(v.psFB);
    v.psBF.set(v.psFB);
    v.psBB.set(v.psFB);
    v.pFB.set(z.p);
    v.pFF.set(z.p);
    v.pBF.set(z.p);
    v.pBB.set(z.p);
    v.rho.set(z.p);
    let logSumWeight = 0;
    const h0 = this.hamiltonian(z);
    this.nLeapfrog = 0;
    this.sumMetroProb = 0;
    this.divergent = false;
    const top = 2 * this.maxTreeDepth + 2;
    let depth = 0;
    while (depth < this.maxTreeDepth) {
      v.rhoF.fill(0);
      v.rhoB.fill(0);
      this.lsw[top] = -Infinity;
      let valid: boolean;
      if (this.rng.nextDouble() > 0.5) {
        z.copyFrom(this.zFwd);
        v.rhoB.set(v.rho);
        v.pBF.set(v.pFB);
        v.psBF.set(v.psFB);
        valid = this.buildTree(depth, this.zPropose, v.psFB, v.psFF, v.rhoF, v.pFB, v.pFF, h0, 1, top);
        this.zFwd.copyFrom(z);
      } else {
        z.copyFrom(this.zBck);
        v.rhoF.set(v.rho);
        v.pFB.set(v.pBF);
        v.psFB.set(v.psBF);
        valid = this.buildTree(depth, this.zPropose, v.psBF, v.psBB, v.rhoB, v.pBF, v.pBB, h0, -1, top);
        this.zBck.copyFrom(z);
      }
      if (!valid) break;
      depth++;
      const lswSub = this.lsw[top];
      if (lswSub > logSumWeight) this.zSample.copyPositionFrom(this.zPropose);
      else if (this.rng.nextDouble() < Math.exp(lswSub - logSumWeight)) this.zSample.copyPositionFrom(this.zPropose);
      logSumWeight = logSumExp(logSumWeight, lswSub);
      addInto(v.rho, v.rhoB, v.rhoF);
      let persist = noUTurn(v.psBB, v.psFF, v.rho);
      addInto(v.rhoExt, v.rhoB, v.pFB);
      persist = persist && noUTurn(v.psBB, v.psFB, v.rhoExt);
      addInto(v.rhoExt, v.rhoF, v.pBF);
      persist = persist && noUTurn(v.psBF, v.psFF, v.rhoExt);
      if (!persist) break;
    }
    this.current.copyPositionFrom(this.zSample);
    return {
      acceptStat: this.nLeapfrog > 0 ? this.sumMetroProb / this.nLeapfrog : 0,
      treeDepth: depth,
      leapfrogs: this.nLeapfrog,
      divergent: this.divergent,
    };
  }

  private buildTree(
    depth: number,
    propose: PhasePoint,
    pSharpBeg: Float64Array,
    pSharpEnd: Float64Array,
    rho: Float64Array,
    pBeg: Float64Array,
    pEnd: Float64Array,
    h0: number,
    sign: 1 | -1,
    lswSlot: number,
  ): boolean {
    const z = this.z;
    if (depth === 0) {
      this.leapfrog(z, sign * this.stepSize);
      this.nLeapfrog++;
      const h = this.hamiltonian(z);
      if (h - h0 > MAX_DELTA_H) this.divergent = true;
      this.lsw[lswSlot] = logSumExp(this.lsw[lswSlot], h0 - h);
      this.sumMetroProb += h0 - h > 0 ? 1 : Math.exp(h0 - h);
      propose.copyPositionFrom(z);
      this.pSharp(z, pSharpBeg);
      pSharpEnd.set(pSharpBeg);
      for (let i = 0; i < this.dim; i++) rho[i] += z.p[i];
      pBeg.set(z.p);
      pEnd.set(z.p);
      return !this.divergent;
    }
    const L = this.levels[depth];
    const slotInit = 2 * depth - 2;
    const slotFinal = 2 * depth - 1;
    this.lsw[slotInit] = -Infinity;
    L.rhoInit.fill(0);
    if (!this.buildTree(depth - 1, propose, pSharpBeg, L.pSharpInitEnd, L.rhoInit, pBeg, L.pInitEnd, h0, sign, slotInit)) return false;
    const final = L.proposeFinal;
    final.copyPositionFrom(z);
    this.lsw[slotFinal] = -Infinity;
    L.rhoFinal.fill(0);
    if (!this.buildTree(depth - 1, final, L.pSharpFinalBeg, pSharpEnd, L.rhoFinal, L.pFinalBeg, pEnd, h0, sign, slotFinal)) return false;
    const lswInit = this.lsw[slotInit];
    const lswFinal = this.lsw[slotFinal];
    const lswSub = logSumExp(lswInit, lswFinal);
    this.lsw[lswSlot] = logSumExp(this.lsw[lswSlot], lswSub);
    if (lswFinal > lswSub) propose.copyPositionFrom(final);
    else if (this.rng.nextDouble() < Math.exp(lswFinal - lswSub)) propose.copyPositionFrom(final);
    const rhoSub = L.rhoExt;
    addInto(rhoSub, L.rhoInit, L.rhoFinal);
    for (let i = 0; i < this.dim; i++) rho[i] += rhoSub[i];
    let persist = noUTurn(pSharpBeg, pSharpEnd, rhoSub);
    addInto(rhoSub, L.rhoInit, L.pFinalBeg);
    persist = persist && noUTurn(pSharpBeg, L.pSharpFinalBeg, rhoSub);
    addInto(rhoSub, L.rhoFinal, L.pInitEnd);
    persist = persist && noUTurn(L.pSharpInitEnd, pSharpEnd, rhoSub);
    return persist;
  }
}
