/**
 * Structured audit log of security events: one pino child logger (`logger: 'audit'`) and one
 * `event` field, so operators can route `logger=audit` lines to their SIEM. Callers pass ids,
 * reasons and key prefixes only: tokens, key secrets and hashes are never given to it.
 */
import type { Logger } from 'pino';

export type AuditEvent =
  | 'auth.failure' // a credential was refused (reason: invalid | expired | revoked | ...)
  | 'apikey.created'
  | 'apikey.revoked'
  | 'authz.denied' // an operation was refused by a permission rule
  | 'ratelimit.hit'
  | 'auth.dev_bypass'; // development only: the API runs with AUTH_DEV_BYPASS

export interface Audit {
  record(event: AuditEvent, fields: Record<string, unknown>): void;
}

const LEVEL: Record<AuditEvent, 'info' | 'warn'> = {
  'auth.failure': 'warn',
  'apikey.created': 'info',
  'apikey.revoked': 'info',
  'authz.denied': 'warn',
  'ratelimit.hit': 'warn',
  'auth.dev_bypass': 'warn',
};

export function createAudit(log: Logger): Audit {
  const audit = log.child({ logger: 'audit' });
  return {
    record(event, fields) {
      audit[LEVEL[event]]({ ...fields, event }, event);
    },
  };
}
