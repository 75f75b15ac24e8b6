import { describe, expect, it } from 'vitest';
import type { ModelFeatures } from '../../../engine/contract/calibration-types.js';
import { quietContext } from '../../../engine/contract/run-context.js';
import { calibrate } from '../../../engine/mcmc/calibrate.js';
import { syntheticSeason } from '../../../engine/model/synthetic.js';

const PL_ONLY: ModelFeatures = { trackType: false, team: false, manufacturer: false, startPosition: false, hierarchicalSkill: false, dnf: false };

/**
 * Parameter recovery on synthetic races whose true skills are drawn from the model's own prior
 * (N(0, 1), centred): Bayesian 50% and 90% intervals must cover the truth at their nominal
 * rates. 4 datasets x 25 drivers = 100 intervals per level; the bounds are ~3 binomial sd.
 */
describe('parameter recovery on synthetic Plackett-Luce seasons', () => {
  it('posterior intervals cover true skills at nominal rates', async () => {
    let in90 = 0;
    let in50 = 0;
    let total = 0;
    let sqErr = 0;
    for (let k = 0; k < 4; k++) {
      const syn = syntheticSeason({ drivers: 25, races: 12, seed: 100 + k });
      const res = await calibrate(syn.data, { chains: 2, warmup: 300, draws: 400, recencyHalfLifeDays: null, features: PL_ONLY }, quietContext(500 + k), { parallel: false });
      expect(res.diagnostics.rhatMax).toBeLessThan(1.05);
      const P = res.posterior.names.length;
      for (const s of res.summaries.filter((x) => x.name.startsWith('skill['))) {
        const truth = syn.skills[s.name.slice(6, -1)];
        // Central 50% interval from the stored draws.
        const j = res.posterior.names.indexOf(s.name);
        const v = Array.from({ length: res.posterior.drawCount }, (_, i) => res.posterior.draws[i * P + j]).sort((a, b) => a - b);
        const q = (p: number) => v[Math.floor(p * (v.length - 1))];
        if (truth >= s.q5 && truth <= s.q95) in90++;
        if (truth >= q(0.25) && truth <= q(0.75)) in50++;
        sqErr += (s.mean - truth) ** 2;
        total++;
      }
    }
    expect(total).toBe(100);
    expect(in90).toBeGreaterThanOrEqual(81);
    expect(in90).toBeLessThanOrEqual(98);
    expect(in50).toBeGreaterThanOrEqual(35);
    expect(in50).toBeLessThanOrEqual(65);
    // And the estimates are informative: far better than guessing 0 (prior variance ~1).
    expect(sqErr / total).toBeLessThan(0.3);
  }, 60_000);
});
