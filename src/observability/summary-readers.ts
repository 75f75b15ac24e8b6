/**
 * Reads ML diagnostics out of a job's result `summary` (the small object every job kind returns
 * and stores on its Job node). Key-driven, not kind-driven: any kind whose summary carries, say,
 * `rhatMax` gets the MCMC series, so new kinds plug in without touching this folder.
 *
 * Defensive by design: summaries are plain JSON written by other modules, so each value may be
 * missing, nested (`diagnostics.rhatMax`, `evaluation.overall.skillVsUniform`), or not a finite
 * number — anything unusable is simply absent from the result, never an error.
 *
 * Example summary (calibrate):
 *   { rhatMax: 1.004, essBulkMin: 812, essTailMin: 640, divergences: 0, acceptanceRate: 0.83,
 *     evaluation: { overall: { crps: 7.9, skillVsUniform: 0.21, skillVsStart: 0.06, coverage90: 0.89 } } }
 */

/** First finite number found at any of the dotted `paths`. */
export function numberAt(summary: unknown, paths: readonly string[]): number | undefined {
  for (const p of paths) {
    let v: unknown = summary;
    for (const k of p.split('.')) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

const under = (prefixes: readonly string[], key: string) => ['', ...prefixes].map((p) => (p ? `${p}.${key}` : key));
const DIAG = ['diagnostics', 'mcmc'];
const EVAL = ['evaluation.overall', 'evaluation', 'forecast'];

export interface McmcDiagnostics {
  readonly rhatMax?: number;
  readonly rhatBulkMax?: number;
  readonly essBulkMin?: number;
  readonly essTailMin?: number;
  readonly divergences?: number;
  readonly acceptanceRate?: number;
  /** Reported, else 1 - acceptanceRate. */
  readonly rejectionRate?: number;
}

export function readMcmcDiagnostics(summary: unknown): McmcDiagnostics {
  const acceptanceRate = numberAt(summary, under(DIAG, 'acceptanceRate'));
  const rejectionRate = numberAt(summary, under(DIAG, 'rejectionRate')) ?? (acceptanceRate !== undefined ? 1 - acceptanceRate : undefined);
  return prune({
    rhatMax: numberAt(summary, under(DIAG, 'rhatMax')),
    rhatBulkMax: numberAt(summary, under(DIAG, 'rhatBulkMax')),
    essBulkMin: numberAt(summary, under(DIAG, 'essBulkMin')),
    essTailMin: numberAt(summary, under(DIAG, 'essTailMin')),
    divergences: numberAt(summary, under(DIAG, 'divergences')),
    acceptanceRate,
    rejectionRate,
  });
}

export interface ForecastSkill {
  /** 1 - CRPS/CRPS(baseline): > 0 beats the baseline. */
  readonly skillVsUniform?: number;
  readonly skillVsStart?: number;
  readonly crps?: number;
  /** Share of actual finishes inside the central 50/80/90% predictive intervals. */
  readonly coverage50?: number;
  readonly coverage80?: number;
  readonly coverage90?: number;
}

export function readForecastSkill(summary: unknown): ForecastSkill {
  return prune({
    skillVsUniform: numberAt(summary, [...under(EVAL, 'skillVsUniform'), 'crpsSkill', ...under(EVAL, 'crpsSkill')]),
    skillVsStart: numberAt(summary, [...under(EVAL, 'skillVsStart'), 'crpsSkillVsStart']),
    crps: numberAt(summary, under(EVAL, 'crps')),
    coverage50: numberAt(summary, under(EVAL, 'coverage50')),
    coverage80: numberAt(summary, under(EVAL, 'coverage80')),
    coverage90: numberAt(summary, under(EVAL, 'coverage90')),
  });
}

/** Work counters a summary may report, and the unit label each one is exported under. */
const WORK_KEYS: readonly { key: string; unit: string }[] = [
  { key: 'scenarios', unit: 'scenarios' },
  { key: 'scenarioCount', unit: 'scenarios' },
  { key: 'simulations', unit: 'scenarios' },
  { key: 'samples', unit: 'samples' },
  { key: 'lineupsEvaluated', unit: 'lineups' },
  { key: 'lineups', unit: 'lineups' },
];

export interface Throughput {
  readonly unit: string;
  readonly units: number;
  readonly perSecond: number;
}

/**
 * Units of work done and their rate. The rate is the summary's own (`<unit>PerSecond`,
 * `throughput`), else units / the summary's wall time (`wallMs`), else units / the job's
 * measured duration.
 */
export function readThroughput(summary: unknown, jobSeconds: number | undefined): Throughput | undefined {
  for (const { key, unit } of WORK_KEYS) {
    const units = numberAt(summary, [key, `result.${key}`]);
    if (units === undefined || units < 0) continue;
    const wallMs = numberAt(summary, ['wallMs', 'durationMs', ...under(DIAG, 'wallMs')]);
    const reported = numberAt(summary, [`${unit}PerSecond`, `${key}PerSecond`, 'throughput']);
    const seconds = wallMs !== undefined && wallMs > 0 ? wallMs / 1000 : jobSeconds;
    const perSecond = reported ?? (seconds && seconds > 0 ? units / seconds : undefined);
    return perSecond === undefined ? undefined : { unit, units, perSecond };
  }
  return undefined;
}

function prune<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
