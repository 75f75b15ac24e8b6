/**
 * Which network addresses a webhook may reach. One table of the IANA special-purpose ranges,
 * shared by registration (literal IPs and local names in the URL, `url-policy.ts`) and delivery
 * (every address the host name resolves to, `pinned-post.ts`). An address in no range is public.
 */
import { BlockList, isIP } from 'node:net';

export type AddressKind = 'unspecified' | 'loopback' | 'private' | 'cgnat' | 'link-local' | 'unique-local' | 'multicast' | 'reserved' | 'public';
type Range = readonly [kind: Exclude<AddressKind, 'public'>, network: string, prefix: number];

const V4_RANGES: readonly Range[] = [
  ['unspecified', '0.0.0.0', 8], // "this network": 0.0.0.0 reaches the local host on Linux
  ['loopback', '127.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['cgnat', '100.64.0.0', 10], // shared address space (RFC 6598): often a provider's internal network
  ['link-local', '169.254.0.0', 16], // includes cloud metadata, 169.254.169.254
  ['reserved', '192.0.0.0', 24],
  ['reserved', '192.0.2.0', 24],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4], // includes broadcast 255.255.255.255
];

const V6_RANGES: readonly Range[] = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['reserved', '::', 96], // IPv4-compatible (deprecated); ::ffff:0:0/96 (IPv4-mapped) is matched by BlockList against V4_RANGES
  // NAT64 (RFC 6052): 64:ff9b::a.b.c.d is a.b.c.d behind the gateway, so each IPv4 range is refused there too.
  ...V4_RANGES.map(([kind, net, prefix]): Range => [kind, `64:ff9b::${net}`, 96 + prefix]),
  ['reserved', '64:ff9b:1::', 48], // local-use NAT64
  ['reserved', '100::', 64], // discard
  ['reserved', '2001:db8::', 32], // documentation
  ['unique-local', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['private', 'fec0::', 10], // site-local (deprecated)
  ['multicast', 'ff00::', 8],
];

/** One BlockList per range, in table order, so the first (most specific) match names the kind. */
const MATCHERS = [...V4_RANGES.map((r) => [r, 'ipv4'] as const), ...V6_RANGES.map((r) => [r, 'ipv6'] as const)].map(([[kind, net, prefix], type]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { kind, list };
});

const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/**
 * inet_aton forms the WHATWG URL parser also accepts for http(s): `0x7f.1`, `0177.0.0.1`,
 * `2130706433`, `127.1`. Returns dotted-quad, or null when `h` is not such a number.
 */
function legacyIPv4(h: string): string | null {
  const parts = h.split('.');
  if (parts.length > 4 || !parts.every((p) => /^(0x[0-9a-f]*|0[0-7]*|[1-9]\d*)$/.test(p))) return null;
  const nums = parts.map((p) => (p.startsWith('0x') ? Number.parseInt(p.slice(2) || '0', 16) : p.length > 1 && p.startsWith('0') ? Number.parseInt(p, 8) : Number(p)));
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  const v = nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** Lower case, no `[...]`, no trailing dot, no IPv6 zone; numeric IPv4 forms as dotted-quad. */
export function normaliseHost(host: string): string {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (isIP(h.replace(/%.*$/, '')) === 6) return h.replace(/%.*$/, '');
  return isIP(h) === 0 ? (legacyIPv4(h) ?? h) : h;
}

/** The kind of an IP address (any form `normaliseHost` accepts); null when `host` is not an IP. */
export function addressKind(host: string): AddressKind | null {
  const ip = normaliseHost(host);
  const family = isIP(ip);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return MATCHERS.find((m) => m.list.check(ip, type))?.kind ?? 'public';
}

/** Names that always mean this machine or its private network, whatever DNS says. */
export function isLocalName(host: string): boolean {
  const h = normaliseHost(host);
  return LOCAL_NAMES.has(h) || h.endsWith('.localhost') || h.endsWith('.internal') || h.endsWith('.local');
}

/** A host (name or literal IP) that must not be a webhook target unless private targets are allowed. */
export function isPrivateHost(host: string): boolean {
  const kind = addressKind(host);
  return isLocalName(host) || (kind !== null && kind !== 'public');
}
