/**
 * ML metrics of an actor (issue 9 §1): MCMC convergence (R-hat, ESS, divergences, acceptance /
 * rejection), forecast skill (CRPS vs baselines, interval coverage), when this actor last
 * produced them, and engine throughput (scenarios/samples/lineups per second).
 *
 * The small API is `recordJobSummary(kind, summary, jobSeconds)`, called by the actor with the
 * summary of every successful job. It reads known keys (summary-readers.ts), so a new job kind
 * that reports e.g. `rhatMax` or `scenarios` shows up here with no change to this file.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { DiagnosticGauges } from './diagnostic-gauges.js';
import { readForecastSkill, readMcmcDiagnostics, readThroughput } from './summary-readers.js';

export interface RecordedSeries {
  readonly diagnostics: number;
  readonly throughput: boolean;
}

export class MlMetrics {
  private readonly gauges: DiagnosticGauges<'kind'>;
  private readonly divergencesTotal: Counter<'kind'>;
  private readonly lastResult: Gauge<'kind'>;
  private readonly workUnits: Counter<'kind' | 'unit'>;
  private readonly throughput: Gauge<'kind' | 'unit'>;

  constructor(registry: Registry) {
    this.gauges = new DiagnosticGauges(registry, 'dfs_ml', ['kind'], 'last result of this actor per job kind');
    this.divergencesTotal = new Counter({ name: 'dfs_ml_divergences_total', help: 'Divergent transitions summed over all MCMC runs of this actor.', labelNames: ['kind'], registers: [registry] });
    this.lastResult = new Gauge({ name: 'dfs_ml_last_result_timestamp_seconds', help: 'Unix time this actor last recorded ML diagnostics for a job kind.', labelNames: ['kind'], registers: [registry] });
    this.workUnits = new Counter({ name: 'dfs_engine_work_units_total', help: 'Units of work done by successful jobs (unit: scenarios, samples, lineups).', labelNames: ['kind', 'unit'], registers: [registry] });
    this.throughput = new Gauge({ name: 'dfs_engine_throughput_per_second', help: 'Units per second of the last successful job of a kind on this actor.', labelNames: ['kind', 'unit'], registers: [registry] });
  }

  /** Record every known ML series found in a successful job's summary. Never throws. */
  recordJobSummary(kind: string, summary: unknown, jobSeconds?: number): RecordedSeries {
    const mcmc = readMcmcDiagnostics(summary);
    const n = this.gauges.set({ kind }, mcmc, readForecastSkill(summary));
    if (mcmc.divergences !== undefined && mcmc.divergences > 0) this.divergencesTotal.inc({ kind }, mcmc.divergences);
    if (n > 0) this.lastResult.set({ kind }, Date.now() / 1000);
    const t = readThroughput(summary, jobSeconds);
    if (t) {
      this.workUnits.inc({ kind, unit: t.unit }, t.units);
      this.throughput.set({ kind, unit: t.unit }, t.perSecond);
    }
    return { diagnostics: n, throughput: t !== undefined };
  }
}
