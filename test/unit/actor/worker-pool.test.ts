/**
 * The actor's long-lived job threads: jobs reuse a thread, a late reply of a terminated or
 * cancelled job never reaches the next one, and a terminated thread is replaced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JobWorkerPool } from '../../../engine/actor/worker-pool.js';
import type { ProgressUpdate } from '../../../engine/contract/run-context.js';

const ping = (seed: number, spec: Record<string, unknown> = {}) => ({ kind: 'ping' as const, spec: { samples: 200_000, chunks: 4, ...spec }, inputs: null, seed, attempt: 1, backend: 'cpu' as const });

describe('JobWorkerPool', () => {
  let pool: JobWorkerPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('runs jobs one after another on the same thread with the same results as fresh threads', async () => {
    pool = new JobWorkerPool({ size: 1 });
    const progress: ProgressUpdate[] = [];
    const a = await pool.run(ping(11), (u) => progress.push(u)).done;
    const b = await pool.run(ping(12), () => {}).done;
    const a2 = await pool.run(ping(11), () => {}).done;
    expect(pool.alive).toBe(1);
    expect(a2.result).toEqual(a.result); // same seed, same thread, same estimate
    expect(b.result).not.toEqual(a.result);
    expect(progress.map((p) => p.done)).toEqual([50_000, 100_000, 150_000, 200_000]);
  });

  it('runs concurrent jobs on separate threads', async () => {
    pool = new JobWorkerPool({ size: 2 });
    const [x, y] = await Promise.all([pool.run(ping(1), () => {}).done, pool.run(ping(2), () => {}).done]);
    expect(pool.alive).toBe(2);
    expect(x.summary).toBeDefined();
    expect(y.summary).toBeDefined();
  });

  it('cancels cooperatively and the thread takes the next job', async () => {
    pool = new JobWorkerPool({ size: 1 });
    const run = pool.run(ping(3, { samples: 50_000_000, chunks: 1000 }), () => {});
    run.cancel();
    await expect(run.done).rejects.toMatchObject({ type: 'CANCELLED' });
    const next = await pool.run(ping(4), () => {}).done;
    expect((next.result as { samples: number }).samples).toBe(200_000);
    expect(pool.alive).toBe(1);
  });

  it('a terminated thread fails its job as retryable INTERNAL and is replaced for the next job', async () => {
    pool = new JobWorkerPool({ size: 1 });
    const run = pool.run(ping(5, { samples: 500_000_000, chunks: 10_000 }), () => {});
    await new Promise((r) => setTimeout(r, 200));
    await run.terminate();
    await expect(run.done).rejects.toMatchObject({ type: 'INTERNAL', retryable: true });
    const next = await pool.run(ping(6), () => {}).done;
    expect((next.result as { samples: number }).samples).toBe(200_000);
    expect(pool.alive).toBe(1);
  });

  it('maps a job failure to its typed error without losing the thread', async () => {
    pool = new JobWorkerPool({ size: 1 });
    await expect(pool.run(ping(7, { failAttempts: 1, failType: 'DEPENDENCY_UNAVAILABLE' }), () => {}).done).rejects.toMatchObject({ type: 'DEPENDENCY_UNAVAILABLE', retryable: true });
    await expect(pool.run(ping(8), () => {}).done).resolves.toBeDefined();
    expect(pool.alive).toBe(1);
  });

  it('replaces a thread after maxJobsPerWorker jobs', async () => {
    pool = new JobWorkerPool({ size: 1, maxJobsPerWorker: 2 });
    await pool.run(ping(1), () => {}).done;
    await pool.run(ping(2), () => {}).done;
    expect(pool.alive).toBe(0); // retired after its 2nd job
    await pool.run(ping(3), () => {}).done;
    expect(pool.alive).toBe(1);
  });
});
