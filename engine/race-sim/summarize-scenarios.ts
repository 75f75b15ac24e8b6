/**
 * Forecast checks per simulation (issue 5, item 3): per-driver distributions of finish and
 * DK/FD points, win/top-5/DNF rates, mean laps led and fastest laps, the DK-points
 * correlation matrix (what lineup diversification feeds on), and the conservation checks.
 */
import { invalidInput } from '../contract/engine-error.js';
import type { DriverForecast, ScenarioSummary, SimulatedScenarioSet } from '../contract/simulation-types.js';
import { checkConservation } from './conservation-checks.js';
import { correlationMatrix, summarizeValues, transpose } from './distribution-stats.js';

/** @throws EngineError INVALID_INPUT when the set has no scenarios. */
export function summarizeScenarios(set: SimulatedScenarioSet): ScenarioSummary {
  const n = set.drivers.length;
  const S = set.scenarios;
  if (S < 1) throw invalidInput('set.scenarios', 'must be >= 1 to summarize');
  // One metric at a time, column-major (see transpose): peak extra memory is 8*S*n bytes.
  const perMetric = (data: ArrayLike<number>) => {
    const cols = transpose(data, S, n);
    return set.drivers.map((_, i) => summarizeValues(cols.subarray(i * S, (i + 1) * S)));
  };
  const finish = perMetric(set.finish);
  const dk = perMetric(set.dkPoints);
  const fd = perMetric(set.fdPoints);
  const perDriver: DriverForecast[] = set.drivers.map((driverId, i) => {
    let wins = 0;
    let top5 = 0;
    let dnfs = 0;
    let led = 0;
    let fast = 0;
    for (let s = 0; s < S; s++) {
      const k = s * n + i;
      const f = set.finish[k];
      if (f === 1) wins++;
      if (f <= 5) top5++;
      dnfs += set.dnf[k];
      led += set.lapsLed[k];
      fast += set.fastestLaps[k];
    }
    return {
      driverId,
      finish: finish[i],
      dkPoints: dk[i],
      fdPoints: fd[i],
      winRate: wins / S,
      top5Rate: top5 / S,
      dnfRate: dnfs / S,
      meanLapsLed: led / S,
      meanFastestLaps: fast / S,
    };
  });
  return {
    drivers: [...set.drivers],
    scenarios: S,
    perDriver,
    dkCorrelation: correlationMatrix(set.dkPoints, S, n),
    checks: checkConservation(set),
  };
}
