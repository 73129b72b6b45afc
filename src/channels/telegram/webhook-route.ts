// POST <path of TELEGRAM_WEBHOOK_URL> on the shared Hono app: checks the secret header, then processes the update.
import type { Context, Hono } from 'hono';
import { PLAIN_WEBHOOK_PATH } from '../../config/index.js';
import type { Logger } from '../../shared/logger.js';
import type { UpdateProcessor } from './process-update.js';
import { SECRET_HEADER, verifyWebhookSecret } from './verify-webhook.js';

/**
 * Served in webhook mode besides TELEGRAM_WEBHOOK_URL's own path (which is `/` for a URL with no path, so such
 * a URL mounts POST / too).
 */
export const WEBHOOK_PATH = '/telegram/webhook';

/**
 * The paths to serve for a webhook URL: its own path, which Telegram calls, and /telegram/webhook too, for a
 * reverse proxy that strips its prefix before passing the call on. A path with pattern characters is not
 * served (`isOwnPathServed: false`); loadConfig already refuses such a URL.
 */
export function webhookPathsFor(webhookUrl: string | undefined): { paths: string[]; isOwnPathServed: boolean } {
  const own = webhookUrl ? new URL(webhookUrl).pathname : WEBHOOK_PATH;
  if (own === WEBHOOK_PATH) return { paths: [WEBHOOK_PATH], isOwnPathServed: true };
  if (!PLAIN_WEBHOOK_PATH.test(own)) return { paths: [WEBHOOK_PATH], isOwnPathServed: false };
  return { paths: [own, WEBHOOK_PATH], isOwnPathServed: true };
}

export interface MountWebhookOptions {
  /** Paths to serve (default: /telegram/webhook). */
  paths?: string[];
  processor: UpdateProcessor;
  secret: string;
  logger: Logger;
}

/**
 * 401 without the secret header, 403 with a wrong one, 400 for a body that is not JSON, 200 once the update
 * is handled (or recognised as a repeat), 500 when handling failed so Telegram delivers it again.
 */
export function mountTelegramWebhook(
  app: Hono,
  { paths = [WEBHOOK_PATH], processor, secret, logger }: MountWebhookOptions,
): void {
  const route = async (c: Context) => {
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
  };
  for (const path of paths) app.post(path, route);
}
