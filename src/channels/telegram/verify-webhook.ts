// Checks the X-Telegram-Bot-Api-Secret-Token header Telegram sends with every webhook call.
import { createHash, timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * True only when `received` equals the configured secret. Compares digests in constant time,
 * so neither the content nor the length of the secret leaks through timing.
 */
export function verifyWebhookSecret(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string' || received === '' || expected === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(received).digest();
  return timingSafeEqual(a, b);
}
