/**
 * Quality of the model in use, as the API sees it (issue 9 §1 "calibration age" and the ML
 * dashboard's headline numbers): the latest SUCCEEDED `calibrate` job in Neo4j (result-cache
 * copies excluded), its finish time and the diagnostics of its stored summary.
 *
 * Read from Neo4j, not from actor memory, so the numbers survive actor restarts and are the same
 * on every API replica; alerts on calibration age and convergence use these series.
 * Read on scrape, cached for `ttlMs`. The series carry `calibration_id` (the Job id): it links a
 * number to its job, and a labelled gauge can be absent, which `absent()` alerts need (prom-client
 * always exports 0 for a label-less gauge).
 */
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { DiagnosticGauges } from './diagnostic-gauges.js';
import { readForecastSkill, readMcmcDiagnostics } from './summary-readers.js';

export interface LatestCalibration {
  /** Id of the calibrate Job. */
  readonly id: string;
  /** ISO finish time, e.g. '2026-11-10T12:34:56.789Z'. */
  readonly finishedAt: string;
  readonly summary: unknown;
}

/** The latest calibration in Neo4j, or null when none finished yet. */
export async function readLatestCalibration(driver: Driver, database: string): Promise<LatestCalibration | null> {
  const { records } = await driver.executeQuery(
    `MATCH (j:Job {kind: 'calibrate', status: 'SUCCEEDED'}) WHERE j.cachedFrom IS NULL AND j.finishedAt IS NOT NULL
     RETURN j.id AS id, j.finishedAt AS finishedAt, j.resultSummary AS summary ORDER BY j.finishedAt DESC LIMIT 1`,
    {},
    { database, routing: 'READ' },
  );
  const r = records[0];
  if (!r) return null;
  const raw = r.get('summary') as unknown;
  let summary: unknown = raw;
  if (typeof raw === 'string') {
    try {
      summary = JSON.parse(raw);
    } catch {
      summary = null;
    }
  }
  return { id: String(r.get('id')), finishedAt: String(r.get('finishedAt')), summary };
}

export class ModelMetrics {
  private cached: { at: number; value: LatestCalibration | null | undefined } | null = null;
  private inflight: Promise<void> | null = null;
  private readonly gauges: DiagnosticGauges<'calibration_id'>;
  private readonly timestamp: Gauge<'calibration_id'>;
  private readonly up: Gauge;

  constructor(
    registry: Registry,
    private readonly read: () => Promise<LatestCalibration | null>,
    private readonly ttlMs: number,
    private readonly log?: Logger,
  ) {
    const refresh = () => this.refresh();
    this.gauges = new DiagnosticGauges(registry, 'dfs_model', ['calibration_id'], 'model in use: latest calibration in Neo4j', refresh);
    this.timestamp = new Gauge({ name: 'dfs_model_calibration_timestamp_seconds', help: 'Unix time the model in use (latest successful calibration) finished; age = time() - this.', labelNames: ['calibration_id'], registers: [registry], collect: refresh });
    this.up = new Gauge({ name: 'dfs_model_metrics_up', help: '1 when the last read of the latest calibration from Neo4j succeeded, else 0.', registers: [registry], collect: refresh });
  }

  /** Re-read at most every ttlMs (concurrent scrapers share one read) and set every gauge. */
  refresh(): Promise<void> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return Promise.resolve();
    this.inflight ??= this.read()
      .catch((err: unknown): undefined => {
        this.log?.warn({ err }, 'model metrics: reading the latest calibration failed');
        return undefined;
      })
      .then((value) => {
        this.cached = { at: Date.now(), value };
        this.inflight = null;
        this.apply(value);
      });
    return this.inflight;
  }

  /** null: no calibration yet (series absent); undefined: the read failed (up = 0, series absent). */
  private apply(c: LatestCalibration | null | undefined): void {
    this.up.set(c === undefined ? 0 : 1);
    this.timestamp.reset();
    this.gauges.reset();
    if (!c) return;
    const at = Date.parse(c.finishedAt);
    const labels = { calibration_id: c.id };
    if (Number.isFinite(at)) this.timestamp.set(labels, at / 1000);
    this.gauges.set(labels, readMcmcDiagnostics(c.summary), readForecastSkill(c.summary));
  }
}
