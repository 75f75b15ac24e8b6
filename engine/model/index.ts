// Public surface of engine/model (the driver-performance model behind calibrate): add exports with intention.
export { raceModelFor, REPLACEMENT_MAX_STARTS, DEFAULT_GREEN_LAP_SHARE } from './race-model.js';
export type { RaceInput, RaceModelOptions } from './race-model.js';
export type { PosteriorSource } from './posterior-view.js';
export { syntheticSeason } from './synthetic.js';
export type { SyntheticOptions, SyntheticSeason } from './synthetic.js';
export { simulateFinishCounts } from './simulate-finish.js';
export { crpsDiscrete, crpsUniform } from './forecast-scores.js';
export { raceDnfEvents, isFinisher } from './dnf-events.js';
