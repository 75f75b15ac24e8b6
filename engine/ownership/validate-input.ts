/**
 * Input checks for the ownership model. Every failure is EngineError('INVALID_INPUT') whose
 * details.field names the culprit, e.g. `overrides[2].driverId: unknown driver 'jdoe'`.
 */
import { invalidInput } from '../contract/engine-error.js';
import { TRACK_TYPES } from '../contract/models.js';
import type { SlateSpec, TrackType } from '../contract/models.js';

export interface DriverProjection {
  readonly driverId: string;
  /** Projected mean fantasy points on the slate's site. */
  readonly mean: number;
  /** Accepted so race-sim summaries can be passed as they are; not a model feature. */
  readonly sd?: number;
  /** Recent form, e.g. average fantasy points over the last five races; omit when unknown. */
  readonly recentForm?: number;
}

export interface OwnershipOverride {
  readonly driverId: string;
  /** Fixed ownership, percent of entries (0..100). */
  readonly ownershipPct: number;
}

/** Basic slate sanity shared with engine/contest: roster size, unique ids, positive salaries. */
export function validateSlateBasics(slate: SlateSpec): Map<string, number> {
  if (!Number.isInteger(slate.rosterSize) || slate.rosterSize < 1) throw invalidInput('slate.rosterSize', 'must be a positive integer', { got: slate.rosterSize });
  if (!(Number.isFinite(slate.salaryCap) && slate.salaryCap > 0)) throw invalidInput('slate.salaryCap', 'must be a positive number', { got: slate.salaryCap });
  if (slate.players.length < slate.rosterSize) {
    throw invalidInput('slate.players', `has ${slate.players.length} players, fewer than rosterSize ${slate.rosterSize}`);
  }
  const index = new Map<string, number>();
  slate.players.forEach((p, i) => {
    if (index.has(p.driverId)) throw invalidInput(`slate.players[${i}].driverId`, `duplicate driver '${p.driverId}'`);
    if (!(Number.isFinite(p.salary) && p.salary > 0)) throw invalidInput(`slate.players[${i}].salary`, 'must be a positive number', { got: p.salary });
    index.set(p.driverId, i);
  });
  return index;
}

export function validateTrackType(trackType: string): TrackType {
  if (!(TRACK_TYPES as readonly string[]).includes(trackType)) {
    throw invalidInput('trackType', `must be one of ${TRACK_TYPES.join(', ')}`, { got: trackType });
  }
  return trackType as TrackType;
}

/** Projections aligned to slate order: every slate player needs exactly one. */
export function alignProjections(projections: readonly DriverProjection[], index: Map<string, number>): { mean: Float64Array; form: Float64Array } {
  const n = index.size;
  const mean = new Float64Array(n).fill(Number.NaN);
  const form = new Float64Array(n).fill(Number.NaN);
  projections.forEach((p, k) => {
    const i = index.get(p.driverId);
    if (i === undefined) throw invalidInput(`projections[${k}].driverId`, `unknown driver '${p.driverId}' (not on the slate)`);
    if (!Number.isNaN(mean[i])) throw invalidInput(`projections[${k}].driverId`, `duplicate projection for '${p.driverId}'`);
    if (!Number.isFinite(p.mean)) throw invalidInput(`projections[${k}].mean`, 'must be a finite number', { got: p.mean });
    if (p.recentForm !== undefined && !Number.isFinite(p.recentForm)) {
      throw invalidInput(`projections[${k}].recentForm`, 'must be a finite number when given', { got: p.recentForm });
    }
    mean[i] = p.mean;
    form[i] = p.recentForm ?? Number.NaN;
  });
  const missing = [...index.entries()].filter(([, i]) => Number.isNaN(mean[i])).map(([id]) => id);
  if (missing.length > 0) throw invalidInput('projections', `missing for ${missing.length} slate driver(s)`, { missing });
  return { mean, form };
}

/** Overrides as fractions per slate player (NaN = free), checked for feasibility. */
export function alignOverrides(overrides: readonly OwnershipOverride[], index: Map<string, number>, rosterSize: number): Float64Array {
  const fixed = new Float64Array(index.size).fill(Number.NaN);
  let sum = 0;
  overrides.forEach((o, k) => {
    const i = index.get(o.driverId);
    if (i === undefined) throw invalidInput(`overrides[${k}].driverId`, `unknown driver '${o.driverId}' (not on the slate)`);
    if (!Number.isNaN(fixed[i])) throw invalidInput(`overrides[${k}].driverId`, `duplicate override for '${o.driverId}'`);
    if (!(Number.isFinite(o.ownershipPct) && o.ownershipPct >= 0 && o.ownershipPct <= 100)) {
      throw invalidInput(`overrides[${k}].ownershipPct`, 'must be a percentage in [0, 100]', { got: o.ownershipPct });
    }
    fixed[i] = o.ownershipPct / 100;
    sum += fixed[i];
  });
  const free = index.size - overrides.length;
  const left = rosterSize - sum;
  // The free drivers must absorb the rest, each at most 100 %.
  if (left < -1e-9 || left > free + 1e-9 || (free === 0 && Math.abs(left) > 1e-9)) {
    throw invalidInput('overrides', `fixed ownerships sum to ${(sum * 100).toFixed(2)} %, leaving ${(left * 100).toFixed(2)} % for ${free} free driver(s); total must be ${rosterSize * 100} %`);
  }
  return fixed;
}
