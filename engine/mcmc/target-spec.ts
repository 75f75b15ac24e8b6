/**
 * Serializable description of a sampling target, so a chain worker can rebuild the same
 * log density from structured-cloned plain data (closures cannot cross threads).
 */
import { createDriverModel } from '../model/driver-model.js';
import type { ModelDesign } from '../model/design.js';
import { funnel, standardNormal } from './reference-targets.js';
import type { LogDensity } from './target.js';

export type TargetSpec =
  | { readonly kind: 'standard-normal'; readonly dim: number }
  | { readonly kind: 'funnel'; readonly dim: number; readonly scale: number }
  | { readonly kind: 'driver-model'; readonly design: ModelDesign };

export function buildTarget(spec: TargetSpec): LogDensity {
  switch (spec.kind) {
    case 'standard-normal':
      return standardNormal(spec.dim);
    case 'funnel':
      return funnel(spec.dim, spec.scale);
    case 'driver-model':
      return createDriverModel(spec.design);
    default:
      return unreachable(spec);
  }
}

function unreachable(x: never): never {
  throw new Error(`unknown target kind ${JSON.stringify(x)}`);
}
