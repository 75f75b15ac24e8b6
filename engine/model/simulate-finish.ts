/**
 * Finishing-position distribution implied by a RaceModel, by simulation: per scenario one
 * posterior draw; independent DNFs, then (with the draw's incident probability) one multi-car
 * incident taking ~incidentMeanCars random running cars; survivors ordered by Plackett-Luce
 * (exponential race: key E_i / w_i, E ~ Exp(1)); DNFs fill the last places in random order.
 * Used for the held-out evaluation; the production simulator lives in engine/race-sim.
 */
import type { RaceModel } from '../contract/models.js';
import type { RandomGenerator } from '../rng/index.js';
import { samplePoisson } from './random-variates.js';

/** Returns counts[i * n + (position - 1)] over `sims` scenarios. */
export function simulateFinishCounts(rm: RaceModel, sims: number, rng: RandomGenerator): Float64Array {
  const n = rm.drivers.length;
  const counts = new Float64Array(n * n);
  const key = new Float64Array(n);
  const out = new Uint8Array(n);
  const order: number[] = [];
  const dnfs: number[] = [];
  for (let s = 0; s < sims; s++) {
    const k = s % rm.draws;
    order.length = 0;
    dnfs.length = 0;
    for (let i = 0; i < n; i++) out[i] = rng.nextDouble() < rm.dnfProb[k * n + i] ? 1 : 0;
    if (rm.incidentMeanCars >= 2 && rng.nextDouble() < rm.incidentProb[k]) {
      let cars = 2 + samplePoisson(rng, rm.incidentMeanCars - 2);
      for (let tries = 0; cars > 0 && tries < 4 * n; tries++) {
        const i = Math.floor(rng.nextDouble() * n);
        if (!out[i]) {
          out[i] = 1;
          cars--;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (out[i]) {
        dnfs.push(i);
        continue;
      }
      key[i] = -Math.log(1 - rng.nextDouble()) * Math.exp(-rm.strength[k * n + i]);
      order.push(i);
    }
    order.sort((a, b) => key[a] - key[b]);
    for (let j = dnfs.length - 1; j > 0; j--) {
      const r = Math.floor(rng.nextDouble() * (j + 1));
      [dnfs[j], dnfs[r]] = [dnfs[r], dnfs[j]];
    }
    let pos = 0;
    for (const i of order) counts[i * n + pos++] += 1;
    for (const i of dnfs) counts[i * n + pos++] += 1;
  }
  return counts;
}
