/**
 * Read access to a stored calibration posterior by quantity name (draw x name matrix).
 * Missing quantities (a feature that was off, an unknown driver) read as absent (-1 column).
 */
import type { CalibrationResult } from '../contract/calibration-types.js';

/** The parts of a CalibrationResult that race models and evaluation read. */
export type PosteriorSource = Pick<CalibrationResult, 'seed' | 'posterior' | 'index' | 'dnf' | 'dominance'>;

export class PosteriorView {
  readonly draws: number;
  private readonly P: number;
  private readonly col: Map<string, number>;
  constructor(readonly source: PosteriorSource) {
    this.draws = source.posterior.drawCount;
    this.P = source.posterior.names.length;
    this.col = new Map(source.posterior.names.map((n, i) => [n, i]));
  }
  column(name: string): number {
    return this.col.get(name) ?? -1;
  }
  /** Value of column c at draw s; 0 for an absent column. */
  at(s: number, c: number): number {
    return c < 0 ? 0 : this.source.posterior.draws[s * this.P + c];
  }
}

const views = new WeakMap<object, PosteriorView>();

/** Cached view per result object (building the name map costs more than a race model). */
export function posteriorView(source: PosteriorSource): PosteriorView {
  let v = views.get(source);
  if (!v) {
    v = new PosteriorView(source);
    views.set(source, v);
  }
  return v;
}
