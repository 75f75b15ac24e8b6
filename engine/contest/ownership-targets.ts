/**
 * Ownership percentages → per-player target inclusion shares (fractions, Σ = rosterSize),
 * checked against the slate. Accepts an OwnershipProjection's `drivers` or any hand-made list.
 */
import { invalidInput } from '../contract/engine-error.js';

export interface OwnershipTarget {
  readonly driverId: string;
  /** Percent of entries rostering the driver (0..100). */
  readonly meanPct: number;
}

/** Ownership totals may drift this far (relative) from rosterSize * 100 % before it is an error. */
const SUM_TOLERANCE = 0.02;

/**
 * Slate players missing from `ownership` get 0 % (never drawn). The total is rescaled to exactly
 * rosterSize * 100 % when within 2 %.
 * @throws INVALID_INPUT ownership[i].driverId (unknown / duplicate), ownership[i].meanPct,
 *   ownership (total off, or fewer than rosterSize drivers with positive ownership).
 */
export function ownershipTargets(ownership: readonly OwnershipTarget[], index: Map<string, number>, rosterSize: number): Float64Array {
  const targets = new Float64Array(index.size);
  const seen = new Uint8Array(index.size);
  let sum = 0;
  ownership.forEach((o, k) => {
    const i = index.get(o.driverId);
    if (i === undefined) throw invalidInput(`ownership[${k}].driverId`, `unknown driver '${o.driverId}' (not on the slate)`);
    if (seen[i]) throw invalidInput(`ownership[${k}].driverId`, `duplicate ownership for '${o.driverId}'`);
    if (!(Number.isFinite(o.meanPct) && o.meanPct >= 0 && o.meanPct <= 100)) {
      throw invalidInput(`ownership[${k}].meanPct`, 'must be a percentage in [0, 100]', { got: o.meanPct });
    }
    seen[i] = 1;
    targets[i] = o.meanPct / 100;
    sum += targets[i];
  });
  if (Math.abs(sum - rosterSize) > SUM_TOLERANCE * rosterSize) {
    throw invalidInput('ownership', `percentages sum to ${(sum * 100).toFixed(2)}, expected ${rosterSize * 100} (rosterSize x 100 %)`);
  }
  const positive = targets.reduce((c, t) => c + (t > 0 ? 1 : 0), 0);
  if (positive < rosterSize) throw invalidInput('ownership', `only ${positive} driver(s) have positive ownership; a lineup needs ${rosterSize}`);
  for (let i = 0; i < targets.length; i++) targets[i] = Math.min(1, (targets[i] * rosterSize) / sum);
  return targets;
}
