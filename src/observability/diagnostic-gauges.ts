/**
 * One set of gauges for model-quality diagnostics, used twice with different prefixes:
 *  - `dfs_ml_*{kind}` in each actor: the last result that actor produced per job kind;
 *  - `dfs_model_*` in the API: the model currently in use (latest calibration in Neo4j).
 * A field absent from a summary leaves its gauge unset for that label set (no fake zeros).
 *
 * `beforeCollect` (optional) is awaited by every gauge before it is read on a scrape: prom-client
 * reads all metrics concurrently, so a source refreshed on scrape must be refreshed by each
 * gauge's own collect, or the scrape would show the previous values.
 */
import { Gauge, type Registry } from 'prom-client';
import type { ForecastSkill, McmcDiagnostics } from './summary-readers.js';

type Labels<L extends string> = Partial<Record<L, string>>;

const MCMC_FIELDS: readonly { field: keyof McmcDiagnostics; suffix: string; help: string }[] = [
  { field: 'rhatMax', suffix: 'rhat_max', help: 'Max split rank-normalised R-hat over the posterior (converged: < 1.01).' },
  { field: 'rhatBulkMax', suffix: 'rhat_bulk_max', help: 'Max bulk (location) R-hat over the posterior, without the folded (spread) part.' },
  { field: 'essBulkMin', suffix: 'ess_bulk_min', help: 'Smallest bulk effective sample size over the posterior.' },
  { field: 'essTailMin', suffix: 'ess_tail_min', help: 'Smallest tail effective sample size over the posterior.' },
  { field: 'divergences', suffix: 'divergences', help: 'Divergent NUTS transitions in the sampling phase.' },
  { field: 'acceptanceRate', suffix: 'acceptance_rate', help: 'Mean NUTS acceptance statistic.' },
  { field: 'rejectionRate', suffix: 'rejection_rate', help: '1 - acceptance rate.' },
];

export class DiagnosticGauges<L extends string> {
  private readonly mcmc = new Map<keyof McmcDiagnostics, Gauge<L>>();
  private readonly skill: Gauge<L | 'baseline'>;
  private readonly crps: Gauge<L>;
  private readonly coverage: Gauge<L | 'level'>;

  constructor(registry: Registry, prefix: string, labelNames: readonly L[], scope: string, beforeCollect?: () => Promise<void>) {
    const common = { registers: [registry], ...(beforeCollect ? { collect: beforeCollect } : {}) };
    for (const f of MCMC_FIELDS) this.mcmc.set(f.field, new Gauge({ name: `${prefix}_${f.suffix}`, help: `${f.help} (${scope})`, labelNames, ...common }));
    this.skill = new Gauge({ name: `${prefix}_crps_skill`, help: `Forecast CRPS skill 1 - CRPS/CRPS(baseline) on held-out races; > 0 beats the baseline (${scope})`, labelNames: [...labelNames, 'baseline'], ...common });
    this.crps = new Gauge({ name: `${prefix}_crps`, help: `Mean finishing-position CRPS on held-out races (${scope})`, labelNames, ...common });
    this.coverage = new Gauge({ name: `${prefix}_interval_coverage`, help: `Share of held-out finishes inside the central predictive interval of the given level (${scope})`, labelNames: [...labelNames, 'level'], ...common });
  }

  /** Set every gauge the diagnostics provide; returns how many were set. */
  set(labels: Labels<L>, mcmc: McmcDiagnostics, skill: ForecastSkill): number {
    let n = 0;
    const put = <K extends string>(g: Gauge<K>, l: Partial<Record<K, string>>, v: number | undefined) => {
      if (v === undefined) return;
      g.set(l, v);
      n++;
    };
    for (const [field, g] of this.mcmc) put(g, labels, mcmc[field]);
    put(this.skill, { ...labels, baseline: 'uniform' } as Labels<L | 'baseline'>, skill.skillVsUniform);
    put(this.skill, { ...labels, baseline: 'start_position' } as Labels<L | 'baseline'>, skill.skillVsStart);
    put(this.crps, labels, skill.crps);
    put(this.coverage, { ...labels, level: '0.5' } as Labels<L | 'level'>, skill.coverage50);
    put(this.coverage, { ...labels, level: '0.8' } as Labels<L | 'level'>, skill.coverage80);
    put(this.coverage, { ...labels, level: '0.9' } as Labels<L | 'level'>, skill.coverage90);
    return n;
  }

  reset(): void {
    for (const g of this.mcmc.values()) g.reset();
    this.skill.reset();
    this.crps.reset();
    this.coverage.reset();
  }
}
