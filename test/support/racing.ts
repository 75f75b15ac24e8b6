/**
 * Helpers of the racing integration tests: a stack whose anonymous callers act as the admin
 * (AUTH_DEV_BYPASS) with a body limit that fits a 10-season import, synthetic result/slate
 * files with names unique to the test (so runs on a shared dev graph never collide), and the
 * real shared data (a missing file fails the test loudly, never skips it).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { csvField } from '../../src/racing/import/csv.js';
import { startStack, type Stack } from './stack.js';

export const RACING_ENV = { AUTH_DEV_BYPASS: 'true', MAX_BODY_BYTES: String(10 * 1024 * 1024) };

export function startRacingStack(): Promise<Stack> {
  return startStack({ actors: 0, env: RACING_ENV });
}

/**
 * Test data identity: one token per test file (in every name it creates) and seasons far from
 * real data, from a block of 20 seasons per test file (so files never share a race id) handed out
 * without repeats. `cleanup` removes what the file wrote, so reruns on a shared dev graph work.
 */
export class TestRuns {
  readonly token = randomUUID().replace(/-/g, '').slice(0, 8);
  readonly seasons: number[] = [];
  private next: number;

  /** `block`: first season of this file's block, e.g. 1950 (results), 1970 (slates)... */
  constructor(private readonly block: number) {
    this.next = randomInt(20);
  }

  season(): number {
    if (this.seasons.length >= 20) throw new Error('a test file may use at most 20 seasons');
    const s = this.block + (this.next++ % 20);
    this.seasons.push(s);
    return s;
  }

  async cleanup(driver: Driver): Promise<void> {
    const params = { seasons: this.seasons, token: this.token };
    await driver.executeQuery(
      `MATCH (r:Race) WHERE r.season IN $seasons
       OPTIONAL MATCH (s:Slate)-[:FOR]->(r)
       OPTIONAL MATCH (c:Contest)-[:ON]->(s)
       OPTIONAL MATCH (c)-[:PAYS]->(t:PayoutTier)
       DETACH DELETE t, c, s, r`,
      params,
    );
    await driver.executeQuery('MATCH (n) WHERE (n:Driver OR n:Team OR n:Slate OR n:Contest) AND n.id CONTAINS $token DETACH DELETE n', params);
    await driver.executeQuery('MATCH (a:Alias) WHERE toLower(a.raw) CONTAINS $token DETACH DELETE a', params);
  }
}

export const RESULTS_HEADER = 'season,race_num,race_date,track,race_name,driver,nascar_driver_id,car,team,make,start,finish,laps,laps_led,status,fastest_laps';

export interface SynthRow {
  readonly round: number;
  readonly driver: string;
  readonly start: number;
  readonly finish: number;
  readonly laps?: number;
  readonly led?: number;
  readonly fastest?: number | null;
  readonly status?: string;
  readonly team?: string;
  readonly make?: string;
  readonly nascarId?: number | null;
}

/** Results CSV of synthetic races at Bristol (round r is dated <season>-03-<10+r>). */
export function resultsCsv(season: number, rows: readonly SynthRow[], track = 'Bristol Motor Speedway'): string {
  const line = (r: SynthRow) =>
    [season, r.round, `${season}-03-${String(10 + r.round).padStart(2, '0')}`, track, `Test 500 #${r.round}`, r.driver, r.nascarId ?? '', r.finish, r.team ?? 'Test Racing', r.make ?? 'Chevrolet', r.start, r.finish, r.laps ?? 500, r.led ?? 0, r.status ?? 'running', r.fastest ?? '']
      .map(csvField)
      .join(',');
  return [RESULTS_HEADER, ...rows.map(line)].join('\n');
}

/** `n` drivers finishing in start order reversed, laps led to the winner. */
export function race(round: number, drivers: readonly string[], opts: { team?: (i: number) => string; make?: (i: number) => string } = {}): SynthRow[] {
  return drivers.map((driver, i) => ({ round, driver, start: drivers.length - i, finish: i + 1, led: i === 0 ? 500 : 0, fastest: 10 * (drivers.length - i), team: opts.team?.(i), make: opts.make?.(i) }));
}

export { BRISTOL_2026, bristolDkSalariesCsv, realResultsCsv, sharedFile } from '../../scripts/seed-sources.js';
