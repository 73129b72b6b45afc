// The requesting client's address key on the shared Hono app (the Node server puts the socket in c.env.incoming).
import type { BlockList } from 'node:net';
import type { Context } from 'hono';
import { addressKey, resolveClientAddress } from '../shared/client-address.js';

/** The requesting client's address key for this request (undefined when the server cannot tell). */
export function clientKeyOf(c: Context, trusted: BlockList | undefined): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const address = resolveClientAddress(incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'), trusted);
  return address === undefined ? undefined : addressKey(address);
}
