// The Telegram Channel: lets the core or the tickets outbox send a reply to a chat at any time.
import type { Channel, ChannelCapabilities, OutgoingReply } from '../../conversation/types.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { type BotApi, sendReply } from './send.js';
import { MAX_MESSAGE_CHARS } from './to-telegram.js';

/** Inline keyboards take every option the core offers; nothing needs numbering. Residents can share a location. */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  textLimit: MAX_MESSAGE_CHARS,
  maxButtons: 100,
  numbersOptions: 'overflow',
  sharesLocation: true,
};

export interface TelegramChannelOptions {
  api: BotApi;
  limiter: RateLimiter;
  queue: KeyedQueue;
  logger: Logger;
}

/**
 * `send` rejects with TelegramApiError (Telegram said no; `isPermanent` for a blocked bot or unknown chat)
 * or TelegramNetworkError (not reached; the message may or may not have arrived).
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  readonly capabilities: ChannelCapabilities = TELEGRAM_CAPABILITIES;

  constructor(private readonly options: TelegramChannelOptions) {}

  send(channelUserId: string, reply: OutgoingReply): Promise<void> {
    const { api, limiter, queue, logger } = this.options;
    return queue.run(channelUserId, () => sendReply({ api, limiter, chatId: channelUserId, reply, logger }));
  }
}
