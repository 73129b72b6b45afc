// POST /zalo/webhook on the shared Hono app: signature and age checked on the raw body, answered at once, processed after.
import type { Hono } from 'hono';
import type { Logger } from '../../shared/logger.js';
import { SIGNATURE_HEADER, verifyZaloSignature } from './verify-signature.js';

export const ZALO_WEBHOOK_PATH = '/zalo/webhook';

/** Largest webhook body read (Zalo's events are a few KB). */
const MAX_BODY_BYTES = 256 * 1024;

export interface MountZaloWebhookOptions {
  appId: string;
  oaSecretKey: string;
  /** Events whose timestamp is older than this are refused, so a captured request cannot be replayed later. */
  maxAgeMs: number;
  /** Takes a verified event; must not wait for its processing (Zalo wants an answer within 2 seconds). */
  accept: (event: unknown, receivedAt: Date) => void;
  logger: Logger;
  now?: () => number;
}

/**
 * 401 without a signature, 403 with a wrong one, a foreign app_id or a stale timestamp, 400 for a body that is not
 * JSON, 413 for a huge one, 200 as soon as a verified event is taken in. Log lines never carry a secret or the body.
 */
export function mountZaloWebhook(app: Hono, options: MountZaloWebhookOptions): void {
  const { appId, oaSecretKey, maxAgeMs, accept, logger } = options;
  const now = options.now ?? Date.now;
  app.post(ZALO_WEBHOOK_PATH, async (c) => {
    const receivedAt = new Date(now());
    const header = c.req.header(SIGNATURE_HEADER);
    if (header === undefined || header.trim() === '') {
      logger.warn({ reason: 'missing signature' }, 'zalo webhook refused');
      return c.json({ error: 'UNAUTHORIZED', message: 'Thiếu chữ ký X-ZEvent-Signature.' }, 401);
    }
    const rawBody = await c.req.text();
    if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES)
      return c.json({ error: 'BAD_INPUT', message: 'Nội dung quá lớn.' }, 413);
    let event: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      event = parsed as Record<string, unknown>;
    } catch {
      return c.json({ error: 'BAD_INPUT', message: 'Nội dung không phải JSON hợp lệ.' }, 400);
    }
    const bodyAppId = typeof event.app_id === 'string' ? event.app_id : String(event.app_id ?? '');
    const timestamp = typeof event.timestamp === 'string' ? event.timestamp : String(event.timestamp ?? '');
    const check = verifyZaloSignature({ header, rawBody, appId: bodyAppId, timestamp, oaSecretKey });
    if (check !== 'valid' || bodyAppId !== appId) {
      logger.warn({ reason: check !== 'valid' ? 'wrong signature' : 'another app' }, 'zalo webhook refused');
      return c.json({ error: 'FORBIDDEN', message: 'Chữ ký không hợp lệ.' }, 403);
    }
    const sentAt = Number(timestamp);
    if (!Number.isFinite(sentAt) || Math.abs(receivedAt.getTime() - sentAt) > maxAgeMs) {
      logger.warn({ reason: 'stale timestamp', ageMs: receivedAt.getTime() - sentAt }, 'zalo webhook refused');
      return c.json({ error: 'FORBIDDEN', message: 'Sự kiện đã quá hạn.' }, 403);
    }
    accept(event, receivedAt);
    return c.json({ ok: true });
  });
}
