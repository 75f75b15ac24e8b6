/**
 * Race-simulation benchmark (issue 5: ">= 100,000 full race scenarios per second per core —
 * 40 drivers, incl. laps led / fastest laps / scoring. Print throughput and the
 * conservation-check results"), plus the realism diagnostic against real Cup data.
 *
 * Per core = scenarios / CPU seconds of this process (user + system, all threads: GC included),
 * so a busy shared machine does not flatter or punish the figure; wall-clock throughput of the
 * single simulating thread is reported beside it.
 *
 * Try it: npx tsx -e "import('./bench/race-sim.ts').then(m=>m.run({quick:false})).then(r=>console.table(r))"
 */
import type { RaceModel, TrackType } from '../engine/contract/models.js';
import { quietContext } from '../engine/contract/run-context.js';
import { simulateRace, summarizeScenarios, TRACK_TYPE_SIM_DEFAULTS } from '../engine/race-sim/index.js';
import { REALISM_TRACK_TYPES, realShapesByTrackType, SHAPE_STATS, simulatedShapes } from './race-sim/realism.js';
import type { BenchRow, BenchSuite } from './types.js';
import { syntheticRaceModel, SYNTHETIC_BY_TRACK } from '../test/unit/race-sim/synthetic-model.js';

const SUITE = 'race-sim';
const TARGET_PER_CORE = 100_000; // scenarios/s/core (issue 5)
const DRIVERS = 40;
const DRAWS = 1000; // posterior draws in the RaceModel

function modelFor(type: TrackType): RaceModel {
  return syntheticRaceModel({ ...SYNTHETIC_BY_TRACK[type], drivers: DRIVERS, draws: DRAWS });
}

function throughput(type: TrackType, scenarios: number): { rows: BenchRow[]; set: ReturnType<typeof simulateRace> } {
  const model = modelFor(type);
  const opts = { ...TRACK_TYPE_SIM_DEFAULTS[type], chunkSize: 10_000 };
  simulateRace(model, { ...opts, scenarios: 15_000 }, quietContext(1)); // JIT warm-up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const set = simulateRace(model, { ...opts, scenarios }, quietContext(2026));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const perCore = scenarios / cpuSeconds;
  const setup = `${type}: ${DRIVERS} drivers, ${DRAWS} posterior draws, ${model.laps} laps, ${scenarios.toLocaleString('en-US')} scenarios in chunks of 10k, incl. DNFs/incidents, laps led, fastest laps, DK+FD scoring; 1 thread`;
  return {
    set,
    rows: [
      { suite: SUITE, case: `simulate ${type}`, metric: 'scenarios/s/core (CPU time)', value: Math.round(perCore), unit: '/s', target: `>= ${TARGET_PER_CORE.toLocaleString('en-US')}`, pass: perCore >= TARGET_PER_CORE, setup },
      { suite: SUITE, case: `simulate ${type}`, metric: 'scenarios/s (wall, 1 thread)', value: Math.round(scenarios / wall), unit: '/s', setup },
      { suite: SUITE, case: `simulate ${type}`, metric: 'wall', value: Number(wall.toFixed(3)), unit: 's', setup },
    ],
  };
}

function conservationRows(set: ReturnType<typeof simulateRace>, type: TrackType): BenchRow[] {
  const t0 = performance.now();
  const summary = summarizeScenarios(set);
  const secs = (performance.now() - t0) / 1000;
  const c = summary.checks;
  const setup = `${type}, ${c.scenarios.toLocaleString('en-US')} scenarios x ${set.drivers.length} drivers${c.examples.length ? `; first: ${c.examples[0]}` : ''}`;
  const row = (metric: string, value: number, target?: string, pass?: boolean): BenchRow => ({ suite: SUITE, case: 'conservation checks', metric, value, unit: '', ...(target ? { target, pass } : {}), setup });
  return [
    row('laps-led rows ok', c.lapsLedRowsOk, `= ${c.scenarios}`, c.lapsLedRowsOk === c.scenarios),
    row('fastest-lap rows ok', c.fastestLapsRowsOk, `= ${c.scenarios}`, c.fastestLapsRowsOk === c.scenarios),
    row('finish-permutation rows ok', c.finishPermutationOk, `= ${c.scenarios}`, c.finishPermutationOk === c.scenarios),
    row('violations', c.violations, '0', c.violations === 0),
    { suite: SUITE, case: 'summarizeScenarios', metric: 'wall', value: Number(secs.toFixed(3)), unit: 's', setup: `${setup}: per-driver distributions, ${set.drivers.length}x${set.drivers.length} DK correlation, checks` },
  ];
}

/** Simulated vs real race shapes (medians; p10–p90 in `setup`). A diagnostic: no pass/fail. */
function realismRows(scenarios: number): BenchRow[] {
  const real = realShapesByTrackType();
  const rows: BenchRow[] = [];
  for (const type of REALISM_TRACK_TYPES) {
    const set = simulateRace(syntheticRaceModel({ ...SYNTHETIC_BY_TRACK[type] }), { scenarios, ...TRACK_TYPE_SIM_DEFAULTS[type] }, quietContext(7));
    const sim = simulatedShapes(set);
    const ref = real.get(type);
    if (!ref) throw new Error(`no real races of type ${type} in the shared data`);
    for (const k of SHAPE_STATS) {
      const r = ref.stats[k];
      const s = sim.stats[k];
      const f = (x: number): string => x.toFixed(k === 'leaders' || k === 'dnfs' ? 1 : 3);
      rows.push({
        suite: SUITE,
        case: `realism ${type}`,
        metric: `${k} median (sim)`,
        value: Number(f(s.p50)),
        unit: '',
        setup: `real ${f(r.p50)} [p10 ${f(r.p10)}, p90 ${f(r.p90)}] over ${ref.races} races 2019–2025; sim [p10 ${f(s.p10)}, p90 ${f(s.p90)}] over ${scenarios} scenarios of a synthetic ${type} model`,
      });
    }
  }
  return rows;
}

export const run: BenchSuite = async ({ quick }) => {
  const scenarios = quick ? 30_000 : 500_000;
  const main = throughput('intermediate', scenarios);
  const rows = [...main.rows];
  rows.push(...conservationRows(main.set, 'intermediate'));
  const ss = throughput('superspeedway', quick ? 15_000 : 200_000);
  rows.push(...ss.rows, ...conservationRows(ss.set, 'superspeedway').slice(0, 4));
  rows.push(...realismRows(quick ? 800 : 5_000));
  return rows;
};
