// Public surface of engine/ownership: add exports with intention.
export type { OwnershipInput, OwnershipOptions } from './project-ownership.js';
export { OWNERSHIP_DEFAULTS, projectOwnership } from './project-ownership.js';
export type { DriverProjection, OwnershipOverride } from './validate-input.js';
export { validateSlateBasics } from './validate-input.js';
export type { ChalkCoefficients, CoefficientUncertainty, TrackAdjustment } from './coefficients.js';
export { BASE_COEFFICIENTS, DEFAULT_FIELD_SALARY_USAGE, DEFAULT_UNCERTAINTY, TRACK_ADJUSTMENTS } from './coefficients.js';
export { allocateOwnership, cappedSoftmax } from './allocate.js';
