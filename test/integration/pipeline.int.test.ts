/**
 * The whole product on real data, end to end through the API: real 2024 Cup results and the real
 * Bristol 2026 DraftKings slate imported, then ONE pipeline job (calibrate → simulate → ownership →
 * optimize → contestSim) watched through one subscription, and each stage's typed result read.
 * Sizes are small (2 chains, 2,000 scenarios) so it fits CI; the maths is the production code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalibrationDocument, ContestSimulationDocument, JobDocument, JobProgressDocument, OwnershipDocument, PortfolioResultDocument, SimulationDocument, SubmitPipelineDocument, SubmitSimulationDocument } from '../../client/__generated__/operations.js';
import { collect, gql, wsClient } from '../support/graphql-client.js';
import { BRISTOL_SLATE, startStackWithRealSlate } from '../support/real-slate.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
let contestId: string;
const SLATE = BRISTOL_SLATE;

beforeAll(async () => {
  ({ stack, contestId } = await startStackWithRealSlate(1));
}, 300_000);
afterAll(async () => stack?.stop());

describe('pipeline on real data', () => {
  it('runs calibrate → simulate → ownership → optimize → contestSim as one streamed job', async () => {
    const submitted = await gql(stack.url, SubmitPipelineDocument, {
      input: {
        slateId: SLATE,
        contestId,
        calibration: { from: '2024-01-01', through: '2024-12-31', trainThrough: '2024-09-30', chains: 2, warmup: 150, draws: 100, evalSimsPerRace: 100 },
        simulation: { scenarios: 2_000 },
        optimize: { lineups: 3, objective: 'mean', constraints: { maxExposure: 0.67 } },
      },
      // A fixed seed makes the short (2 x 100 draws) calibration's R-hat a fixed number, not a coin flip.
      options: { seed: 2024, noCache: true },
    });
    expect(submitted.errors).toBeUndefined();
    const pipeline = submitted.data!.submitPipeline;
    const client = wsClient(stack.wsUrl);
    const events = await collect(client, JobProgressDocument, { jobId: pipeline.id });
    await client.dispose();
    const last = events.at(-1)!.jobProgress;
    expect(last.error ?? null).toBeNull();
    expect(last).toMatchObject({ type: 'COMPLETED', status: 'SUCCEEDED', terminal: true });
    expect(events.filter((e) => e.jobProgress.terminal)).toHaveLength(1);
    const phases = new Set(events.map((e) => e.jobProgress.progress?.phase?.split(':')[0]).filter(Boolean));
    expect([...phases]).toEqual(expect.arrayContaining(['calibrate', 'simulate']));

    const stages = (last.result as { stages: Record<string, string> }).stages;
    expect(Object.keys(stages).sort()).toEqual(['calibrate', 'contestSim', 'optimize', 'ownership', 'simulate']);

    const cal = (await gql(stack.url, CalibrationDocument, { jobId: stages.calibrate!, prefix: 'skill[' })).data!.calibration!;
    expect(cal.trainRaces).toBeGreaterThan(20);
    expect(cal.testRaces).toBeGreaterThan(3);
    expect(cal.diagnostics.rhatMax).toBeLessThan(1.2);
    expect(cal.diagnostics.rhatBulkMax).toBeGreaterThan(0.9);
    expect(cal.diagnostics.rhatBulkMax).toBeLessThanOrEqual(cal.diagnostics.rhatMax);
    for (const p of cal.parameters) expect(p.rhatBulk).toBeLessThanOrEqual(p.rhat);
    expect(cal.parameters.length).toBeGreaterThan(0);

    const sim = (await gql(stack.url, SimulationDocument, { jobId: stages.simulate! })).data!.simulation!;
    expect(sim.scenarios).toBe(2_000);
    expect(sim.checks.violations).toBe(0);
    expect(sim.drivers.reduce((a, d) => a + d.winRate, 0)).toBeCloseTo(1, 6);

    const own = (await gql(stack.url, OwnershipDocument, { jobId: stages.ownership! })).data!.ownership!;
    expect(own.drivers.reduce((a, d) => a + d.meanPct, 0)).toBeCloseTo(600, 3);

    const port = (await gql(stack.url, PortfolioResultDocument, { jobId: stages.optimize! })).data!.portfolio!;
    expect(port.lineups).toHaveLength(3);
    for (const l of port.lineups) {
      expect(new Set(l.driverIds).size).toBe(6);
      expect(l.salary).toBeLessThanOrEqual(50_000);
    }
    const csvLines = port.uploadCsv.trim().split(/\r?\n/);
    expect(csvLines[0]).toBe('D,D,D,D,D,D');
    expect(csvLines).toHaveLength(4);

    const contest = (await gql(stack.url, ContestSimulationDocument, { jobId: stages.contestSim! })).data!.contestSimulation!;
    expect(contest.totalEntries).toBe(23_780); // the example contest's field, our 3 entries included
    expect((contest.lineups as unknown[]).length).toBe(3);
    const pipelineJob = (await gql(stack.url, JobDocument, { id: pipeline.id })).data!.job!;
    expect(pipelineJob.status).toBe('SUCCEEDED');
  }, 900_000);

  it('refuses a simulation that references a job it may not use, naming the field', async () => {
    const r = await gql(stack.url, SubmitSimulationDocument, { input: { calibrationJobId: 'nope', slateId: SLATE } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.calibrationJobId' });
  });
});
