/**
 * Mint an HS256 bearer token signed with JWT_SECRET: for operators without an identity provider,
 * local development and tests. As a CLI (reads the API's config, so the same env/.env applies):
 *
 *   JWT_SECRET=... npx tsx src/auth/mint-token.ts alice admin   # sub=alice, roles=[user, admin], 1 h
 *   JWT_SECRET=... npx tsx src/auth/mint-token.ts bob --ttl=600
 *
 * The token goes to stdout and nowhere else.
 */
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { secretSetting } from '../config/secret-setting.js';
import type { Role } from '../graphql/context.js';

export const DEFAULT_TOKEN_TTL_S = 3_600; // 1 h

export interface MintOptions {
  readonly secret: string;
  readonly sub: string;
  readonly roles?: readonly Role[];
  /** Seconds until `exp` (negative mints an already-expired token, for tests). @default DEFAULT_TOKEN_TTL_S */
  readonly ttlSeconds?: number;
  readonly issuer?: string;
  readonly audience?: string | readonly string[];
  readonly rolesClaim?: string;
  readonly extraClaims?: Record<string, unknown>;
}

export function mintHs256Token(o: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ [o.rolesClaim ?? 'roles']: [...(o.roles ?? ['user'])], ...o.extraClaims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.ttlSeconds ?? DEFAULT_TOKEN_TTL_S));
  if (o.issuer) jwt = jwt.setIssuer(o.issuer);
  if (o.audience) jwt = jwt.setAudience(typeof o.audience === 'string' ? o.audience : [...o.audience]);
  return jwt.sign(new TextEncoder().encode(o.secret));
}

async function cli(argv: readonly string[]): Promise<void> {
  const { loadConfig } = await import('../config.js');
  const config = loadConfig();
  const secret = secretSetting('JWT_SECRET', config.JWT_SECRET, config.JWT_SECRET_FILE, 32);
  const ttlArg = argv.find((a) => a.startsWith('--ttl='));
  const [sub, ...roles] = argv.filter((a) => !a.startsWith('--'));
  if (!secret || !sub) {
    process.stderr.write('usage: JWT_SECRET=... npx tsx src/auth/mint-token.ts <sub> [admin] [--ttl=SECONDS]\n');
    process.exitCode = 2;
    return;
  }
  const ttl = ttlArg ? Number(ttlArg.slice('--ttl='.length)) : DEFAULT_TOKEN_TTL_S;
  const token = await mintHs256Token({ secret, sub, roles: ['user', ...(roles.includes('admin') ? (['admin'] as const) : [])], ttlSeconds: ttl, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, rolesClaim: config.JWT_ROLES_CLAIM });
  process.stdout.write(`${token}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void cli(process.argv.slice(2));
