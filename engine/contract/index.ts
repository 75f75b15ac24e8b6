// Public surface of the engine contract — the ONLY engine module src/ may import.
// Add exports with intention.
export type { EngineFailure, EngineErrorType } from './engine-error.js';
export { EngineError, ENGINE_ERROR_TYPES, invalidInput, toEngineFailure } from './engine-error.js';
export type { JobEvent, JobEventType, JobKind, JobPriority, JobRequest, JobStatus, ProgressPayload } from './job-protocol.js';
export {
  JOB_KINDS,
  JOB_PRIORITIES,
  JOB_STATUSES,
  JOB_TIMEOUTS_MS,
  TERMINAL_STATUSES,
  ProtocolError,
  isTerminal,
  isTerminalEvent,
  parseJobEvent,
  parseJobRequest,
  unreachable,
} from './job-protocol.js';
export type { NatsNames } from './subjects.js';
export { natsNames, ownerKeyOf } from './subjects.js';
export type { PingSpec, Spec } from './job-specs.js';
export { PING_DEFAULTS, validateJobSpec, validatePingSpec } from './job-specs.js';
export type { EngineRunContext, ProgressUpdate } from './run-context.js';
export type { ContestSpec, PayoutTier, RaceModel, ScenarioSet, Site, SlatePlayer, SlateSpec, TrackType } from './models.js';
export { SITES, TRACK_TYPES } from './models.js';
export type { OptimizeObjective } from './kind-specs.js';
export { JOB_REFERENCE_KINDS, OPTIMIZE_OBJECTIVES } from './kind-specs.js';
export type { PipelineStage } from './pipeline.js';
export { PIPELINE_STAGES, activeStages, stageSpec } from './pipeline.js';
