// Delivers an OutgoingReply through the Bot API: converted calls, paced by the rate limiter, 429s retried after
// retry_after (with every chat paused meanwhile).
import type { OutgoingReply } from '../../conversation/types.js';
import type { Logger } from '../../shared/logger.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { TelegramApiError, toTelegramError } from './errors.js';
import { toTelegramCalls } from './to-telegram.js';

/** The one thing needed from a Bot API client (telegraf's `bot.telegram` in production). */
export interface BotApi {
  callApi(method: string, payload: Record<string, unknown>): Promise<unknown>;
}

/** Calls one method; failures come back as TelegramApiError or TelegramNetworkError. */
export async function callTelegram(api: BotApi, method: string, payload: Record<string, unknown>): Promise<unknown> {
  try {
    return await api.callApi(method, payload);
  } catch (error) {
    throw toTelegramError(method, error);
  }
}

export interface SendReplyOptions {
  api: BotApi;
  limiter: RateLimiter;
  chatId: string;
  reply: OutgoingReply;
  logger: Logger;
  /** Tries per call when Telegram answers 429 (default 5). */
  maxAttempts?: number;
  /** Longest retry_after honoured by waiting, in seconds (default 300); longer ones fail the send. */
  maxRetryAfterSeconds?: number;
}

/**
 * Sends every part of the reply in order. Only a 429 is retried: Telegram did not take the message,
 * so retrying cannot double it. A network failure is not retried here, because the message may have
 * arrived; the caller decides (the outbox retries with its own dedupe).
 */
export async function sendReply(options: SendReplyOptions): Promise<void> {
  const { api, limiter, chatId, reply, logger } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 300;
  const { calls, dropped } = toTelegramCalls(chatId, reply);
  if (dropped.length > 0) {
    logger.warn(
      { actions: dropped.map((d) => d.action.slice(0, 80)) },
      'quick replies dropped: action is not valid callback_data',
    );
  }
  for (const call of calls) {
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire(chatId);
      try {
        await callTelegram(api, call.method, call.payload);
        break;
      } catch (error) {
        if (!(error instanceof TelegramApiError) || error.errorCode !== 429) throw error;
        const retryAfter = error.retryAfter ?? 1;
        if (attempt >= maxAttempts || retryAfter > maxRetryAfter) throw error;
        logger.warn({ method: call.method, retryAfter, attempt }, 'telegram asked to slow down');
        limiter.pause(chatId, retryAfter * 1000);
        // Telegram's flood control is per bot and every 429 it sends carries retry_after, so any 429 of a second
        // or more pauses every chat: sending to the others meanwhile only earns more 429s (and longer bans).
        // A 429 without retry_after (not from Telegram itself) waits a second on this chat only.
        if (error.retryAfter !== undefined && error.retryAfter >= 1) limiter.pauseAll(retryAfter * 1000);
      }
    }
  }
}
