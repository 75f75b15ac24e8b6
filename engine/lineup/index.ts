// Public surface of engine/lineup (Engine III: exact single lineups, greedy portfolios, upload
// CSVs). Add exports with intention.
export type { CommonOptions, LineupInput, ScenarioPoints } from './inputs.js';
export { COMMON_DEFAULTS } from './inputs.js';
export type { OptimizeLineupOptions } from './optimize-lineup.js';
export { OPTIMIZE_LINEUP_DEFAULTS, optimizeLineup, optimizeLineupParallel } from './optimize-lineup.js';
export type { ExactSearchPool } from './exact-pool.js';
export { createExactPool, sharedExactPool } from './exact-pool.js';
export type { OptimizePortfolioOptions, PortfolioStepInfo } from './optimize-portfolio.js';
export { MAX_PORTFOLIO_LINEUPS, OPTIMIZE_PORTFOLIO_DEFAULTS, optimizePortfolio } from './optimize-portfolio.js';
export type { PoolOptions } from './candidate-pool.js';
export { POOL_DEFAULTS } from './candidate-pool.js';
export type { UploadCsvOptions } from './upload-csv.js';
export { parseUploadCsv, toUploadCsv, UPLOAD_CSV_DEFAULTS } from './upload-csv.js';
export { alignScenarioColumns } from './align-scenarios.js';
export type { SiteRules } from './site-rules.js';
export { SITE_RULES } from './site-rules.js';
export { PayoutTable, quantizeScore } from './payout-table.js';
