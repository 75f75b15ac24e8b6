/**
 * Which webhook URLs are allowed. Always: http(s) only, no credentials in the URL, and never the
 * API itself (a webhook to our own GraphQL endpoint would let a user make the server call itself).
 * Unless `allowPrivate` (dev/test), loopback, private, link-local and unique-local addresses
 * are refused too (SSRF into the deployment's network). This checks only what the URL says; a
 * public name can later resolve to a private address (DNS rebinding), so delivery checks the
 * resolved addresses again and connects only to those (`pinned-post.ts`).
 */
import { UserInputError } from '../errors.js';
import { isPrivateHost, normaliseHost } from './address-class.js';

export interface UrlPolicy {
  readonly allowPrivate: boolean;
  /** host:port pairs that are this API (its listen address, plus localhost aliases). */
  readonly selfHosts: readonly string[];
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
  const host = normaliseHost(url.hostname);
  const aliases = isPrivateHost(host) ? ['127.0.0.1', 'localhost', '::1', '0.0.0.0', host] : [host];
  if (aliases.some((a) => policy.selfHosts.includes(`${a}:${port}`))) throw new UserInputError("url: webhooks may not target this API's own host", 'url');
  if (!policy.allowPrivate && isPrivateHost(host)) throw new UserInputError('url: private, loopback and link-local addresses are not allowed', 'url');
  return url;
}
