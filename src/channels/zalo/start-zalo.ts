// The thin I/O shell: the client, the token manager, pacing, the processor, the Channel and the webhook route.
import type { Hono } from 'hono';
import type { Config } from '../../config/index.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationPort } from '../shared/answer-incoming.js';
import type { AttachmentStore } from '../shared/attachments.js';
import { RateLimiter, type RateLimiterOptions } from '../shared/rate-limiter.js';
import { createZaloClient, type ZaloClient } from './client.js';
import { type HeldAnswers, ZaloEventProcessor } from './process-event.js';
import { ZaloSender } from './send.js';
import type { ZaloEventStore, ZaloResidentStore } from './state-store.js';
import type { ZaloTokenStore } from './token-store.js';
import { ZaloTokenManager, type ZaloTokenState } from './tokens.js';
import { mountZaloWebhook } from './webhook-route.js';
import { ZaloChannel } from './zalo-channel.js';

const PRUNE_AFTER_MS = 8 * 24 * 3600 * 1000;
/** Pauses before retrying an event whose processing failed (Zalo got its 200 already and will not resend). */
const RETRY_DELAYS_MS = [1000, 5000, 30_000];

export interface StartZaloOptions {
  zalo: Config['zalo'];
  handler: ConversationPort;
  tokenStore: ZaloTokenStore;
  events: ZaloEventStore;
  residents: ZaloResidentStore;
  logger: Logger;
  attachments?: AttachmentStore | undefined;
  heldAnswers?: HeldAnswers | undefined;
  limits?: Partial<RateLimiterOptions>;
  /** Tests: another client (the real one is made from the config). */
  client?: ZaloClient;
  /** TEST ONLY: called right after a refreshed pair is stored. */
  afterTokenStore?: () => void;
}

export interface ZaloRuntime {
  channel: ZaloChannel;
  processor: ZaloEventProcessor;
  tokens: ZaloTokenManager;
  mount(app: Hono): void;
  /** Resolves when every event taken in so far has been processed (tests, shutdown). */
  drain(): Promise<void>;
  status(): Promise<ZaloTokenState>;
  stop(): Promise<void>;
}

export function startZalo(options: StartZaloOptions): ZaloRuntime {
  const { zalo, handler, tokenStore, events, residents } = options;
  if (!zalo.appId || !zalo.appSecret || !zalo.oaSecretKey) throw new Error('startZalo needs the app id and secrets');
  const log = options.logger.child({ channel: 'zalo' });
  const client =
    options.client ??
    createZaloClient({
      apiBase: zalo.apiBase,
      oauthBase: zalo.oauthBase,
      appId: zalo.appId,
      appSecret: zalo.appSecret,
    });
  const tokens = new ZaloTokenManager({
    client,
    store: tokenStore,
    seedRefreshToken: zalo.refreshToken,
    logger: log,
    afterStore: options.afterTokenStore,
  });
  const limiter = new RateLimiter({
    perChatPerSecond: zalo.ratePerUser,
    perChatBurst: 5,
    globalPerSecond: zalo.rateGlobal,
    globalBurst: zalo.rateGlobal,
    ...options.limits,
  });
  const queue = new KeyedQueue();
  const sender = new ZaloSender({ client, tokens, limiter, residents, logger: log });
  const processor = new ZaloEventProcessor({
    handler,
    events,
    residents,
    sender,
    queue,
    logger: log,
    attachments: options.attachments,
    maxDownloadBytes: zalo.maxDownloadBytes,
    heldAnswers: options.heldAnswers,
  });
  const channel = new ZaloChannel({ sender, queue });
  // a broken chain is reported at start-up, loudly, without stopping anything else
  tokens.init().catch((error: unknown) => log.error({ err: String(error) }, 'zalo token store unreadable'));

  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const run = (event: unknown, receivedAt: Date, attempt: number): void => {
    const task = processor
      .process(event, receivedAt)
      .then(() => undefined)
      .catch((error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error), attempt }, 'zalo event failed');
        if (attempt >= RETRY_DELAYS_MS.length || stopped) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          run(event, receivedAt, attempt + 1);
        }, RETRY_DELAYS_MS[attempt]);
        timers.add(timer);
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const prune = () =>
    events
      .prune(new Date(Date.now() - PRUNE_AFTER_MS))
      .catch((error: unknown) => log.warn({ err: String(error) }, 'pruning zalo events failed'));
  void prune();
  const pruneTimer = setInterval(() => void prune(), 6 * 3600 * 1000);
  pruneTimer.unref();

  const drain = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
    await processor.settled();
  };
  return {
    channel,
    processor,
    tokens,
    mount(app) {
      mountZaloWebhook(app, {
        appId: zalo.appId as string,
        oaSecretKey: zalo.oaSecretKey as string,
        maxAgeMs: zalo.webhookMaxAgeMs,
        accept: (event, receivedAt) => run(event, receivedAt, 0),
        logger: log,
      });
    },
    drain,
    status: () => tokens.status(),
    async stop() {
      stopped = true;
      clearInterval(pruneTimer);
      for (const timer of timers) clearTimeout(timer);
      await drain();
      await queue.drain();
    },
  };
}
