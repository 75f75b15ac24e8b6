/**
 * Executes import batches against Neo4j: each batch is ONE write transaction (all of its
 * statements commit together or not at all), retried by the driver on transient errors, which
 * is safe because every statement is an idempotent MERGE. Parameters are built by the import
 * flows (src/racing/import-flows/*) from validated, resolved rows.
 */
import type { Driver, QueryResult } from 'neo4j-driver';
import { withNeo4j } from '../../neo4j/translate-error.js';
import * as S from './statements.js';
import { addResult, emptyStats, type WriteStats } from './write-stats.js';

type Props = Record<string, unknown>;
export interface NodeRow {
  readonly id: string;
  readonly props: Props;
}
export interface AliasRow {
  readonly id: string;
  readonly targetId: string;
  readonly props: Props;
}
export interface DriverRow {
  readonly id: string;
  readonly name: string;
  readonly nascarId: unknown;
}

/** Entities a batch may reference; each list is merged before the rows that point at it. */
export interface EntityParams {
  readonly tracks: readonly NodeRow[];
  readonly trackAliases: readonly AliasRow[];
  readonly teams: readonly { id: string; name: string }[];
  readonly manufacturers: readonly { id: string; name: string }[];
  readonly drivers: readonly DriverRow[];
  readonly driverAliases: readonly AliasRow[];
  /** Races with their track id. */
  readonly races: readonly (NodeRow & { trackId: string })[];
}

export interface ResultsBatch extends EntityParams {
  readonly results: readonly { raceId: string; driverId: string; props: Props }[];
  /** Distinct (driver, team, season) and (team, manufacturer, season) of the batch. */
  readonly stints: readonly { driverId: string; teamId: string; season: unknown }[];
  readonly teamMakes: readonly { teamId: string; manufacturerId: string; season: unknown }[];
}

export interface SlateWrite extends EntityParams {
  readonly slate: NodeRow;
  readonly raceId: string;
  readonly salaries: readonly { driverId: string; props: Props }[];
}

export interface ContestWrite {
  readonly contest: NodeRow;
  readonly slateId: string;
  readonly tiers: readonly NodeRow[];
}

type Run = (query: string, params: Record<string, unknown>) => void;

export class RacingGraphWriter {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  writeResults(batch: ResultsBatch): Promise<WriteStats> {
    return this.inTx((run) => {
      this.entities(run, batch);
      run(S.MERGE_RESULTS, { rows: batch.results });
      if (batch.stints.length) run(S.MERGE_STINTS, { rows: batch.stints });
      if (batch.teamMakes.length) run(S.MERGE_TEAM_MAKES, { rows: batch.teamMakes });
    });
  }

  writeSlate(w: SlateWrite): Promise<WriteStats> {
    return this.inTx((run) => {
      this.entities(run, w);
      run(S.upsertNodes('Slate'), { rows: [w.slate] });
      run(S.LINK_SLATE_RACE, { slateId: w.slate.id, raceId: w.raceId });
      run(S.MERGE_SALARIES, { slateId: w.slate.id, driverIds: w.salaries.map((s) => s.driverId), rows: w.salaries });
    });
  }

  writeContest(w: ContestWrite): Promise<WriteStats> {
    return this.inTx((run) => {
      run(S.upsertNodes('Contest'), { rows: [w.contest] });
      run(S.upsertNodes('PayoutTier'), { rows: w.tiers });
      run(S.LINK_CONTEST, { contestId: w.contest.id, slateId: w.slateId, tierIds: w.tiers.map((t) => t.id) });
    });
  }

  /** Referenced entities first: the server runs a transaction's statements in the order sent. */
  private entities(run: Run, p: EntityParams): void {
    const each = (q: string, rows: readonly unknown[]) => {
      if (rows.length) run(q, { rows });
    };
    each(S.upsertNodes('Track'), p.tracks);
    each(S.mergeAliases('Track'), p.trackAliases);
    each(S.MERGE_TEAMS, p.teams);
    each(S.MERGE_MANUFACTURERS, p.manufacturers);
    each(S.MERGE_DRIVERS, p.drivers);
    each(S.mergeAliases('Driver'), p.driverAliases);
    each(S.upsertNodes('Race'), p.races);
    each(S.LINK_RACE_TRACKS, p.races);
  }

  /**
   * One write transaction. Statements are queued without waiting for each other (the driver
   * pipelines them, saving a round trip per statement) and their counters summed at the end.
   */
  private inTx(queue: (run: Run) => void): Promise<WriteStats> {
    return withNeo4j(async () => {
      const session = this.driver.session({ database: this.database });
      try {
        return await session.executeWrite(async (tx) => {
          const pending: Promise<QueryResult>[] = [];
          queue((q, params) => void pending.push(tx.run(q, params)));
          const stats = emptyStats(); // fresh per attempt: a retried transaction counts once
          for (const res of await Promise.all(pending)) addResult(stats, res);
          return stats;
        });
      } finally {
        await session.close();
      }
    });
  }
}
