/**
 * Racing graph migrations on the real Neo4j: registered once however often the API starts in a
 * process, applied at start-up, recorded, re-runnable, and the keys they declare are enforced.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMigrations, runMigrations } from '../../src/neo4j/migrations.js';
import { RACING_MIGRATIONS, registerRacingMigrations } from '../../src/racing/migrations.js';
import { startRacingStack } from '../support/racing.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startRacingStack(); // startApi registers and runs the migrations
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await stack.api.driver.executeQuery(cypher, params)).records.map((r) => r.toObject());

describe('racing migrations', () => {
  it('are registered once, however many APIs a process starts', () => {
    registerRacingMigrations();
    registerRacingMigrations();
    const versions = allMigrations().map((m) => m.version);
    for (const m of RACING_MIGRATIONS) expect(versions.filter((v) => v === m.version)).toEqual([m.version]);
  });

  it('were applied at start-up and recorded; running them again applies nothing and the statements are idempotent', async () => {
    const recorded = await q('MATCH (m:Migration) WHERE m.version IN $v RETURN m.version AS version, m.name AS name ORDER BY version', { v: RACING_MIGRATIONS.map((m) => m.version) });
    expect(recorded).toEqual(RACING_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(await runMigrations(stack.api.driver, 'neo4j', [...RACING_MIGRATIONS])).toEqual([]);
    for (const m of RACING_MIGRATIONS) for (const s of m.statements) await stack.api.driver.executeQuery(s);
  });

  it('create a uniqueness constraint per racing label and the lookup indexes', async () => {
    const constraints = await q("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS prop");
    for (const label of ['Driver', 'Team', 'Manufacturer', 'Track', 'Race', 'Slate', 'Contest', 'PayoutTier', 'Alias']) expect(constraints).toContainEqual({ label, prop: 'id' });
    const indexes = (await q('SHOW INDEXES YIELD name RETURN name')).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['driver_nascar_id', 'race_date', 'race_season_round', 'alias_kind_raw', 'finished_finish']));
  });

  it('enforce driver ids: a second driver with the same id is refused', async () => {
    const id = `migration-test-${randomUUID()}`;
    await q('CREATE (:Driver {id: $id, name: "A"})', { id });
    try {
      await expect(q('CREATE (:Driver {id: $id, name: "B"})', { id })).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    } finally {
      await q('MATCH (d:Driver {id: $id}) DELETE d', { id });
    }
  });
});
