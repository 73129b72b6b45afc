// Random secrets for tokens and sessions, and the hash under which the database keeps them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A personal API token: a recognisable prefix (secret scanners, logs) and 256 random bits. */
export function newApiToken(): string {
  return `tdp_${newSecret()}`;
}

/** SHA-256, hex: enough for 256-bit random secrets (no salt or slow hash needed, unlike passwords). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
