/**
 * Input checks for calibration data. Every failure is EngineError('INVALID_INPUT') whose
 * message and details name the race, the driver and the field, e.g.
 *   races[12].results[3].finish: duplicate finish 7 (also driver 4030) — race 2019-12, driver 1816
 * The job then FAILS before anything is computed or stored.
 */
import type { CalibrationData } from '../contract/calibration-types.js';
import { invalidInput } from '../contract/engine-error.js';
import { TRACK_TYPES } from '../contract/models.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function finiteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function validateCalibrationData(data: unknown): asserts data is CalibrationData {
  if (!isObject(data) || !Array.isArray(data.races)) throw invalidInput('races', 'must be an array of races');
  if (data.races.length === 0) throw invalidInput('races', 'is empty: at least one race is needed');
  const seenRace = new Set<string>();
  data.races.forEach((race: unknown, r: number) => {
    const at = `races[${r}]`;
    if (!isObject(race)) throw invalidInput(at, 'must be an object');
    const raceId = race.raceId;
    if (typeof raceId !== 'string' || raceId.length === 0) throw invalidInput(`${at}.raceId`, 'must be a non-empty string');
    const ctx = { raceId };
    if (seenRace.has(raceId)) throw invalidInput(`${at}.raceId`, `duplicate race id ${raceId}`, ctx);
    seenRace.add(raceId);
    if (typeof race.date !== 'string' || !ISO_DATE.test(race.date) || Number.isNaN(Date.parse(race.date))) throw invalidInput(`${at}.date`, `must be an ISO date (race ${raceId})`, ctx);
    if (!finiteNumber(race.season)) throw invalidInput(`${at}.season`, `must be a finite number (race ${raceId})`, ctx);
    if (!(TRACK_TYPES as readonly unknown[]).includes(race.trackType)) throw invalidInput(`${at}.trackType`, `must be one of ${TRACK_TYPES.join(', ')} (race ${raceId})`, ctx);
    if (!finiteNumber(race.laps) || race.laps <= 0) throw invalidInput(`${at}.laps`, `must be a positive number (race ${raceId})`, ctx);
    if (!Array.isArray(race.results)) throw invalidInput(`${at}.results`, `must be an array (race ${raceId})`, ctx);
    const n = race.results.length;
    if (n < 2) throw invalidInput(`${at}.results`, `race ${raceId} has ${n} result(s); a ranking needs at least 2`, ctx);
    const finishOf = new Map<number, string>();
    const drivers = new Set<string>();
    let finishers = 0;
    race.results.forEach((row: unknown, i: number) => {
      const rat = `${at}.results[${i}]`;
      if (!isObject(row)) throw invalidInput(rat, `must be an object (race ${raceId})`, ctx);
      const driverId = row.driverId;
      if (typeof driverId !== 'string' || driverId.length === 0) throw invalidInput(`${rat}.driverId`, `must be a non-empty string (race ${raceId})`, ctx);
      const where = { raceId, driverId };
      const bad = (field: string, reason: string) => invalidInput(`${rat}.${field}`, `${reason} — race ${raceId}, driver ${driverId}`, where);
      if (drivers.has(driverId)) throw bad('driverId', 'driver appears twice in the race');
      drivers.add(driverId);
      for (const f of ['start', 'finish'] as const) {
        if (!finiteNumber(row[f]) || !Number.isInteger(row[f]) || (row[f] as number) < 1) throw bad(f, `must be a positive integer, got ${String(row[f])}`);
      }
      const finish = row.finish as number;
      if (finish > n) throw bad('finish', `finish ${finish} exceeds the field size ${n}`);
      const other = finishOf.get(finish);
      if (other !== undefined) throw bad('finish', `duplicate finish ${finish} (also driver ${other})`);
      finishOf.set(finish, driverId);
      for (const f of ['lapsLed', 'lapsCompleted'] as const) if (!finiteNumber(row[f]) || (row[f] as number) < 0) throw bad(f, `must be a finite number >= 0, got ${String(row[f])}`);
      if (row.fastestLaps !== null && (!finiteNumber(row.fastestLaps) || row.fastestLaps < 0)) throw bad('fastestLaps', `must be null or a finite number >= 0, got ${String(row.fastestLaps)}`);
      if (typeof row.status !== 'string' || row.status.trim().length === 0) throw bad('status', "must be 'running' or a DNF reason");
      if (row.teamId !== undefined && typeof row.teamId !== 'string') throw bad('teamId', 'must be a string when present');
      if (row.manufacturer !== undefined && typeof row.manufacturer !== 'string') throw bad('manufacturer', 'must be a string when present');
      if (row.status.trim().toLowerCase() === 'running') finishers++;
    });
    if (finishers < 2) throw invalidInput(`${at}.results`, `race ${raceId} has ${finishers} finisher(s) (status 'running'); at least 2 are needed`, ctx);
  });
}
