// Public surface of engine/race-sim (race scenarios from a posterior): add exports with intention.
export type { SimulationOptions } from './options.js';
export { SIMULATION_DEFAULTS, TRACK_TYPE_SIM_DEFAULTS, DEFAULT_CHUNK_SIZE, DEFAULT_SCENARIOS, MAX_SCENARIOS, resolveOptions } from './options.js';
export { simulateRace, SIMULATING_PHASE } from './simulate-race.js';
export { mergeScenarioSets } from './merge-scenario-sets.js';
export { summarizeScenarios } from './summarize-scenarios.js';
export { checkConservation } from './conservation-checks.js';
export { validateRaceModel, resolveStartPositions, MAX_DRIVERS, MAX_LAPS } from './validate-model.js';
