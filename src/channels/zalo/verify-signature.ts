// Checks X-ZEvent-Signature: "mac=" + sha256(app_id + raw body + timestamp + OA secret key), on the raw bytes.
import { createHash, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zevent-signature';

/** The signature Zalo computes for `rawBody` (hex, without "mac="). */
export function zaloSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`, 'utf8').digest('hex');
}

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

/**
 * `app_id` and `timestamp` are read from the body; the body is hashed exactly as received. The header may carry the
 * hex with or without "mac=". Digests are compared in constant time.
 */
export function verifyZaloSignature(options: {
  header: string | null | undefined;
  rawBody: string;
  appId: string;
  timestamp: string;
  oaSecretKey: string;
}): SignatureCheck {
  const { header, rawBody, appId, timestamp, oaSecretKey } = options;
  if (typeof header !== 'string' || header.trim() === '') return 'missing';
  const received = header.trim().replace(/^mac=/i, '').toLowerCase();
  const expected = zaloSignature(appId, rawBody, timestamp, oaSecretKey);
  // hashing both sides gives equal lengths whatever was received, so nothing leaks through timing
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(received).digest();
  return timingSafeEqual(a, b) ? 'valid' : 'invalid';
}
