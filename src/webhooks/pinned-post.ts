/**
 * The delivery-time half of the webhook SSRF guard. Registration (`url-policy.ts`) can only judge
 * the URL's text; a public name may resolve to 127.0.0.1 or 169.254.169.254 by the time an event
 * is delivered (DNS rebinding). So each delivery resolves the host once, refuses it if ANY address
 * is non-public (unless private targets are allowed: dev/test), and connects only to the
 * addresses it vetted: the socket's `lookup` answers from that list, so no second resolution
 * happens. TLS still verifies the certificate against the URL's host name (`servername`).
 */
import { promises as dns, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressKind, isLocalName, normaliseHost } from './address-class.js';

/** Every address of a host name, in resolver order (injectable: tests need no real DNS). */
export type HostResolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** The target is (or resolves to) an address webhooks may not reach. Retryable like any failed delivery. */
export class WebhookAddressError extends Error {
  override readonly name = 'WebhookAddressError';
  readonly code = 'WEBHOOK_ADDRESS_REFUSED';
}

export interface PinnedPostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** Private, loopback and link-local targets allowed (dev/test); resolution is still pinned. */
  readonly allowPrivate: boolean;
  readonly resolve?: HostResolver;
}

/** Resolves `url`'s host once and returns the addresses the connection may use, or throws WebhookAddressError. */
export async function vetWebhookTarget(url: URL, allowPrivate: boolean, resolve: HostResolver = systemResolver): Promise<readonly LookupAddress[]> {
  const host = normaliseHost(url.hostname);
  if (!allowPrivate && isLocalName(host)) throw new WebhookAddressError(`url host ${host} is a local name`);
  const family = isIP(host);
  const addresses = family ? [{ address: host, family }] : await resolve(host);
  if (addresses.length === 0) throw new WebhookAddressError(`url host ${host} resolves to no address`);
  for (const { address } of addresses) {
    const kind = addressKind(address);
    if (!allowPrivate && kind !== 'public') throw new WebhookAddressError(`url resolves to a non-public address ${address} (${kind ?? 'not an IP'})`);
  }
  return addresses;
}

/** A socket `lookup` that answers only from the vetted list (all of them for Happy Eyeballs). */
function pinnedLookup(vetted: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const usable = options.family === 4 || options.family === 6 ? vetted.filter((a) => a.family === options.family) : vetted;
    if (usable.length === 0) return callback(Object.assign(new Error(`no vetted IPv${String(options.family)} address for ${hostname}`), { code: 'ENOTFOUND' }), '', undefined);
    if (options.all) callback(null, [...usable]);
    else callback(null, usable[0]!.address, usable[0]!.family);
  };
}

/** Settles when `p` does or `signal` aborts (dns.lookup itself cannot be cancelled). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * POSTs `body` to `target` through the vetted addresses and resolves with the HTTP status once the
 * response body is drained (a body that fails or stalls after the status still counts as answered).
 * Redirects are not followed. The timeout covers resolution, connection, headers and body; on it
 * the promise rejects with the signal's `TimeoutError`.
 */
export async function postPinned(target: string, opts: PinnedPostOptions): Promise<number> {
  const url = new URL(target);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const vetted = await untilAborted(vetWebhookTarget(url, opts.allowPrivate, opts.resolve), signal);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const tls = url.protocol === 'https:';
  return new Promise<number>((resolve, reject) => {
    let responded = false;
    const req = (tls ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) },
        lookup: pinnedLookup(vetted),
        agent: false, // a fresh socket per delivery: never a pooled one connected under another lookup
        signal,
        ...(tls && isIP(host) === 0 ? { servername: host } : {}),
      },
      (res: IncomingMessage) => {
        responded = true;
        res.on('error', () => undefined);
        res.on('close', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', (err) => {
      if (responded) return;
      reject(signal.aborted ? (signal.reason as Error) : err);
    });
    req.end(opts.body);
  });
}
