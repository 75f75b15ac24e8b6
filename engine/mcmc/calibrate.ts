/**
 * The `calibrate` job: validate → design → warm start (mode + metric guess) → NUTS chains
 * (worker threads) → diagnostics and summaries → DNF/incident and dominance fits → held-out
 * forecast evaluation. Pure maths over plain data; the actor loads CalibrationData and stores
 * the CalibrationResult. Any failure throws before a result exists, so nothing is stored.
 */
import type { CalibrationData, CalibrationRace, CalibrationResult, CalibrationSpec } from '../contract/calibration-types.js';
import { EngineError, invalidInput } from '../contract/engine-error.js';
import type { EngineRunContext } from '../contract/run-context.js';
import { buildDesign } from '../model/design.js';
import { PRIORS } from '../model/model-layout.js';
import { fitDominance } from '../model/dominance.js';
import { createDriverModel, type DriverModel } from '../model/driver-model.js';
import { evaluateForecasts } from '../model/forecast-eval.js';
import { dnfSummaries } from '../model/incident-model.js';
import { posteriorView } from '../model/posterior-view.js';
import { createRng, substreams } from '../rng/index.js';
import type { ChainPool } from './chain-pool.js';
import { findMode, inverseMetricFromHessian } from './mode-init.js';
import { runDiagnostics, storedDraws, summarise } from './posterior.js';
import { DEFAULT_CHAIN_CONFIG } from './run-chain.js';
import { runChains } from './run-chains.js';
import { validateCalibrationData } from './validate-data.js';
import { validateCalibrationSpec } from './validate-spec.js';

export interface CalibrateOptions {
  /** Run chains in worker threads. false = on this thread (tests). @default true */
  readonly parallel: boolean;
  /** Worker threads when parallel and no pool is given. @default 2 */
  readonly workers: number;
  /** A worker pool to use instead of this thread's shared one (kept across jobs: no start-up per job). */
  readonly pool?: ChainPool;
  /** Races lighter than this recency weight are left out of the fit. @default 0.02 */
  readonly minRaceWeight: number;
  /**
   * Chain start jitter in posterior standard deviations around the mode. @default 0.5 — with
   * ±1 sd on the full Cup model (727 parameters) about one seed in ten started a chain that
   * warmup could not rescue (step size collapsed, R-hat 1.55); ±0.5 sd still starts chains
   * apart (R-hat can see a chain that does not mix) and none collapsed in the seeds tried.
   */
  readonly initJitter: number;
  /** Hutchinson probes for the initial metric. @default 20 */
  readonly hessianProbes: number;
}

export const DEFAULT_CALIBRATE_OPTIONS: CalibrateOptions = { parallel: true, workers: 2, minRaceWeight: 0.02, initJitter: 0.5, hessianProbes: 20 };

function checkCancelled(ctx: EngineRunContext, where: string): void {
  if (ctx.isCancelled()) throw new EngineError('CANCELLED', `calibration cancelled ${where}`);
}

function splitRaces(races: readonly CalibrationRace[], trainThrough: string | null): [CalibrationRace[], CalibrationRace[]] {
  const sorted = [...races].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (trainThrough === null) return [sorted, []];
  const cut = Date.parse(trainThrough);
  return [sorted.filter((r) => Date.parse(r.date) <= cut), sorted.filter((r) => Date.parse(r.date) > cut)];
}

export async function calibrate(data: CalibrationData, spec: CalibrationSpec | unknown, ctx: EngineRunContext, options: Partial<CalibrateOptions> = {}): Promise<CalibrationResult> {
  const t0 = performance.now();
  const opts = { ...DEFAULT_CALIBRATE_OPTIONS, ...options };
  validateCalibrationData(data);
  const s = validateCalibrationSpec(spec);
  const [train, test] = splitRaces(data.races, s.trainThrough);
  if (train.length === 0) throw invalidInput('trainThrough', `no race on or before ${s.trainThrough}`);
  const referenceDate = train[train.length - 1].date;
  const design = buildDesign(train, { features: s.features, halfLifeDays: s.recencyHalfLifeDays, referenceDate, minRaceWeight: opts.minRaceWeight });
  if (design.raceType.length === 0 || design.driverIds.length < 2) {
    throw invalidInput('recencyHalfLifeDays', `leaves ${design.raceType.length} race(s) above the minimum weight ${opts.minRaceWeight}; lengthen the half-life`);
  }
  const [initRng] = substreams(ctx.seed ^ 0x5bd1e995, 1);

  ctx.progress({ phase: 'initialising', done: 0, total: 1 });
  const model = createDriverModel(design);
  const { x0, frozen } = scaleStart(model);
  const mode = findMode(model, x0, { frozen });
  if (!Number.isFinite(mode.lp)) throw invalidInput('data', 'the model has no finite log density on these races');
  const invMetric = inverseMetricFromHessian(model, mode.x, initRng, opts.hessianProbes);
  for (const i of frozen) invMetric[i] = SCALE_INIT_VARIANCE;
  ctx.progress({ phase: 'initialising', done: 1, total: 1, metrics: { modeIterations: mode.iterations } });
  checkCancelled(ctx, 'after initialisation');

  const tSample = performance.now();
  const config = { ...DEFAULT_CHAIN_CONFIG, warmup: s.warmup, draws: s.draws, maxTreeDepth: s.maxTreeDepth, targetAccept: s.targetAccept };
  const outputs = await runChains(
    { kind: 'driver-model', design },
    { chains: s.chains, seed: ctx.seed, config, start: { position: mode.x, invMetric, jitter: opts.initJitter }, parallel: opts.parallel, workers: opts.workers, ...(opts.pool ? { pool: opts.pool } : {}) },
    {
      isCancelled: () => ctx.isCancelled(),
      progress: (p) => ctx.progress({ phase: p.phase, done: p.done, total: p.total, metrics: { chain: p.chain, ...(p.rhatLp !== undefined ? { rhatMax: p.rhatLp } : {}) } }),
    },
  );
  const samplingWallMs = performance.now() - tSample;
  checkCancelled(ctx, 'after sampling');

  const names = model.outputNames;
  const summaries = summarise(outputs, names);
  const posterior = storedDraws(outputs, names, s.maxStoredDraws);
  const index = trainingIndex(train, design.driverIds, design.teamIds, design.makeIds);
  const partial = { seed: ctx.seed, posterior, index, dnf: [] as CalibrationResult['dnf'], dominance: { lapsLed: 0, lapsLedSe: 0, fastestLap: 0, fastestLapSe: 0, greenLapShare: {}, races: 0 } };
  const dnf = dnfSummaries(train, referenceDate, s.recencyHalfLifeDays, posteriorView(partial));
  const dominance = fitDominance({ ...partial, dnf }, train);
  const source = { ...partial, dnf, dominance };
  checkCancelled(ctx, 'before evaluation');

  const evaluation =
    test.length > 0
      ? evaluateForecasts(source, train, test, s.trainThrough ?? referenceDate, s.evalSimsPerRace, createRng(ctx.seed ^ 0x27d4eb2d), {
          onRace: (done, total) => {
            ctx.progress({ phase: 'evaluating', done, total });
            checkCancelled(ctx, 'during evaluation');
          },
        })
      : null;
  const wallMs = performance.now() - t0;
  return {
    version: 1,
    seed: ctx.seed,
    spec: s,
    data: { races: data.races.length, trainRaces: train.length, testRaces: test.length, driverRaces: train.reduce((n, r) => n + r.results.length, 0), firstDate: train[0].date, lastTrainDate: referenceDate },
    index,
    posterior,
    summaries,
    dnf,
    dominance,
    diagnostics: runDiagnostics(outputs, summaries, s.maxTreeDepth, samplingWallMs, wallMs),
    evaluation,
  };
}

/** Initial metric entry (variance) of a hierarchical log-scale: posterior sd ~0.1 on the log scale. */
const SCALE_INIT_VARIANCE = 0.01;

/** Start point with the hierarchical log-scales at their guesses (held fixed while finding the mode). */
function scaleStart(model: DriverModel): { x0: Float64Array; frozen: number[] } {
  const L = model.layout;
  const x0 = new Float64Array(model.dim);
  const frozen: number[] = [];
  const set = (on: boolean, i: number, guess: number) => {
    if (!on) return;
    x0[i] = Math.log(guess);
    frozen.push(i);
  };
  set(L.features.hierarchicalSkill, L.logSigmaSkill, PRIORS.skillGuess);
  set(L.features.trackType, L.logTau, PRIORS.devGuess);
  set(L.features.team, L.logSigmaTeam, PRIORS.teamGuess);
  return { x0, frozen };
}

function trainingIndex(train: readonly CalibrationRace[], drivers: readonly string[], teams: readonly string[], makes: readonly string[]): CalibrationResult['index'] {
  const driverTeam: Record<string, string> = {};
  const driverManufacturer: Record<string, string> = {};
  const driverStarts: Record<string, number> = {};
  for (const race of train) {
    for (const r of race.results) {
      if (r.teamId) driverTeam[r.driverId] = r.teamId; // races are in date order: last wins
      if (r.manufacturer) driverManufacturer[r.driverId] = r.manufacturer;
      driverStarts[r.driverId] = (driverStarts[r.driverId] ?? 0) + 1;
    }
  }
  return { drivers: [...drivers], teams: [...teams], manufacturers: [...makes], driverTeam, driverManufacturer, driverStarts };
}
