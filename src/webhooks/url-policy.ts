/**
 * Which webhook URLs are allowed. Always: http(s) only, no credentials in the URL, and never the
 * API itself (a webhook to our own GraphQL endpoint would let a user make the server call itself).
 * Unless `allowPrivate` (dev/test), loopback, private, link-local and unique-local addresses
 * are refused too (SSRF into the deployment's network).
 */
import { isIP } from 'node:net';
import { UserInputError } from '../errors.js';

export interface UrlPolicy {
  readonly allowPrivate: boolean;
  /** host:port pairs that are this API (its listen address, plus localhost aliases). */
  readonly selfHosts: readonly string[];
}

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./];
const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);

function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOCAL_NAMES.has(h) || h.endsWith('.localhost') || h.endsWith('.internal') || h.endsWith('.local')) return true;
  if (isIP(h) === 4) return PRIVATE_V4.some((r) => r.test(h));
  if (isIP(h) === 6) return h === '::1' || h === '::' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:127.');
  return false;
}

export function checkWebhookUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserInputError('url: not a valid absolute URL', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserInputError('url: only http and https are allowed', 'url');
  if (url.username || url.password) throw new UserInputError('url: credentials in the URL are not allowed (sign with the webhook secret instead)', 'url');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const aliases = isPrivateHost(host) ? ['127.0.0.1', 'localhost', '::1', '0.0.0.0', host] : [host];
  if (aliases.some((a) => policy.selfHosts.includes(`${a}:${port}`))) throw new UserInputError("url: webhooks may not target this API's own host", 'url');
  if (!policy.allowPrivate && isPrivateHost(host)) throw new UserInputError('url: private, loopback and link-local addresses are not allowed', 'url');
  return url;
}
