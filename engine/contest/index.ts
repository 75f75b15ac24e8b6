// Public surface of engine/contest: add exports with intention.
export type { ContestSimInput, ContestSimOptions, FieldSpec } from './simulate-contest.js';
export { CONTEST_SIM_DEFAULTS, simulateContest } from './simulate-contest.js';
export type { FieldSampleInput, FieldSampleOptions } from './sample-field.js';
export { FIELD_DEFAULTS, sampleField } from './sample-field.js';
export type { CalibrationSettings } from './calibrate-weights.js';
export { DEFAULT_CALIBRATION } from './calibrate-weights.js';
export type { SalaryUsageModel } from './salary-floor.js';
export { DEFAULT_SALARY_USAGE } from './salary-floor.js';
export type { OwnershipTarget } from './ownership-targets.js';
export type { PrizeTable } from './payouts.js';
export { tiedPayout, validateContest } from './payouts.js';
export type { SalaryBounds } from './salary-bounds.js';
export { salaryBounds } from './salary-bounds.js';
export type { SlatePoints } from './slate-points.js';
export { MILLI, slatePoints, toMilli } from './slate-points.js';
export type { FieldScoreTableInput } from './field-score-table.js';
export { buildFieldScoreTable, lineupPayouts, payoutForScore } from './field-score-table.js';
