/**
 * How `npm start` users get in without an identity provider (NODE_ENV=development, no JWT
 * settings, AUTH_DEV_BYPASS unset): at every start the API mints a fresh admin API key for the
 * local user `dev-admin`, revokes the previous one, and prints it to the TERMINAL (stderr), not
 * to the structured log, so it never reaches log shipping. Never runs in test or production.
 */
import type { Viewer } from '../graphql/context.js';
import type { ApiKeyRepository } from './api-key-repository.js';
import type { ApiKeyService } from './api-key-service.js';

export const DEV_ADMIN: Viewer = Object.freeze({ id: 'dev-admin', roles: ['user', 'admin'] as const, method: 'dev' as const });
export const DEV_KEY_NAME = 'development bootstrap key';

export async function mintDevAdminKey(apiKeys: ApiKeyService, repo: Pick<ApiKeyRepository, 'revokeByName'>): Promise<string> {
  await repo.revokeByName(DEV_ADMIN.id, DEV_KEY_NAME);
  const { secret } = await apiKeys.create(DEV_ADMIN, DEV_KEY_NAME, ['read', 'write', 'admin']);
  return secret;
}

export function devKeyBanner(secret: string): string {
  return [
    '',
    '  Development admin API key (valid until the next start; only this terminal shows it):',
    `    X-API-Key: ${secret}`,
    '  Send it as an HTTP header, or as { "apiKey": "..." } in graphql-ws connection params.',
    '  (Set JWT_SECRET to use tokens instead, or AUTH_DEV_BYPASS=true to skip authentication locally.)',
    '',
  ].join('\n');
}
