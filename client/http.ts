/**
 * One GraphQL-over-HTTP call with a typed document. Network failures and GraphQL errors become the
 * typed errors of ./errors.ts, so no caller ever sees a raw "fetch failed".
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { DfsUnreachableError, networkCause, toApiError, type GraphqlErrorBody } from './errors.js';

export interface Credentials {
  /** `dfs_...` API key, sent as X-API-Key. */
  readonly apiKey?: string;
  /** JWT, sent as Authorization: Bearer. */
  readonly token?: string;
}

export function authHeaders(c: Credentials): Record<string, string> {
  if (c.apiKey) return { 'x-api-key': c.apiKey };
  if (c.token) return { authorization: `Bearer ${c.token}` };
  return {};
}

/** graphql-ws `connection_init` payload for the same credentials (docs/security.md). */
export function authConnectionParams(c: Credentials): Record<string, unknown> {
  if (c.apiKey) return { apiKey: c.apiKey };
  if (c.token) return { authorization: `Bearer ${c.token}` };
  return {};
}

export async function postGraphql<T, V>(url: string, creds: Credentials, doc: TypedDocumentNode<T, V>, variables: V, timeoutMs = 60_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders(creds) },
      body: JSON.stringify({ query: print(doc), variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DfsUnreachableError(url, networkCause(err));
  }
  const body = (await res.json().catch(() => null)) as { data?: T | null; errors?: GraphqlErrorBody[] } | null;
  if (body?.errors?.length || !body?.data) throw toApiError(body?.errors?.[0], res.status, url);
  return body.data;
}
