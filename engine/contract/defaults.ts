/** Protocol defaults shared by the API (topology declaration) and the actors. Units in names. */
export const DEFAULT_ACK_WAIT_MS = 30_000; // 30 s; working() heartbeats keep live jobs
export const DEFAULT_MAX_DELIVER = 5; // then FAILED + dead letter
export const DEFAULT_ACTOR_TTL_MS = 15_000; // an actor silent this long is considered dead
export const DEFAULT_HEARTBEAT_MS = 5_000; // actor liveness heartbeat into KV
export const DEFAULT_PROGRESS_INTERVAL_MS = 250; // progress at most every 250 ms...
export const DEFAULT_PROGRESS_MIN_FRACTION = 0.025; // ...and only after 2.5% more work
