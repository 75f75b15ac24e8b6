/**
 * Points matrix in slate order from a simulated ScenarioSet: DK or FD points per the slate's
 * site, columns re-ordered to slate.players. Every slate driver must have been simulated
 * (a missing driver is INVALID_INPUT naming it); simulated drivers not on the slate are dropped.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { ScenarioSet, SlateSpec } from '../contract/models.js';

export function alignScenarioColumns(set: ScenarioSet, slate: SlateSpec, name = 'scenarios'): Float32Array {
  const src = slate.site === 'DK' ? set.dkPoints : set.fdPoints;
  const m = set.drivers.length;
  if (src.length !== set.scenarios * m) throw invalidInput(`${name}.${slate.site === 'DK' ? 'dkPoints' : 'fdPoints'}`, `length ${src.length} != ${set.scenarios} x ${m}`);
  const col = new Map(set.drivers.map((d, j) => [d, j]));
  const map = slate.players.map((p, i) => {
    const j = col.get(p.driverId);
    if (j === undefined) throw invalidInput(`slate.players[${i}].driverId`, `driver '${p.driverId}' is not in ${name} (simulate the slate's full field)`);
    return j;
  });
  const n = slate.players.length;
  const out = new Float32Array(set.scenarios * n);
  for (let s = 0; s < set.scenarios; s++) for (let i = 0; i < n; i++) out[s * n + i] = src[s * m + map[i]];
  return out;
}
