/**
 * Pipelines declared as data: a list of stages, each a job kind whose spec is built from the
 * pipeline's input section plus references to earlier stages' job ids. The coordinator
 * (src/jobs/pipeline-coordinator.ts) submits a stage when everything it references SUCCEEDED;
 * a stage that fails or is cancelled fails the pipeline with that cause.
 */
import { invalidInput } from './engine-error.js';
import type { JobKind } from './job-protocol.js';
import { registerSpecValidator, validateJobSpec, type Spec } from './job-specs.js';

export interface PipelineStage {
  readonly name: string;
  readonly kind: Exclude<JobKind, 'pipeline' | 'ping'>;
  /** Section of the pipeline spec merged into this stage's spec. */
  readonly section: string;
  /** spec field → earlier stage whose job id fills it. */
  readonly refs: Readonly<Record<string, string>>;
  /** Pipeline-level fields copied into the stage spec. */
  readonly shared: readonly string[];
  /** Run only when this pipeline field is set (e.g. contestSim needs a contest). */
  readonly when?: string;
}

export const PIPELINE_STAGES: readonly PipelineStage[] = [
  { name: 'calibrate', kind: 'calibrate', section: 'calibration', refs: {}, shared: [] },
  { name: 'simulate', kind: 'simulate', section: 'simulation', refs: { calibrationJobId: 'calibrate' }, shared: ['slateId'] },
  { name: 'ownership', kind: 'ownership', section: 'ownership', refs: { simulationJobId: 'simulate' }, shared: ['slateId'] },
  { name: 'optimize', kind: 'optimize', section: 'optimize', refs: { simulationJobId: 'simulate', ownershipJobId: 'ownership' }, shared: ['slateId', 'contestId'] },
  { name: 'contestSim', kind: 'contestSim', section: 'contestSim', refs: { simulationJobId: 'simulate', ownershipJobId: 'ownership', optimizeJobId: 'optimize' }, shared: ['slateId', 'contestId'], when: 'contestId' },
];

/** The stages this pipeline spec runs (a given calibrationJobId skips calibrate). */
export function activeStages(spec: Spec): PipelineStage[] {
  return PIPELINE_STAGES.filter((s) => !(s.name === 'calibrate' && spec.calibrationJobId) && (!s.when || spec[s.when]));
}

/** The spec of `stage` given the job ids of finished stages. */
export function stageSpec(stage: PipelineStage, spec: Spec, done: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...((spec[stage.section] as Record<string, unknown> | undefined) ?? {}) };
  for (const f of stage.shared) if (spec[f] !== undefined) out[f] = spec[f];
  for (const [f, from] of Object.entries(stage.refs)) {
    const id = from === 'calibrate' && spec.calibrationJobId ? String(spec.calibrationJobId) : done[from];
    if (id) out[f] = id;
  }
  return out;
}

export function validatePipelineSpec(spec: Spec): Spec {
  if (typeof spec.slateId !== 'string' || !spec.slateId) throw invalidInput('spec.slateId', 'must be a non-empty string');
  for (const s of PIPELINE_STAGES) {
    const v = spec[s.section];
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) throw invalidInput(`spec.${s.section}`, 'must be an object');
  }
  // Validate every stage's spec now, with placeholder ids for references, so a bad section fails
  // the submit instead of a stage an hour later.
  const placeholders = Object.fromEntries(PIPELINE_STAGES.map((s) => [s.name, 'pending']));
  for (const stage of activeStages(spec)) {
    try {
      validateJobSpec(stage.kind, stageSpec(stage, spec, placeholders));
    } catch (err) {
      const f = String((err as { details?: { field?: string } }).details?.field ?? 'spec');
      throw invalidInput(f.replace(/^spec\./, `spec.${stage.section}.`), (err as Error).message.replace(/^[^:]*: /, ''));
    }
  }
  return { ...spec };
}

registerSpecValidator('pipeline', validatePipelineSpec);
