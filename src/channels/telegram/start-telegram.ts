// The thin I/O shell: a real telegraf client, long polling or webhook, reconnecting until stopped.
import http from 'node:http';
import type { Hono } from 'hono';
import { Telegraf } from 'telegraf';
import type { Config } from '../../config/index.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationPort } from '../shared/answer-incoming.js';
import type { AttachmentStore } from '../shared/attachments.js';
import { RateLimiter, type RateLimiterOptions, TELEGRAM_LIMITS } from '../shared/rate-limiter.js';
import { createTelegramMediaDownloader } from './download-media.js';
import { TelegramApiError, toTelegramError } from './errors.js';
import { UpdateProcessor } from './process-update.js';
import { type BotApi, callTelegram } from './send.js';
import { TelegramChannel } from './telegram-channel.js';
import type { TelegramUpdateStore } from './update-store.js';
import { mountTelegramWebhook, webhookPathsFor } from './webhook-route.js';

/** Update types the bot asks Telegram for; everything else is never delivered. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

const PRUNE_AFTER_MS = 7 * 24 * 3600 * 1000;
/** Pauses before retrying an update that failed in polling mode (Telegram will not deliver it again). */
const POLLING_RETRY_DELAYS_MS = [1000, 5000, 30_000];

export interface StartTelegramOptions {
  telegram: Config['telegram'];
  handler: ConversationPort;
  store: TelegramUpdateStore;
  logger: Logger;
  /** Overrides of the pacing (defaults: config's ratePerChat / rateGlobal with Telegram's bursts). */
  limits?: Partial<RateLimiterOptions>;
  /**
   * Telegram allows one long poller per bot: with several instances, only the leader polls, and another takes over
   * when it dies. Absent: this process polls. (Sending and webhooks work on every instance.)
   */
  pollingLeadership?: PollingLeadership | undefined;
  /** Where residents' photos and documents are kept when they arrive (absent: only Telegram's file ids). */
  attachments?: AttachmentStore | undefined;
}

/** The part of a leader election polling needs. */
export interface PollingLeadership {
  acquired(): Promise<void>;
  onLost(listener: () => void): void;
}

export interface TelegramRuntime {
  mode: 'polling' | 'webhook';
  channel: TelegramChannel;
  processor: UpdateProcessor;
  /** Mounts POST at TELEGRAM_WEBHOOK_URL's own path and /telegram/webhook in webhook mode; nothing in polling mode. */
  mount: (app: Hono) => void;
  /** Resolves once connected: polling started, or webhook registered. Never rejects. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the bot in the background (the web chat and the rest of the service do not wait for Telegram).
 * Connection failures are retried with backoff; a token Telegram rejects (401) is reported once and given up.
 */
export function startTelegram(options: StartTelegramOptions): TelegramRuntime {
  const { telegram, handler, store, logger } = options;
  if (!telegram.token) throw new Error('startTelegram needs a bot token');
  const mode = telegram.webhookUrl ? 'webhook' : 'polling';
  const log = logger.child({ channel: 'telegram', mode });
  // loadConfig has refused a URL whose path cannot be served
  const webhookPaths = mode === 'webhook' ? webhookPathsFor(telegram.webhookUrl).paths : [];
  // a trailing slash keeps a path in the API root (telegraf resolves methods relative to it)
  const bot = new Telegraf(telegram.token, { telegram: { apiRoot: `${telegram.apiRoot}/`, webhookReply: false } });
  // telegraf drops keep-alive for http:// roots (a local Bot API server); one connection per call is slow.
  // No maxSockets: node-fetch 2 reports false "Premature close" errors when requests queue for a reused socket.
  const agent = telegram.apiRoot.startsWith('http://') ? new http.Agent({ keepAlive: true }) : undefined;
  if (agent) (bot.telegram as unknown as { options: { agent?: http.Agent } }).options.agent = agent;
  const api: BotApi = {
    callApi: (method, payload) => bot.telegram.callApi(method as 'getMe', payload as never),
  };
  const limiter = new RateLimiter({
    perChatPerSecond: telegram.ratePerChat,
    perChatBurst: TELEGRAM_LIMITS.perChatBurst,
    globalPerSecond: telegram.rateGlobal,
    globalBurst: Math.max(TELEGRAM_LIMITS.globalBurst, telegram.rateGlobal),
    ...options.limits,
  });
  const queue = new KeyedQueue();
  const downloadMedia = options.attachments
    ? createTelegramMediaDownloader({
        api,
        apiRoot: telegram.apiRoot,
        token: telegram.token,
        store: options.attachments,
        maxBytes: telegram.maxDownloadBytes ?? 10 * 1024 * 1024,
        logger: log,
      })
    : undefined;
  const processor = new UpdateProcessor({ handler, store, api, limiter, queue, logger: log, downloadMedia });
  const channel = new TelegramChannel({ api, limiter, queue, logger: log });

  let stopped = false;
  const wake = new AbortController();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  // Polling confirms a batch to Telegram whatever happened to it, so a failed update is retried here
  // (the core replays its stored answer); a webhook answers 500 instead and Telegram delivers again.
  const retryTimers = new Set<NodeJS.Timeout>();
  const processWithRetries = async (update: unknown, attempt: number): Promise<void> => {
    try {
      await processor.process(update);
    } catch (error) {
      // never let telegraf's default handler see it: it would end polling
      log.error({ err: error instanceof Error ? error.message : String(error), attempt }, 'telegram update failed');
      if (attempt >= POLLING_RETRY_DELAYS_MS.length || stopped) return;
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        void processWithRetries(update, attempt + 1);
      }, POLLING_RETRY_DELAYS_MS[attempt]);
      retryTimers.add(timer);
    }
  };
  bot.use((ctx) => processWithRetries(ctx.update, 0));
  bot.catch((error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'telegraf error'));

  const connect = async (): Promise<void> => {
    const me = (await callTelegram(api, 'getMe', {})) as { username?: string; id: number };
    bot.botInfo = me as typeof bot.botInfo;
    if (mode === 'webhook') {
      await callTelegram(api, 'setWebhook', {
        url: telegram.webhookUrl,
        secret_token: telegram.webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
        drop_pending_updates: false,
      });
      log.info({ bot: me.username }, 'telegram webhook registered');
      markReady();
      return;
    }
    // resolves only when polling ends; a failure of getUpdates (409 conflict, 401) rejects it
    await bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false }, () => {
      log.info({ bot: me.username }, 'telegram long polling started');
      markReady();
    });
  };

  // losing the lead (the instance's database connection broke) stops polling; the loop then waits to lead again
  options.pollingLeadership?.onLost(() => {
    if (mode !== 'polling' || stopped) return;
    log.warn('no longer the polling instance; polling stops');
    try {
      bot.stop('leadership lost');
    } catch {
      // not polling yet
    }
  });
  const untilLeading = async (): Promise<void> => {
    if (mode !== 'polling' || !options.pollingLeadership) return;
    const stoppedMeanwhile = new Promise<void>((resolve) => wake.signal.addEventListener('abort', () => resolve()));
    log.info('waiting to become the polling instance');
    await Promise.race([options.pollingLeadership.acquired(), stoppedMeanwhile]);
  };

  const running = (async () => {
    let delay = 1000;
    while (!stopped) {
      try {
        await untilLeading();
        if (stopped) return;
        await connect();
        if (mode === 'webhook' || stopped) return;
        log.warn('telegram polling ended unexpectedly; restarting');
      } catch (error) {
        const e = toTelegramError('connect', error);
        if (e instanceof TelegramApiError && (e.errorCode === 401 || e.errorCode === 404)) {
          log.error({ errorCode: e.errorCode }, 'Telegram từ chối TELEGRAM_BOT_TOKEN; kênh Telegram tạm dừng');
          return;
        }
        log.warn({ err: e.message, retryInMs: delay }, 'cannot reach telegram; retrying');
      }
      await pause(delay);
      delay = Math.min(delay * 2, 60_000);
    }
  })();

  const prune = () =>
    store
      .prune(new Date(Date.now() - PRUNE_AFTER_MS))
      .catch((error: unknown) => log.warn({ err: String(error) }, 'pruning telegram updates failed'));
  void prune();
  const pruneTimer = setInterval(() => void prune(), 6 * 3600 * 1000);
  pruneTimer.unref();

  return {
    mode,
    channel,
    processor,
    ready,
    mount: (app) => {
      if (mode === 'webhook' && telegram.webhookSecret) {
        mountTelegramWebhook(app, { paths: webhookPaths, processor, secret: telegram.webhookSecret, logger: log });
      }
    },
    async stop() {
      stopped = true;
      wake.abort();
      clearInterval(pruneTimer);
      for (const timer of retryTimers) clearTimeout(timer);
      try {
        if (mode === 'polling') bot.stop('shutdown');
      } catch {
        // not running (never connected)
      }
      await running;
      await queue.drain();
      await processor.settled();
      agent?.destroy();
    },
  };
}
