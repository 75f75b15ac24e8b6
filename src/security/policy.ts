/**
 * WHO MAY CALL WHAT: one declarative entry per root operation (issue 8 § 2). Permission rules
 * (permissions.ts) and the generated refusal tests (test/contract/security, test/integration/
 * security-*.int.test.ts) are both derived from this table, and a test fails for every
 * Query/Mutation/Subscription field of the schema that has no entry here: adding an operation
 * means deciding its policy in this file.
 *
 *   access    public (anyone, incl. anonymous) | user (any authenticated caller, scope READ for
 *             queries/subscriptions, WRITE for mutations) | admin (admin role + ADMIN scope) |
 *             closed (nobody: placeholders)
 *   ownership how a user is kept to their own data, enforced in the service layer:
 *             arg    → another owner's id in that argument is NOT_FOUND (never FORBIDDEN: no enumeration)
 *             viewer → reads or creates only the caller's own data (lists, submissions)
 *             none   → not user data (health, ontology, admin imports)
 *   tier      rate-limit budget; default read (Query/Subscription) or write (Mutation);
 *             `expensive` for engine work and imports.
 */
export type Access = 'public' | 'user' | 'admin' | 'closed';
export type Ownership = { readonly by: 'arg'; readonly arg: string; readonly resource: OwnedResource } | { readonly by: 'viewer' } | { readonly by: 'none' };
/** Resource kinds whose ids are owner-checked; the integration test needs a fixture for each. */
export type OwnedResource = 'Job' | 'ApiKey' | 'Webhook';
export type RootType = 'Query' | 'Mutation' | 'Subscription';

export interface OperationPolicy {
  readonly access: Access;
  readonly ownership: Ownership;
  readonly tier?: 'expensive';
}

const own = (arg: string, resource: OwnedResource): Ownership => ({ by: 'arg', arg, resource });
const VIEWER: Ownership = { by: 'viewer' };
const NONE: Ownership = { by: 'none' };
const CLOSED: OperationPolicy = { access: 'closed', ownership: NONE };
const PUBLIC_READ: OperationPolicy = { access: 'public', ownership: NONE };
const IMPORT: OperationPolicy = { access: 'admin', ownership: NONE, tier: 'expensive' };

/** The racing ontology's generated list + connection queries: public racing data (schema/racing.neo4j.graphql). */
const ONTOLOGY_LISTS = ['drivers', 'teams', 'manufacturers', 'tracks', 'races', 'slates', 'contests', 'payoutTiers', 'aliases'];
const ontologyReads = Object.fromEntries(ONTOLOGY_LISTS.flatMap((p) => [[p, PUBLIC_READ], [`${p}Connection`, PUBLIC_READ]]));

export const OPERATION_POLICIES: Readonly<Record<RootType, Readonly<Record<string, OperationPolicy>>>> = {
  Query: {
    ...ontologyReads,
    slate: PUBLIC_READ,
    race: PUBLIC_READ,
    driver: PUBLIC_READ,
    health: PUBLIC_READ,
    viewer: { access: 'public', ownership: VIEWER }, // null for anonymous callers
    job: { access: 'user', ownership: own('id', 'Job') },
    myJobs: { access: 'user', ownership: VIEWER },
    myApiKeys: { access: 'user', ownership: VIEWER },
    myWebhooks: { access: 'user', ownership: VIEWER },
    calibration: { access: 'user', ownership: own('jobId', 'Job') },
    simulation: { access: 'user', ownership: own('jobId', 'Job') },
    ownership: { access: 'user', ownership: own('jobId', 'Job') },
    portfolio: { access: 'user', ownership: own('jobId', 'Job') },
    contestSimulation: { access: 'user', ownership: own('jobId', 'Job') },
  },
  Mutation: {
    _empty: CLOSED,
    submitPing: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    submitCalibration: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    submitSimulation: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    submitOwnership: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    submitPipeline: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    submitOptimization: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    submitContestSim: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    cancelJob: { access: 'user', ownership: own('id', 'Job') },
    replayJob: { access: 'user', ownership: own('id', 'Job'), tier: 'expensive' },
    createApiKey: { access: 'user', ownership: VIEWER, tier: 'expensive' },
    revokeApiKey: { access: 'user', ownership: own('id', 'ApiKey') },
    registerWebhook: { access: 'user', ownership: VIEWER },
    deleteWebhook: { access: 'user', ownership: own('id', 'Webhook') },
    importResults: IMPORT,
    importDkSalaries: IMPORT,
    importFdSalaries: IMPORT,
    importPayouts: IMPORT,
    mapDriverAlias: { access: 'admin', ownership: NONE },
  },
  Subscription: {
    _empty: CLOSED,
    jobProgress: { access: 'user', ownership: own('jobId', 'Job') },
    myJobs: { access: 'user', ownership: VIEWER },
  },
};

/**
 * Object types below the root whose fields are all readable by whoever legitimately received
 * the parent object: access was decided at the root field (and its owner check), and none of
 * these fields loads another user's data by id. A new type must be listed here (or get field
 * rules in permissions.ts) before it can be read: the default is deny.
 * Types generated by @neo4j/graphql for the public racing ontology are allowed as a group
 * (ontology-types.ts) and are not listed.
 */
export const NESTED_TYPES: Readonly<Record<string, string>> = {
  Health: 'process liveness, public',
  Viewer: 'the caller itself',
  ApiKey: 'returned only to its owner (myApiKeys, createApiKey, revokeApiKey)',
  CreatedApiKey: 'returned once, to the creator',
  Job: 'returned only after the owner check of job/myJobs/submit*/cancelJob/replayJob',
  JobConnection: 'page of the caller’s own jobs',
  JobTransition: 'part of an owned Job',
  JobProgress: 'part of an owned Job or JobEvent',
  JobError: 'part of an owned Job or JobEvent',
  JobEvent: 'emitted only on subscriptions that passed the owner check',
  Webhook: 'returned only to its owner (myWebhooks, registerWebhook); deliveries are of that webhook',
  WebhookRegistration: 'returned once, to the creator',
  WebhookDelivery: 'part of an owned Webhook',
  Calibration: 'result of an owned job (calibration(jobId) checks the owner)',
  CalibrationDiagnostics: 'part of an owned Calibration',
  ParameterSummary: 'part of an owned Calibration',
  Simulation: 'result of an owned job; correlation() reads the same result',
  Distribution: 'part of an owned Simulation',
  DriverForecast: 'part of an owned Simulation',
  ConservationChecks: 'part of an owned Simulation',
  OwnershipProjection: 'result of an owned job (ownership(jobId) checks the owner)',
  DriverOwnership: 'part of an owned OwnershipProjection',
  Portfolio: 'result of an owned optimisation job (portfolio(jobId) checks the owner)',
  Lineup: 'part of an owned Portfolio',
  Estimate: 'part of an owned Lineup',
  ContestSimulation: 'result of an owned contest-sim job (contestSimulation(jobId) checks the owner)',
  ImportReport: 'returned to the admin who ran the import',
  ImportIssue: 'part of an ImportReport',
  DriverAliasMapping: 'returned to the admin who mapped the alias',
};
