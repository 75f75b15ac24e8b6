// Public surface of engine/scoring (DFS points for NASCAR): add exports with intention.
export type { DkBreakdown } from './dk-scoring.js';
export { dkPoints, dkPointsRaw, dkBreakdown, dkFinishPoints, DK_WEIGHTS, MAX_POSITION } from './dk-scoring.js';
export type { FdBreakdown } from './fd-scoring.js';
export { fdPoints, fdPointsRaw, fdBreakdown, fdFinishPoints, FD_WEIGHTS } from './fd-scoring.js';
export type { ScorableScenarios, ScoredPoints } from './score-scenario-set.js';
export { scoreScenarioSet, scoreRows } from './score-scenario-set.js';
