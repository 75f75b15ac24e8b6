/** Every failure of a command → ONE line on stderr that says what to do (and an exit code). */
import { DfsApiError, DfsUnreachableError, describeError } from '../client/index.js';
import { ImportCallError } from '../scripts/import-client.js';
import { UsageError } from './context.js';

export function oneLine(err: unknown, url: string): { line: string; code: number } {
  if (err instanceof UsageError) return { line: `dfs: ${err.message}`, code: 2 };
  if (err instanceof DfsUnreachableError) return { line: `dfs: cannot reach ${err.url}: is the API running? (npm start) [${err.causeText}]`, code: 1 };
  if (err instanceof ImportCallError) {
    // The shared import client has its own error type; map its codes onto the SDK's messages.
    if (err.code === 'UNAVAILABLE') return { line: `dfs: cannot reach ${url}: is the API running? (npm start)`, code: 1 };
    return oneLine(new DfsApiError(err.message, err.code, err.code === 'UNAUTHENTICATED' ? 401 : 0, { code: err.code }, hintFor(err.code, err.message)), url);
  }
  if (err instanceof DfsApiError) {
    if (!err.hint && /^HTTP_(404|405)$/.test(err.code)) return { line: `dfs: ${url} is not the GraphQL endpoint (HTTP ${err.status}); use e.g. --url http://127.0.0.1:4000/graphql`, code: 1 };
    return { line: `dfs: ${describeError(err)}`, code: 1 };
  }
  return { line: `dfs: ${err instanceof Error ? err.message : String(err)}`, code: 1 };
}

function hintFor(code: string, message: string): string | undefined {
  if (code === 'UNAUTHENTICATED') return `401: the API key or token was refused (${message}); pass --api-key / DFS_API_KEY with the key \`npm start\` prints (dev), or create one with the createApiKey mutation`;
  if (code === 'FORBIDDEN') return `403: ${message} (imports need an admin key)`;
  return undefined;
}
