/**
 * Cross-field checks of the security settings, run by src/config.ts when the config is loaded:
 * the process refuses to start with an open or contradictory security setup, and the message
 * names the variable.
 */
export interface SecuritySettings {
  readonly NODE_ENV: 'development' | 'test' | 'production';
  readonly JWT_SECRET?: string;
  readonly JWT_SECRET_FILE?: string;
  readonly JWT_JWKS_URL?: string;
  readonly JWT_ISSUER?: string;
  readonly JWT_AUDIENCE?: readonly string[];
  readonly AUTH_DEV_BYPASS: boolean;
  readonly CORS_ORIGINS: readonly string[];
  readonly WEBHOOK_SECRET_KEY?: string;
  readonly WEBHOOK_SECRET_KEY_FILE?: string;
  readonly WEBHOOK_SECRET_KEY_PREVIOUS?: string;
  readonly WEBHOOK_SECRET_KEY_PREVIOUS_FILE?: string;
}

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

export function securityConfigIssues(c: SecuritySettings): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const prod = c.NODE_ENV === 'production';
  if (c.JWT_SECRET && c.JWT_SECRET_FILE) issues.push({ path: 'JWT_SECRET_FILE', message: 'set JWT_SECRET or JWT_SECRET_FILE, not both' });
  if (c.WEBHOOK_SECRET_KEY && c.WEBHOOK_SECRET_KEY_FILE) issues.push({ path: 'WEBHOOK_SECRET_KEY_FILE', message: 'set WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEY_FILE, not both' });
  if (c.WEBHOOK_SECRET_KEY_PREVIOUS && c.WEBHOOK_SECRET_KEY_PREVIOUS_FILE) issues.push({ path: 'WEBHOOK_SECRET_KEY_PREVIOUS_FILE', message: 'set WEBHOOK_SECRET_KEY_PREVIOUS or WEBHOOK_SECRET_KEY_PREVIOUS_FILE, not both' });
  if ((c.WEBHOOK_SECRET_KEY_PREVIOUS || c.WEBHOOK_SECRET_KEY_PREVIOUS_FILE) && !c.WEBHOOK_SECRET_KEY && !c.WEBHOOK_SECRET_KEY_FILE) {
    issues.push({ path: 'WEBHOOK_SECRET_KEY', message: 'WEBHOOK_SECRET_KEY_PREVIOUS is the key being rotated out: set the new one as WEBHOOK_SECRET_KEY' });
  }
  if (prod && !c.WEBHOOK_SECRET_KEY && !c.WEBHOOK_SECRET_KEY_FILE) {
    issues.push({ path: 'WEBHOOK_SECRET_KEY', message: 'production needs a key to seal webhook signing secrets at rest: set WEBHOOK_SECRET_KEY (≥ 32 characters) or WEBHOOK_SECRET_KEY_FILE' });
  }
  if (c.JWT_JWKS_URL && (!c.JWT_ISSUER || !c.JWT_AUDIENCE?.length)) {
    // A JWKS usually belongs to an identity provider that signs tokens for many applications.
    issues.push({ path: 'JWT_AUDIENCE', message: 'JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE, or tokens the same provider issued for other applications would be accepted' });
  }
  if (prod && c.AUTH_DEV_BYPASS) issues.push({ path: 'AUTH_DEV_BYPASS', message: 'must be false in production (it lets every anonymous caller act as an admin)' });
  if (prod && c.CORS_ORIGINS.includes('*')) issues.push({ path: 'CORS_ORIGINS', message: "'*' is not allowed in production; list the allowed origins (comma separated)" });
  if (prod && !c.JWT_SECRET && !c.JWT_SECRET_FILE && !c.JWT_JWKS_URL) {
    issues.push({ path: 'JWT_SECRET', message: 'production needs JWT verification: set JWT_SECRET (or JWT_SECRET_FILE) for HS256, or JWT_JWKS_URL with JWT_ISSUER and JWT_AUDIENCE' });
  }
  return issues;
}
