/**
 * watchJob: follow one job over graphql-ws until its terminal event, surviving API restarts.
 *
 * Why a reconnect loop of our own (retryAttempts: 0 on the graphql-ws client): a restarting API may
 * either drop the socket or complete the stream while draining, and both must lead to the same
 * thing — subscribe again. That is safe because `jobProgress` sends the job's CURRENT state first
 * (type STATE), so a fresh subscription resumes from where the job is now and nothing is replayed
 * twice except that one snapshot. The caller sees exactly one terminal event: we stop at the first.
 */
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { JobProgressDocument, type JobProgressSubscription } from './__generated__/operations.js';
import { DfsApiError, toApiError, type GraphqlErrorBody } from './errors.js';
import { authConnectionParams, type Credentials } from './http.js';

export type JobEvent = JobProgressSubscription['jobProgress'];

export interface WatchOptions {
  /** Give up when no connection could be (re)established for this long. @default 60_000 ms */
  readonly reconnectTimeoutMs?: number;
  /** Wait between reconnect attempts (grows ×1.5 up to 2 s). @default 200 ms */
  readonly retryDelayMs?: number;
  /** Told about every reconnect (the CLI shows it; tests count it). */
  readonly onReconnect?: (attempt: number, reason: string) => void;
  readonly signal?: AbortSignal;
}

/** Close codes that a retry cannot fix: bad credential (4401), forbidden (4403), bad request (4400). */
const FATAL_CLOSE = new Set([4400, 4401, 4403, 4409]);

type Outcome = { kind: 'terminal'; event: JobEvent } | { kind: 'retry'; reason: string } | { kind: 'fatal'; error: Error };

function subscribeOnce(client: Client, jobId: string, onEvent: (e: JobEvent) => void, wsUrl: string): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      stop();
      resolve(o);
    };
    const stop = client.subscribe<JobProgressSubscription>(
      { query: print(JobProgressDocument), variables: { jobId } },
      {
        next: (msg) => {
          if (msg.errors?.length) return finish({ kind: 'fatal', error: toApiError(msg.errors[0] as GraphqlErrorBody, 200, wsUrl) });
          const event = msg.data?.jobProgress;
          if (!event) return;
          onEvent(event);
          if (event.terminal) finish({ kind: 'terminal', event });
        },
        error: (err) => {
          if (Array.isArray(err)) return finish({ kind: 'fatal', error: toApiError(err[0] as GraphqlErrorBody, 200, wsUrl) });
          const code = (err as { code?: number }).code;
          const reason = String((err as { reason?: string }).reason ?? (err as Error).message ?? 'socket error');
          if (typeof code === 'number' && FATAL_CLOSE.has(code)) {
            const status = code === 4401 ? 401 : code === 4403 ? 403 : 400;
            return finish({ kind: 'fatal', error: toApiError({ message: reason || `closed ${code}`, extensions: { code: code === 4401 ? 'UNAUTHENTICATED' : code === 4403 ? 'FORBIDDEN' : 'BAD_REQUEST', reason } }, status, wsUrl) });
          }
          finish({ kind: 'retry', reason: typeof code === 'number' ? `closed ${code}${reason ? ` ${reason}` : ''}` : reason });
        },
        // Completed without a terminal event: the API drained (restart). Subscribe again.
        complete: () => finish({ kind: 'retry', reason: 'stream completed before the job ended' }),
      },
    );
  });
}

export async function watchJob(wsUrl: string, creds: Credentials, jobId: string, onEvent: (e: JobEvent) => void, opts: WatchOptions = {}): Promise<JobEvent> {
  const reconnectTimeoutMs = opts.reconnectTimeoutMs ?? 60_000;
  let delay = opts.retryDelayMs ?? 200;
  let attempt = 0;
  let failingSince: number | null = null;
  for (;;) {
    if (opts.signal?.aborted) throw new DfsApiError('watch aborted', 'ABORTED', 0);
    let connected = false;
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: authConnectionParams(creds), retryAttempts: 0, lazy: true, on: { connected: () => (connected = true) } });
    const aborted = new Promise<Outcome>((r) => opts.signal?.addEventListener('abort', () => r({ kind: 'fatal', error: new DfsApiError('watch aborted', 'ABORTED', 0) }), { once: true }));
    const outcome = await Promise.race([subscribeOnce(client, jobId, onEvent, wsUrl), aborted]);
    await client.dispose();
    if (outcome.kind === 'terminal') return outcome.event;
    if (outcome.kind === 'fatal') throw outcome.error;
    if (connected) {
      failingSince = null;
      delay = opts.retryDelayMs ?? 200;
    }
    failingSince ??= Date.now();
    if (Date.now() - failingSince > reconnectTimeoutMs) throw new DfsApiError(`lost the job stream of ${jobId} and could not reconnect to ${wsUrl} within ${reconnectTimeoutMs} ms (${outcome.reason})`, 'UNREACHABLE', 0);
    attempt++;
    opts.onReconnect?.(attempt, outcome.reason);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(2000, delay * 1.5);
  }
}
