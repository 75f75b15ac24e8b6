/**
 * Issue 12 in the running platform: an engine actor started with ENGINE_BACKEND=tfjs-wasm runs
 * the optimize job's contest pricing (field score table) on the tensor backend, reports the
 * backend in /ready and on each Job, and produces exactly the portfolio the CPU reference
 * produces for the same seed (a replay on a CPU actor). A forced backend that cannot load stops
 * the actor at start-up.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDocument, JobProgressDocument, PortfolioResultDocument, ReplayJobDocument, SubmitPipelineDocument } from '../../client/__generated__/operations.js';
import { collect, gql, wsClient } from '../support/graphql-client.js';
import { BRISTOL_SLATE, startStackWithRealSlate } from '../support/real-slate.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
let contestId: string;

beforeAll(async () => {
  ({ stack, contestId } = await startStackWithRealSlate(0));
}, 300_000);
afterAll(async () => stack?.stop());

async function watch(jobId: string) {
  const client = wsClient(stack.wsUrl);
  const events = await collect(client, JobProgressDocument, { jobId });
  await client.dispose();
  return events.at(-1)!.jobProgress;
}

describe('ENGINE_BACKEND in the running platform', () => {
  it('a forced backend that cannot load stops the actor at start-up', async () => {
    await expect(stack.startActor({ ENGINE_BACKEND: 'tfjs-gpu' })).rejects.toThrow(/exited with 2/);
  });

  it('tfjs-wasm prices the field on the tensor backend; a CPU replay gives the same portfolio', async () => {
    const tensorActor = await stack.startActor({ ENGINE_BACKEND: 'tfjs-wasm' });
    const ready = (await (await fetch(`${stack.base}/ready`)).json()) as { checks: { name: string; info?: { actors: { pid: number; backend: string; backendInfo: { device: string } }[] } }[] };
    const me = ready.checks.find((c) => c.name === 'engine')!.info!.actors.find((a) => a.pid === tensorActor.pid)!;
    expect(me).toMatchObject({ backend: 'tfjs/tfjs-wasm-simd', backendInfo: { device: 'tfjs-wasm-simd' } });

    const submitted = await gql(stack.url, SubmitPipelineDocument, {
      input: {
        slateId: BRISTOL_SLATE,
        contestId,
        calibration: { from: '2024-01-01', through: '2024-12-31', chains: 2, warmup: 100, draws: 100 },
        simulation: { scenarios: 1_000 },
        optimize: { lineups: 1, objective: 'payout' },
      },
      options: { seed: 4242, noCache: true },
    });
    expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
    const done = await watch(submitted.data!.submitPipeline.id);
    expect(done.error ?? null).toBeNull();
    expect(done.status).toBe('SUCCEEDED');
    const optimizeId = (done.result as { stages: Record<string, string> }).stages.optimize!;
    const onTensor = (await gql(stack.url, JobDocument, { id: optimizeId })).data!.job!;
    expect(onTensor.backend).toBe('tfjs/tfjs-wasm-simd');
    const tensorPortfolio = (await gql(stack.url, PortfolioResultDocument, { jobId: optimizeId })).data!.portfolio!;

    tensorActor.kill('SIGTERM');
    await once(tensorActor, 'exit');
    await stack.startActor({ ENGINE_BACKEND: 'cpu' });
    const replay = await gql(stack.url, ReplayJobDocument, { id: optimizeId });
    expect(replay.errors).toBeUndefined();
    const replayId = replay.data!.replayJob.id;
    expect((await watch(replayId)).status).toBe('SUCCEEDED');
    const onCpu = (await gql(stack.url, JobDocument, { id: replayId })).data!.job!;
    expect(onCpu.backend).toBe('cpu/js-typed-arrays');
    expect(onCpu.seed).toBe(onTensor.seed);
    const cpuPortfolio = (await gql(stack.url, PortfolioResultDocument, { jobId: replayId })).data!.portfolio!;
    // Integer field rows are identical on both backends, so the search and its metrics are too.
    expect(cpuPortfolio.lineups).toEqual(tensorPortfolio.lineups);
    expect(cpuPortfolio.uploadCsv).toBe(tensorPortfolio.uploadCsv);
  }, 600_000);
});
