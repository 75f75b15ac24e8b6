/**
 * Named defaults of every security setting (issue 8), with units. Kept free of imports so
 * src/config.ts can use them without loading graphql-shield, jose or the NATS client.
 */
export const DEFAULT_JWT_CLOCK_SKEW_S = 30; // seconds tolerated on exp/nbf/iat
export const DEFAULT_JWT_ROLES_CLAIM = 'roles';
export const DEFAULT_API_KEY_CACHE_MS = 5_000; // revocation reaches other replicas within this
export const DEFAULT_MAX_QUERY_DEPTH = 12; // nested field levels (root field = 1)
export const DEFAULT_MAX_ALIASES = 30; // aliased fields per document
export const DEFAULT_MAX_QUERY_COST = 10_000; // estimated field resolutions (query-cost.ts)
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000; // 1 min sliding window
export const DEFAULT_RATE_LIMIT_READ_MAX = 600; // queries + subscriptions per window
export const DEFAULT_RATE_LIMIT_WRITE_MAX = 120; // ordinary mutations per window
export const DEFAULT_RATE_LIMIT_EXPENSIVE_MAX = 30; // submit*, imports, key creation per window
