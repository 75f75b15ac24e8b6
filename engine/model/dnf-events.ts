/**
 * Splits a race's DNFs into multi-car incidents and independent failures.
 *
 * The data carry only a status and laps completed per car, so an incident is inferred: crash
 * DNFs ('accident', 'crash', 'DVP' — damaged-vehicle-policy exits follow contact) whose laps
 * completed lie within INCIDENT_LAP_GAP of each other form one cluster (single linkage); a
 * cluster of >= 2 cars is a multi-car incident. Everything else that is not 'running' is an
 * independent DNF (engine, suspension, a lone crash...). This matches RaceModel, whose
 * `dnfProb` is the independent part and `incidentProb`/`incidentMeanCars` the correlated part.
 * Only cars that left the race are visible, so incident size counts DNFs, not all cars involved.
 */
import type { CalibrationRace } from '../contract/calibration-types.js';

/** Crash DNFs at most this many laps apart belong to the same incident. */
export const INCIDENT_LAP_GAP = 1;

export function isFinisher(status: string): boolean {
  return status.trim().toLowerCase() === 'running';
}

function isCrash(status: string): boolean {
  const s = status.trim().toLowerCase();
  return s.includes('accident') || s.includes('crash') || s === 'dvp';
}

export interface RaceDnfEvents {
  /** Indices (into race.results) of independent DNFs. */
  readonly independent: readonly number[];
  /** Sizes of multi-car incident clusters. */
  readonly incidents: readonly number[];
}

export function raceDnfEvents(race: CalibrationRace): RaceDnfEvents {
  const crashes: number[] = [];
  const independent: number[] = [];
  race.results.forEach((r, i) => {
    if (isFinisher(r.status)) return;
    if (isCrash(r.status)) crashes.push(i);
    else independent.push(i);
  });
  crashes.sort((a, b) => race.results[a].lapsCompleted - race.results[b].lapsCompleted);
  const incidents: number[] = [];
  let cluster: number[] = [];
  const flush = () => {
    if (cluster.length >= 2) incidents.push(cluster.length);
    else independent.push(...cluster);
    cluster = [];
  };
  for (const i of crashes) {
    const prev = cluster.length ? race.results[cluster[cluster.length - 1]].lapsCompleted : Number.NaN;
    if (cluster.length && race.results[i].lapsCompleted - prev > INCIDENT_LAP_GAP) flush();
    cluster.push(i);
  }
  flush();
  return { independent: independent.sort((a, b) => a - b), incidents };
}
