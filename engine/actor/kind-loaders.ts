/**
 * Neo4j input loaders of the job kinds that need data (the actor's I/O side; see input-loader.ts).
 * A missing slate/contest/referenced result is INVALID_INPUT naming the spec field (the job FAILS,
 * nothing is stored); a Neo4j outage is DEPENDENCY_UNAVAILABLE (retried by JetStream).
 */
import type { Driver } from 'neo4j-driver';
import { JobRepository } from '../../src/jobs/job-repository.js';
import { isNeo4jUnavailable } from '../../src/neo4j/translate-error.js';
import { loadCalibrationData, loadContest, loadSlate } from '../../src/racing/read/calibration-data.js';
import { EngineError, invalidInput } from '../contract/engine-error.js';
import type { CalibrationResult } from '../contract/calibration-types.js';
import type { OwnershipProjection } from '../contract/contest-types.js';
import type { SimulationOutput, SlateInput } from '../contract/job-inputs.js';
import type { JobKind } from '../contract/job-protocol.js';
import { registerInputLoader, type InputLoader } from './input-loader.js';
import { decodeResult } from '../../src/jobs/result-codec.js';

type Db = { driver: Driver; database: string };

async function slate(db: Db, slateId: string): Promise<SlateInput> {
  const s = await loadSlate(db.driver, db.database, slateId);
  if (!s) throw invalidInput('spec.slateId', `slate '${slateId}' does not exist`);
  return s;
}

/** The decoded result of a SUCCEEDED job of `kind` referenced by spec[field]. */
async function resultOf<T>(db: Db, spec: Record<string, unknown>, field: string, kind: JobKind): Promise<T> {
  const id = String(spec[field]);
  const repo = new JobRepository(db.driver, db.database);
  const job = await repo.get(id);
  if (!job || job.kind !== kind || job.status !== 'SUCCEEDED' || !job.resultId) throw invalidInput(`spec.${field}`, `job '${id}' is not a succeeded ${kind} job`);
  const payload = await repo.resultPayload(job.resultId);
  if (!payload) throw invalidInput(`spec.${field}`, `job '${id}' has no stored result`);
  return decodeResult<T>(payload);
}

async function contest(db: Db, contestId: string) {
  const c = await loadContest(db.driver, db.database, contestId);
  if (!c) throw invalidInput('spec.contestId', `contest '${contestId}' does not exist`);
  return c;
}

/** Neo4j outages are retryable; everything else propagates as it is. */
function retryable(loader: InputLoader): InputLoader {
  return async (spec, db) => {
    try {
      return await loader(spec, db);
    } catch (err) {
      if (isNeo4jUnavailable(err)) throw new EngineError('DEPENDENCY_UNAVAILABLE', 'Neo4j unavailable while loading job inputs', { cause: err });
      throw err;
    }
  };
}

export function registerKindLoaders(): void {
  registerInputLoader(
    'calibrate',
    retryable(async (spec, db) => {
      const data = await loadCalibrationData(db.driver, db.database, { ...(spec.from ? { from: String(spec.from) } : {}), ...(spec.through ? { through: String(spec.through) } : {}) });
      if (data.races.length === 0) throw invalidInput('spec', 'no races with results in the requested window; import results first (npm run seed)');
      return { data };
    }),
  );
  registerInputLoader(
    'simulate',
    retryable(async (spec, db) => ({ slate: await slate(db, String(spec.slateId)), calibration: await resultOf<CalibrationResult>(db, spec, 'calibrationJobId', 'calibrate') })),
  );
  registerInputLoader(
    'ownership',
    retryable(async (spec, db) => ({ slate: await slate(db, String(spec.slateId)), simulation: await resultOf<SimulationOutput>(db, spec, 'simulationJobId', 'simulate') })),
  );
  registerInputLoader(
    'optimize',
    retryable(async (spec, db) => ({
      slate: await slate(db, String(spec.slateId)),
      simulation: await resultOf<SimulationOutput>(db, spec, 'simulationJobId', 'simulate'),
      ownership: spec.ownershipJobId ? await resultOf<OwnershipProjection>(db, spec, 'ownershipJobId', 'ownership') : null,
      contest: spec.contestId ? await contest(db, String(spec.contestId)) : null,
    })),
  );
  registerInputLoader(
    'contestSim',
    retryable(async (spec, db) => {
      const opt = await resultOf<{ lineups: { driverIds: string[] }[] }>(db, spec, 'optimizeJobId', 'optimize');
      return {
        slate: await slate(db, String(spec.slateId)),
        simulation: await resultOf<SimulationOutput>(db, spec, 'simulationJobId', 'simulate'),
        ownership: await resultOf<OwnershipProjection>(db, spec, 'ownershipJobId', 'ownership'),
        lineups: opt.lineups.map((l) => l.driverIds),
        contest: await contest(db, String(spec.contestId)),
      };
    }),
  );
}
