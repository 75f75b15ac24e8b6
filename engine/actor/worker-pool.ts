/**
 * The actor's job worker threads, kept across jobs. Starting a worker costs ~0.3-0.5 s (module
 * load through tsx, cold JIT) — more than many jobs take — so each slot keeps its thread and
 * hands it the next job. A thread is replaced (lazily, on the next job) when it crashed, was
 * terminated (shutdown deadline), or has run `maxJobsPerWorker` jobs (bounds slow leaks of
 * long-lived state). A job whose thread is terminated fails with INTERNAL (retryable).
 */
import type { Worker } from 'node:worker_threads';
import { EngineError } from '../contract/engine-error.js';
import type { ProgressUpdate } from '../contract/run-context.js';
import type { JobOutput } from '../jobs/registry.js';
import { siblingModule, spawnWorker } from '../worker/spawn-worker.js';
import type { RunJobMessage, WorkerJobData, WorkerMessage } from './worker-protocol.js';

export interface WorkerRun {
  readonly done: Promise<JobOutput>;
  /** Ask the maths to stop at its next step (cooperative). */
  cancel(): void;
  /** Kill the thread now (shutdown deadline passed); the pool starts a fresh one later. */
  terminate(): Promise<void>;
}

export interface JobWorkerPoolOptions {
  /** Threads kept (= the actor's concurrency). */
  readonly size: number;
  /** Jobs a thread runs before it is replaced. @default 200 */
  readonly maxJobsPerWorker?: number;
}

const WORKER_URL = siblingModule(import.meta.url, 'job-worker');

interface Thread {
  readonly worker: Worker;
  jobs: number;
  busy: boolean;
  dead: boolean;
}

export class JobWorkerPool {
  private readonly threads: Thread[] = [];
  private nextRunId = 1;
  private closed = false;

  constructor(private readonly o: JobWorkerPoolOptions) {}

  /** Threads alive now (idle or busy). */
  get alive(): number {
    return this.threads.filter((t) => !t.dead).length;
  }

  /** Starts the threads ahead of the first job (optional: run() starts them on demand). */
  warm(): void {
    while (this.threads.length < this.o.size) this.threads.push(this.spawn());
  }

  run(job: Omit<WorkerJobData, 'cancelFlag'>, onProgress: (u: ProgressUpdate) => void): WorkerRun {
    if (this.closed) throw new EngineError('INTERNAL', 'job worker pool is closed', { retryable: true });
    const thread = this.idleThread();
    thread.busy = true;
    thread.jobs++;
    const runId = this.nextRunId++;
    const cancelFlag = new SharedArrayBuffer(4);
    const { worker } = thread;
    const done = new Promise<JobOutput>((resolve, reject) => {
      const finish = (after: () => void) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        thread.busy = false;
        if (thread.jobs >= (this.o.maxJobsPerWorker ?? 200)) this.retire(thread);
        after();
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.runId !== runId) return;
        if (m.type === 'progress') return onProgress(m.update);
        if (m.type === 'done') finish(() => resolve({ summary: m.summary, result: m.result }));
        else finish(() => reject(EngineError.fromFailure(m.failure)));
      };
      const onError = (err: Error) => {
        thread.dead = true;
        finish(() => reject(new EngineError('INTERNAL', `engine worker crashed: ${err.message}`, { cause: err, retryable: true })));
      };
      const onExit = (code: number) => {
        thread.dead = true;
        finish(() => reject(new EngineError('INTERNAL', `engine worker exited with code ${code} before finishing`, { retryable: true })));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'run', runId, job: { ...job, cancelFlag } } satisfies RunJobMessage);
    });
    return {
      done,
      cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
      terminate: async () => {
        thread.dead = true;
        await worker.terminate(); // 'exit' rejects `done`
      },
    };
  }

  /** Terminates every thread (running jobs fail with INTERNAL). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private idleThread(): Thread {
    for (let i = this.threads.length - 1; i >= 0; i--) if (this.threads[i].dead) this.threads.splice(i, 1);
    const idle = this.threads.find((t) => !t.busy);
    if (idle) return idle;
    // More concurrent jobs than threads only if the caller's slots allow it: grow, never block.
    const t = this.spawn();
    this.threads.push(t);
    return t;
  }

  private spawn(): Thread {
    const worker = spawnWorker(WORKER_URL);
    const thread: Thread = { worker, jobs: 0, busy: false, dead: false };
    // An idle thread whose exit nobody awaits: mark it so the next job gets a fresh one.
    worker.on('exit', () => (thread.dead = true));
    worker.on('error', () => (thread.dead = true));
    return thread;
  }

  private retire(thread: Thread): void {
    thread.dead = true;
    void thread.worker.terminate();
  }
}
