/** Per-request (and per-subscription) GraphQL context. Built in server.ts for HTTP and WS alike. */
import type { Logger } from 'pino';
import type { ApiKeyService } from '../auth/api-key-service.js';
import type { JobService } from '../jobs/job-service.js';
import type { ProgressHub } from '../jobs/progress-hub.js';
import type { ResultReader } from '../jobs/result-reader.js';
import type { RacingService } from '../racing/service/racing-service.js';
import type { WebhookRepository } from '../webhooks/webhook-repository.js';
import type { UrlPolicy } from '../webhooks/url-policy.js';

export type Role = 'user' | 'admin';
/** What an authenticated caller may do; API keys carry a subset (issue 8). */
export type Scope = 'read' | 'write' | 'admin';
export type AuthMethod = 'anonymous' | 'jwt' | 'apiKey' | 'dev';

/** The caller. Built by src/auth/authenticator.ts for HTTP and graphql-ws alike. */
export interface Viewer {
  /** User id (JWT `sub` or the API key's owner); '' for anonymous callers. */
  readonly id: string;
  readonly roles: readonly Role[];
  /** Absent means every scope the roles allow (see src/auth/viewer.ts `scopesOf`). */
  readonly scopes?: readonly Scope[];
  readonly method?: AuthMethod;
  /** JWT expiry (epoch seconds); graphql-ws re-checks it on every subscribe. */
  readonly expiresAt?: number;
  /** API key id when method = 'apiKey' (re-checked for revocation on every subscribe). */
  readonly apiKeyId?: string;
}

export interface Services {
  readonly jobs: JobService;
  readonly hub: ProgressHub;
  readonly results: ResultReader;
  /** API keys of the caller (issue 8). */
  readonly apiKeys: ApiKeyService;
  /** Racing graph imports (issue 3). */
  readonly racing: RacingService;
  readonly webhooks: { readonly repo: WebhookRepository; readonly policy: UrlPolicy };
}

export interface GraphQLContext {
  readonly viewer: Viewer;
  readonly services: Services;
  readonly log: Logger;
  readonly requestId: string;
  /** Caller address (rate-limit identity of anonymous callers). */
  readonly clientIp?: string;
}
