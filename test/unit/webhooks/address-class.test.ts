import { describe, expect, it } from 'vitest';
import { addressKind, isPrivateHost, normaliseHost } from '../../../src/webhooks/address-class.js';
import { checkWebhookUrl } from '../../../src/webhooks/url-policy.js';

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped IPv6
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['0x7f.1', 'loopback'], // inet_aton forms the URL parser also accepts
    ['2130706433', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:5', 'private'], // NAT64 of 10.0.0.5
    ['100.64.0.1', 'cgnat'],
    ['169.254.169.254', 'link-local'], // cloud metadata
    ['::ffff:169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'], // IPv4-compatible (deprecated)
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['[2606:4700::1111]', 'public'],
    ['::ffff:93.184.216.34', 'public'],
    ['64:ff9b::808:808', 'public'], // NAT64 of 8.8.8.8
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('returns null for host names and numbers that are no IPv4 address', () => {
    for (const h of ['example.com', 'hooks.test', '256.1.1.1', '0x100000000', '1.2.3.4.5']) expect(addressKind(h)).toBeNull();
  });
});

describe('normaliseHost / isPrivateHost', () => {
  it('normalises brackets, case, trailing dots, zones and numeric IPv4', () => {
    expect(normaliseHost('[::FFFF:7F00:1]')).toBe('::ffff:7f00:1');
    expect(normaliseHost('LocalHost.')).toBe('localhost');
    expect(normaliseHost('0x7F.0.0.1')).toBe('127.0.0.1');
    expect(normaliseHost('fe80::1%25eth0')).toBe('fe80::1');
  });

  it('treats local names and non-public literals as private, public ones not', () => {
    for (const h of ['localhost', 'localhost.', 'api.localhost', 'db.internal', 'printer.local', '127.0.0.1', '[::1]', '100.64.0.1']) expect(isPrivateHost(h)).toBe(true);
    for (const h of ['example.com', '93.184.216.34', '[2606:4700::1111]']) expect(isPrivateHost(h)).toBe(false);
  });
});

describe('checkWebhookUrl (registration)', () => {
  const strict = { allowPrivate: false, selfHosts: [] };
  it.each(['http://127.0.0.1/h', 'http://0x7f.1/h', 'http://2130706433/h', 'http://[::1]/h', 'http://[::ffff:127.0.0.1]/h', 'http://169.254.169.254/latest', 'http://100.64.0.1/h', 'http://[fd00::1]/h', 'http://0.0.0.0/h', 'http://localhost./h'])('refuses %s', (url) => {
    expect(() => checkWebhookUrl(url, strict)).toThrow(/private, loopback and link-local/);
  });

  it('accepts public hosts, and private ones when allowed', () => {
    expect(checkWebhookUrl('https://93.184.216.34/h', strict).hostname).toBe('93.184.216.34');
    expect(checkWebhookUrl('https://[2606:4700::1111]/h', strict).hostname).toBe('[2606:4700::1111]');
    expect(checkWebhookUrl('https://hooks.example.com/h', strict).hostname).toBe('hooks.example.com');
    expect(checkWebhookUrl('http://127.0.0.1:9/h', { allowPrivate: true, selfHosts: [] }).port).toBe('9');
  });

  it('refuses the API itself under any loopback spelling', () => {
    const policy = { allowPrivate: true, selfHosts: ['127.0.0.1:4000'] };
    for (const url of ['http://127.0.0.1:4000/graphql', 'http://[::ffff:7f00:1]:4000/', 'http://0x7f.1:4000/']) expect(() => checkWebhookUrl(url, policy)).toThrow(/own host/);
  });
});
