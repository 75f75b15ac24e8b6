// Public surface of engine/mcmc (the `calibrate` job): add exports with intention.
export { calibrate, DEFAULT_CALIBRATE_OPTIONS } from './calibrate.js';
export type { CalibrateOptions } from './calibrate.js';
export { validateCalibrationData } from './validate-data.js';
export { validateCalibrationSpec, DEFAULT_CALIBRATION_SPEC, DEFAULT_FEATURES } from './validate-spec.js';
export type { NormalisedSpec } from './validate-spec.js';
export { createChainPool, sharedChainPool } from './chain-pool.js';
export type { ChainPool } from './chain-pool.js';
// The sampler on its own (any LogDensity via a TargetSpec), its diagnostics and reference targets.
export { runChains, DEFAULT_WORKERS } from './run-chains.js';
export type { ChainProgress, RunChainsOptions, RunChainsHooks } from './run-chains.js';
export { DEFAULT_CHAIN_CONFIG } from './run-chain.js';
export type { ChainConfig, ChainOutput, ChainStart } from './run-chain.js';
export type { TargetSpec } from './target-spec.js';
export type { LogDensity } from './target.js';
export { diagnose, essBasic, rhatBasic, splitChains } from './diagnostics.js';
export type { QuantityDiagnostics } from './diagnostics.js';
// Convenience for the actor: build a race model from a stored calibration.
export { raceModelFor } from '../model/race-model.js';
