// POST /telegram/webhook on the shared Hono app: checks the secret header, then processes the update.
import type { Hono } from 'hono';
import type { Logger } from '../../shared/logger.js';
import type { UpdateProcessor } from './process-update.js';
import { SECRET_HEADER, verifyWebhookSecret } from './verify-webhook.js';

export const WEBHOOK_PATH = '/telegram/webhook';

export interface MountWebhookOptions {
  processor: UpdateProcessor;
  secret: string;
  logger: Logger;
}

/**
 * 401 without the secret header, 403 with a wrong one, 400 for a body that is not JSON, 200 once the update
 * is handled (or recognised as a repeat), 500 when handling failed so Telegram delivers it again.
 */
export function mountTelegramWebhook(app: Hono, { processor, secret, logger }: MountWebhookOptions): void {
  app.post(WEBHOOK_PATH, async (c) => {
    const received = c.req.header(SECRET_HEADER);
    if (received === undefined || received === '') {
      return c.json({ error: 'UNAUTHORIZED', message: 'Thiếu mã bí mật của Telegram.' }, 401);
    }
    if (!verifyWebhookSecret(secret, received)) {
      logger.warn({ ip: c.req.header('x-forwarded-for') ?? 'direct' }, 'telegram webhook with a wrong secret');
      return c.json({ error: 'FORBIDDEN', message: 'Mã bí mật không đúng.' }, 403);
    }
    let update: unknown;
    try {
      update = await c.req.json();
    } catch {
      return c.json({ error: 'BAD_INPUT', message: 'Nội dung không phải JSON hợp lệ.' }, 400);
    }
    try {
      await processor.process(update);
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'telegram update failed');
      return c.json({ error: 'CHANNEL_FAILED', message: 'Chưa xử lý được, Telegram sẽ gửi lại.' }, 500);
    }
    return c.json({ ok: true });
  });
}
