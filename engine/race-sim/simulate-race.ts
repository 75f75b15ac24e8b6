/**
 * simulateRace: S scenarios of one race from a calibration's posterior (issue 5, item 1).
 *
 * Chunking (many actors share one big simulation): the run's S rows are cut into chunks of
 * `chunkSize`; chunk k is generated from substream k of ctx.seed (the seed's generator jumped
 * k+1 times, as engine/rng `substreams`), and global row g always uses posterior draw g mod D.
 * So simulating chunks 0..K-1 separately (`chunkIndex`) and concatenating them with
 * `mergeScenarioSets` equals one run over all chunks, bit for bit, whatever the number of
 * workers. Progress is reported per chunk and cancellation is polled between chunks.
 */
import { EngineError, invalidInput } from '../contract/engine-error.js';
import type { RaceModel } from '../contract/models.js';
import type { EngineRunContext } from '../contract/run-context.js';
import type { SimulatedScenarioSet } from '../contract/simulation-types.js';
import { createRng, UniformStream } from '../rng/index.js';
import { resolveOptions, type SimulationOptions } from './options.js';
import { prepareModel } from './prepare-model.js';
import { createWorkspace } from './race-order.js';
import { allocateColumns, simulateBlock } from './simulate-block.js';
import { resolveStartPositions, validateRaceModel } from './validate-model.js';

/** Phase name reported through ctx.progress. */
export const SIMULATING_PHASE = 'simulating';

/**
 * Simulate a race. Options are `{...SIMULATION_DEFAULTS, ...options}`; pass
 * `TRACK_TYPE_SIM_DEFAULTS[trackType]` in for the race's track type.
 * @throws EngineError INVALID_INPUT naming the field (model.*, options.*, ctx.seed);
 *         EngineError CANCELLED when ctx.isCancelled() turns true between chunks.
 */
export function simulateRace(model: RaceModel, options: Partial<SimulationOptions>, ctx: EngineRunContext): SimulatedScenarioSet {
  validateRaceModel(model);
  const opts = resolveOptions(options);
  const start = resolveStartPositions(model, opts.startPositions);
  if (!Number.isInteger(ctx.seed)) throw invalidInput('ctx.seed', 'must be an integer', { got: ctx.seed });

  const S = opts.scenarios;
  const B = opts.chunkSize;
  const chunkCount = Math.ceil(S / B);
  const firstChunk = opts.chunkIndex ?? 0;
  const lastChunk = opts.chunkIndex ?? chunkCount - 1;
  const firstScenario = firstChunk * B;
  const rows = Math.min(S, (lastChunk + 1) * B) - firstScenario;

  const n = model.drivers.length;
  const pm = prepareModel(model, start, opts);
  const ws = createWorkspace(n, opts.leadSegments);
  const out = allocateColumns(rows, n);

  const gen = createRng(ctx.seed);
  for (let k = 0; k < firstChunk; k++) gen.jump();
  let done = 0;
  for (let k = firstChunk; k <= lastChunk; k++) {
    if (ctx.isCancelled()) throw new EngineError('CANCELLED', `race simulation cancelled after ${done} of ${rows} scenarios`, { details: { done, total: rows } });
    const stream = UniformStream.from(gen.jump()); // substream k = jumped k+1 times
    const from = k * B;
    const count = Math.min(S, from + B) - from;
    simulateBlock(pm, from, count, stream, ws, out, from - firstScenario);
    done += count;
    ctx.progress({ phase: SIMULATING_PHASE, done, total: rows, metrics: { chunk: k, chunks: chunkCount } });
  }

  return {
    drivers: [...model.drivers],
    scenarios: rows,
    finish: out.finish,
    lapsLed: out.lapsLed,
    fastestLaps: out.fastestLaps,
    dnf: out.dnf,
    dkPoints: out.dkPoints,
    fdPoints: out.fdPoints,
    seed: ctx.seed,
    laps: model.laps,
    startPositions: start,
    lapsCompleted: out.lapsCompleted,
    greenLaps: out.greenLaps,
    firstScenario,
    totalScenarios: S,
    chunkSize: B,
    draws: model.draws,
  };
}
