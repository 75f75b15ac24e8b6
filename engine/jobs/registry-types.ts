import type { KernelBackend } from '../backend/kernel-backend.js';

/** What the runner provides besides the run context: the thread's kernel backend (issue 12). */
export interface JobEnv {
  readonly kernels: KernelBackend;
}

/** Output of every job computation: a small summary (on the Job node, in the terminal event) and the full result. */
export interface JobOutput {
  readonly summary: Record<string, unknown>;
  readonly result: unknown;
}
