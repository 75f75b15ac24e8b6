/** Per-request (and per-subscription) GraphQL context. Built in server.ts for HTTP and WS alike. */
import type { Logger } from 'pino';
import type { JobService } from '../jobs/job-service.js';
import type { ProgressHub } from '../jobs/progress-hub.js';

export interface Viewer {
  readonly id: string;
  readonly roles: readonly ('user' | 'admin')[];
}

export interface Services {
  readonly jobs: JobService;
  readonly hub: ProgressHub;
}

export interface GraphQLContext {
  readonly viewer: Viewer;
  readonly services: Services;
  readonly log: Logger;
  readonly requestId: string;
}
