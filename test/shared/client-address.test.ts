// The client's address behind (or without) a reverse proxy, and the key rate limits count under.
import { describe, expect, it } from 'vitest';
import { addressKey, parseTrustedProxies, resolveClientAddress } from '../../src/shared/client-address.js';
import { isAppError } from '../../src/shared/errors.js';

describe('client address', () => {
  const proxy = parseTrustedProxies(['10.0.0.5', '192.168.0.0/16']);

  it('is the connection peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(resolveClientAddress('203.0.113.7', '1.2.3.4', undefined)).toBe('203.0.113.7');
    expect(resolveClientAddress('203.0.113.7', '1.2.3.4', parseTrustedProxies([]))).toBe('203.0.113.7');
    expect(resolveClientAddress('::ffff:203.0.113.7', undefined, undefined)).toBe('203.0.113.7');
  });

  it('believes X-Forwarded-For only from a trusted proxy, read from the right', () => {
    // through our proxy: the address it saw
    expect(resolveClientAddress('10.0.0.5', '198.51.100.9', proxy)).toBe('198.51.100.9');
    // a client writing its own header: the left end is ignored, the proxy's entry counts
    expect(resolveClientAddress('10.0.0.5', '1.1.1.1, 198.51.100.9', proxy)).toBe('198.51.100.9');
    // two proxies of ours in a row
    expect(resolveClientAddress('10.0.0.5', '198.51.100.9, 192.168.4.4', proxy)).toBe('198.51.100.9');
    // straight to us from the internet, with a forged header: the peer
    expect(resolveClientAddress('203.0.113.7', '10.0.0.5', proxy)).toBe('203.0.113.7');
    // garbage in the header stops the walk at the last trusted hop
    expect(resolveClientAddress('10.0.0.5', 'not-an-ip', proxy)).toBe('10.0.0.5');
  });

  it('understands loopback and refuses entries that are not addresses, in Vietnamese', () => {
    const loop = parseTrustedProxies(['loopback']);
    expect(resolveClientAddress('127.0.0.1', '198.51.100.9', loop)).toBe('198.51.100.9');
    expect(resolveClientAddress('::1', '2001:db8::1', loop)).toBe('2001:db8::1');
    for (const bad of ['proxy.local', '10.0.0.0/40', '10.0.0.1/x']) {
      let error: unknown;
      try {
        parseTrustedProxies([bad]);
      } catch (e) {
        error = e;
      }
      expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as { userMessage: string }).userMessage).toContain('TRUST_PROXY');
    }
  });

  it('counts an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('198.51.100.9')).toBe('198.51.100.9');
  });
});
