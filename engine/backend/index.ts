// Public surface of engine/backend (issue 12): add exports with intention.
export type { FieldRows, FieldRowsInput, KernelBackend, KernelBackendInfo, KernelBackendName, LineupScores, PlBatchResult, PlProblem, ScoreStats } from './kernel-backend.js';
export type { CreateKernelBackendOptions, KernelBackendChoice } from './select-backend.js';
export { KERNEL_BACKEND_CHOICES, createKernelBackend } from './select-backend.js';
export { createCpuBackend } from './cpu-backend.js';
export { gumbelUniforms } from './gumbel-uniforms.js';
export type { LoadedTfjs, TensorDevice, TfjsLoader } from './load-tfjs.js';
export { TfjsUnavailableError, loadTfjs } from './load-tfjs.js';
