// Test guard: any socket connection to a host other than loopback fails, and is recorded, so a test can
// prove that the code under test talks only to the fakes on 127.0.0.1.
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export interface NetworkGuard {
  /** Hosts (host:port) something tried to reach. Empty when all went to loopback. */
  readonly blocked: string[];
  restore(): void;
}

function targetOf(args: unknown[]): { host: string; port: unknown } | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') {
    const o = first as { path?: string; host?: string; port?: unknown };
    if (o.path) return undefined; // unix socket / named pipe: local by definition
    return { host: o.host ?? 'localhost', port: o.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // connect(path)
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

/** Installs the guard; call `restore()` in afterAll. */
export function guardExternalNetwork(): NetworkGuard {
  const original = net.Socket.prototype.connect;
  const blocked: string[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: the patched method keeps Node's overloaded signature
  net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
    const target = targetOf(args);
    if (target && !LOOPBACK.has(target.host)) {
      blocked.push(`${target.host}:${String(target.port)}`);
      throw new Error(`external network blocked in tests: ${target.host}`);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return {
    blocked,
    restore() {
      net.Socket.prototype.connect = original;
    },
  };
}
