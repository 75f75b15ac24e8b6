/** Raw HTTP/WS helpers for the security integration tests (status codes, headers, close codes). */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

export async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as RawResponse['body']) : {} };
}

export const code = (r: RawResponse) => r.body.errors?.[0]?.extensions?.code;
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Run one operation over graphql-ws; resolves with every payload, or the close event / error. */
export function wsRun(url: string, connectionParams: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}, opts: { stopAfter?: number } = {}) {
  return new Promise<{ results: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }[]; closed?: { code: number; reason: string }; error?: unknown }>((resolve) => {
    const results: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }[] = [];
    let closed: { code: number; reason: string } | undefined;
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true, on: { closed: (e) => void (closed = { code: (e as { code: number }).code, reason: String((e as { reason: unknown }).reason) }) } });
    const done = (error?: unknown) => {
      void client.dispose();
      resolve({ results, closed, error });
    };
    const unsubscribe = client.subscribe(
      { query, variables },
      {
        next: (v) => {
          results.push(v as (typeof results)[number]);
          if (opts.stopAfter && results.length >= opts.stopAfter) {
            unsubscribe();
            done();
          }
        },
        error: (e) => done(e),
        complete: () => done(),
      },
    );
  });
}
