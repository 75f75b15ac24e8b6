/** The typed SDK of the DFS platform. Add exports with intention. */
export { DfsClient, DEFAULT_URL, type DfsClientOptions, type Job, type JobPage, type Portfolio, type JobEvent, type WatchOptions, type ImportCall, type ImportReport } from './sdk.js';
export { DfsApiError, DfsUnreachableError, describeError } from './errors.js';
export { ImportRejectedError, ImportCallError } from '../scripts/import-client.js';
