/**
 * Row-by-row conservation laws of a scenario set (issue 5, item 3: "conservation checks
 * reported as diagnostics"). The simulator satisfies them by construction; this check exists
 * to prove that on every run, and to catch corrupted or foreign sets (e.g. after transport).
 */
import type { ConservationChecks, SimulatedScenarioSet } from '../contract/simulation-types.js';

const MAX_EXAMPLES = 10;

export function checkConservation(set: SimulatedScenarioSet): ConservationChecks {
  const n = set.drivers.length;
  const S = set.scenarios;
  const examples: string[] = [];
  const note = (msg: string): void => {
    if (examples.length < MAX_EXAMPLES) examples.push(msg);
  };
  const seen = new Uint8Array(n + 1);
  let lapsLedRowsOk = 0;
  let fastestLapsRowsOk = 0;
  let finishPermutationOk = 0;

  for (let s = 0; s < S; s++) {
    const o = s * n;
    const row = set.firstScenario + s;

    let ll = 0;
    let llOk = true;
    let fl = 0;
    let flOk = true;
    for (let i = 0; i < n; i++) {
      ll += set.lapsLed[o + i];
      fl += set.fastestLaps[o + i];
      if (set.lapsLed[o + i] > set.lapsCompleted[o + i]) llOk = false;
      if (set.fastestLaps[o + i] > set.lapsCompleted[o + i]) flOk = false;
    }
    if (ll !== set.laps) llOk = false;
    if (llOk) lapsLedRowsOk++;
    else note(`row ${row}: laps led sum ${ll} (race laps ${set.laps}) or a driver led more laps than completed`);
    const green = set.greenLaps[s];
    if (fl !== green || green > set.laps) flOk = false;
    if (flOk) fastestLapsRowsOk++;
    else note(`row ${row}: fastest laps sum ${fl} vs green laps ${green} (race laps ${set.laps}) or exceed laps completed`);

    seen.fill(0);
    let permOk = true;
    let runners = 0;
    for (let i = 0; i < n; i++) if (set.dnf[o + i] === 0) runners++;
    for (let i = 0; i < n; i++) {
      const f = set.finish[o + i];
      if (f < 1 || f > n || seen[f]) permOk = false;
      else seen[f] = 1;
      // DNFs classify behind every running car.
      if ((set.dnf[o + i] === 0) !== f <= runners) permOk = false;
    }
    if (permOk) finishPermutationOk++;
    else note(`row ${row}: finishing positions are not a permutation of 1..${n} with DNFs last`);
  }
  return {
    scenarios: S,
    lapsLedRowsOk,
    fastestLapsRowsOk,
    finishPermutationOk,
    violations: 3 * S - lapsLedRowsOk - fastestLapsRowsOk - finishPermutationOk,
    examples,
  };
}
