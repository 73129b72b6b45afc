// Who is asking, by network address: the peer of the connection, or — behind a reverse proxy named in TRUST_PROXY —
// the address that proxy saw. Used as a rate-limit key (wrong tracking codes, new chat sessions), never stored.
import { BlockList, isIP } from 'node:net';
import { AppError } from './errors.js';

/** Proxies whose X-Forwarded-For is believed; `loopback` stands for 127.0.0.0/8 and ::1. */
export function parseTrustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > maxBits))) {
      throw new AppError('CONFIG_INVALID', `TRUST_PROXY entry is not an address or CIDR: ${entry}`, {
        userMessage: `TRUST_PROXY: "${entry}" không phải địa chỉ IP hay dải CIDR (ví dụ 10.0.0.5, 10.0.0.0/8, loopback).`,
      });
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) as 1.2.3.4. */
function plain(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address. X-Forwarded-For is read from the right, and only while the hop that added an entry is a
 * trusted proxy: a client can write anything at its left end, never past our own proxy.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList | undefined,
): string | undefined {
  if (peer === undefined || peer === '') return undefined;
  let current = plain(peer);
  if (!trusted || !forwardedFor) return current;
  const hops = forwardedFor
    .split(',')
    .map(plain)
    .filter((h) => h !== '');
  while (isTrusted(current, trusted) && hops.length > 0) {
    const next = hops.pop() as string;
    if (isIP(next) === 0) break;
    current = next;
  }
  return current;
}

/** The first four groups of an IPv6 address: one household or phone usually holds a whole /64. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The key a limit counts under: an IPv4 address as is, an IPv6 address by its /64. */
export function addressKey(address: string): string {
  return isIP(address) === 6 ? ipv6Prefix64(address) : address;
}
