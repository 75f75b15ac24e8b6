// The spec validator lives in the contract (the API validates submissions with it); re-exported for engine callers.
export { DEFAULT_CALIBRATION_SPEC, DEFAULT_FEATURES, normaliseSpec, validateCalibrationSpec } from '../contract/calibration-spec.js';
export type { NormalisedSpec } from '../contract/calibration-spec.js';
