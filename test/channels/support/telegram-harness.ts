// Starts the Telegram channel (real telegraf) against the fake Bot API and a fresh embedded database.
import { Hono } from 'hono';
import type { AttachmentStore, ConversationPort } from '../../../src/channels/shared/index.js';
import type { RateLimiterOptions } from '../../../src/channels/shared/rate-limiter.js';
import { startTelegram, type TelegramRuntime } from '../../../src/channels/telegram/index.js';
import type { TelegramUpdateStore } from '../../../src/channels/telegram/update-store.js';
import type { Config } from '../../../src/config/index.js';
import type { Database } from '../../../src/db/index.js';
import { createPrismaTelegramUpdateStore } from '../../../src/db/stores/telegram-update-store.js';
import { listen, type RunningServer } from '../../../src/http/index.js';
import { createTestDatabase } from '../../support/database.js';
import { type FakeTelegram, startFakeTelegram } from '../../support/fake-telegram.js';
import { captureLogger } from './capture-logger.js';

export const TOKEN = '123456789:AAHfake-test-token_xyz';
export const SECRET = 'webhook-secret_42';

export interface TelegramHarness {
  fake: FakeTelegram;
  db: Database;
  runtime: TelegramRuntime;
  logs: string[];
  /** Set in webhook mode: the server the fake delivers to. */
  server?: RunningServer | undefined;
  close(): Promise<void>;
}

export async function startTelegramHarness(options: {
  handler: ConversationPort;
  mode: 'polling' | 'webhook';
  /** Path of TELEGRAM_WEBHOOK_URL in webhook mode (default /telegram/webhook). */
  webhookPath?: string;
  db?: Database;
  telegram?: Partial<Config['telegram']>;
  /** Pacing overrides (e.g. a clock the test moves). */
  limits?: Partial<RateLimiterOptions>;
  /** Where photos and documents are kept when they arrive. */
  attachments?: AttachmentStore;
  /** Wraps the real update store (e.g. to slow its writes down). */
  wrapStore?: (store: TelegramUpdateStore) => TelegramUpdateStore;
}): Promise<TelegramHarness> {
  const fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 30_000 });
  const db = options.db ?? (await createTestDatabase());
  const { logger, lines } = captureLogger();
  // the webhook needs an address before setWebhook: listen first, mount the route when the runtime exists
  const app = new Hono();
  let server: RunningServer | undefined;
  let webhookUrl: string | undefined;
  if (options.mode === 'webhook') {
    server = await listen(app, '127.0.0.1', 0);
    webhookUrl = `http://127.0.0.1:${server.port}${options.webhookPath ?? '/telegram/webhook'}`;
  }
  const runtime = startTelegram({
    telegram: {
      token: TOKEN,
      webhookUrl,
      webhookSecret: options.mode === 'webhook' ? SECRET : undefined,
      apiRoot: fake.url,
      ratePerChat: 1,
      rateGlobal: 30,
      ...options.telegram,
    },
    handler: options.handler,
    store: (options.wrapStore ?? ((s) => s))(createPrismaTelegramUpdateStore({ prisma: db.prisma, pglite: db.pglite })),
    logger,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
  });
  runtime.mount(app);
  await runtime.ready;
  if (options.mode === 'polling') await fake.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'));
  return {
    fake,
    db,
    runtime,
    logs: lines,
    server,
    async close() {
      await server?.close();
      await runtime.stop();
      await fake.close();
      if (!options.db) await db.close();
    },
  };
}
