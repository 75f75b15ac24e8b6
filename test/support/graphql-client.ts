/** Minimal typed GraphQL-over-HTTP and graphql-ws helpers for tests (real sockets). */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlResponse<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Credentials a test stack registers for its API: used when a call passes none (issue 8). */
export interface DefaultAuth {
  readonly headers: Record<string, string>;
  readonly connectionParams: Record<string, unknown>;
}
const defaultAuth = new Map<string, DefaultAuth>();

/** Called by startStack: calls to `url` without explicit headers/params authenticate as this. */
export function setDefaultAuth(url: string, auth: DefaultAuth | null): void {
  if (auth) defaultAuth.set(url, auth);
  else defaultAuth.delete(url);
}

/**
 * POST one operation. `headers` omitted → the stack's default credentials for `url` (an admin
 * test user); pass `{}` to call anonymously, or your own Authorization / X-API-Key.
 */
export async function gql<T, V>(url: string, doc: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>): Promise<GqlResponse<T>> {
  const h = headers ?? defaultAuth.get(url)?.headers ?? {};
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...h }, body: JSON.stringify({ query: print(doc), variables }) });
  const body = (await res.json()) as Omit<GqlResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** `connectionParams` omitted → the stack's default credentials for `url`; `{}` = anonymous. */
export function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  const params = connectionParams ?? defaultAuth.get(url)?.connectionParams ?? {};
  return createClient({ url, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0, lazy: true });
}

/** Collect every message of one subscription until it completes (or errors). */
export function collect<T, V>(client: Client, doc: TypedDocumentNode<T, V>, variables: V, onEach?: (v: T) => void): Promise<T[]> {
  const out: T[] = [];
  return new Promise((resolve, reject) => {
    client.subscribe<T>(
      { query: print(doc), variables: variables as Record<string, unknown> },
      {
        next: (v) => {
          if (v.errors?.length) return reject(Object.assign(new Error(v.errors[0]!.message), { errors: v.errors }));
          out.push(v.data as T);
          onEach?.(v.data as T);
        },
        error: (e) => reject(e instanceof Error ? e : Object.assign(new Error('subscription error'), { detail: e })),
        complete: () => resolve(out),
      },
    );
  });
}
