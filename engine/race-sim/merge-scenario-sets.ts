/**
 * Concatenate chunk results (from several actors) into one set. Parts may arrive in any order;
 * they must come from the same run (seed, drivers, laps, chunking, draws, start positions) and
 * tile a contiguous range of rows without gaps or overlaps. The result is bit-identical to
 * simulating that range in one call (tested).
 */
import { invalidInput } from '../contract/engine-error.js';
import type { SimulatedScenarioSet } from '../contract/simulation-types.js';

type Column = 'finish' | 'lapsLed' | 'fastestLaps' | 'dnf' | 'dkPoints' | 'fdPoints' | 'lapsCompleted' | 'greenLaps';

function concat<T extends Uint8Array | Uint16Array | Float32Array>(parts: readonly SimulatedScenarioSet[], col: Column, make: (len: number) => T): T {
  const len = parts.reduce((a, p) => a + p[col].length, 0);
  const out = make(len);
  let at = 0;
  for (const p of parts) {
    out.set(p[col] as T, at);
    at += p[col].length;
  }
  return out;
}

/** @throws EngineError INVALID_INPUT naming `sets[i].<field>` when parts do not fit together. */
export function mergeScenarioSets(sets: readonly SimulatedScenarioSet[]): SimulatedScenarioSet {
  if (sets.length === 0) throw invalidInput('sets', 'need at least one scenario set');
  const parts = [...sets].sort((a, b) => a.firstScenario - b.firstScenario);
  const ref = parts[0];
  parts.forEach((p, i) => {
    for (const key of ['seed', 'laps', 'totalScenarios', 'chunkSize', 'draws'] as const) {
      if (p[key] !== ref[key]) throw invalidInput(`sets[${i}].${key}`, `${p[key]} differs from ${ref[key]} of the first part`);
    }
    if (p.drivers.length !== ref.drivers.length || p.drivers.some((d, j) => d !== ref.drivers[j])) throw invalidInput(`sets[${i}].drivers`, 'driver list differs from the first part');
    if (p.startPositions.some((s, j) => s !== ref.startPositions[j])) throw invalidInput(`sets[${i}].startPositions`, 'start positions differ from the first part');
    if (i > 0) {
      const prev = parts[i - 1];
      const expected = prev.firstScenario + prev.scenarios;
      if (p.firstScenario !== expected) throw invalidInput(`sets[${i}].firstScenario`, `${p.firstScenario} leaves a ${p.firstScenario > expected ? 'gap' : 'overlap'} after row ${expected - 1}`);
    }
  });
  return {
    ...ref,
    drivers: [...ref.drivers],
    scenarios: parts.reduce((a, p) => a + p.scenarios, 0),
    finish: concat(parts, 'finish', (l) => new Uint8Array(l)),
    lapsLed: concat(parts, 'lapsLed', (l) => new Uint16Array(l)),
    fastestLaps: concat(parts, 'fastestLaps', (l) => new Uint16Array(l)),
    dnf: concat(parts, 'dnf', (l) => new Uint8Array(l)),
    dkPoints: concat(parts, 'dkPoints', (l) => new Float32Array(l)),
    fdPoints: concat(parts, 'fdPoints', (l) => new Float32Array(l)),
    lapsCompleted: concat(parts, 'lapsCompleted', (l) => new Uint16Array(l)),
    greenLaps: concat(parts, 'greenLaps', (l) => new Uint16Array(l)),
    startPositions: Int32Array.from(ref.startPositions),
    firstScenario: ref.firstScenario,
  };
}
