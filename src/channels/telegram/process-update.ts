// Handles one Telegram update end to end: convert, dedupe by update_id, ask the core, send the replies.

import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import { answerIncoming, type ConversationPort } from '../shared/answer-incoming.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import type { MediaDownloader } from './download-media.js';
import { TelegramApiError } from './errors.js';
import { type BotApi, callTelegram, sendReply } from './send.js';
import { toIncoming } from './to-incoming.js';
import type { TelegramUpdateStore } from './update-store.js';

export interface UpdateProcessorOptions {
  handler: ConversationPort;
  store: TelegramUpdateStore;
  api: BotApi;
  limiter: RateLimiter;
  /** Shared with the Telegram Channel, so an officer's answer never lands between the parts of another reply. */
  queue: KeyedQueue;
  logger: Logger;
  /** Keeps photos and documents in the attachment store before the core sees the message (absent: file ids only). */
  downloadMedia?: MediaDownloader | undefined;
  /** Show "typing…" when the core takes longer than this (ms; default 1000). */
  typingAfterMs?: number;
}

export type ProcessOutcome = 'answered' | 'duplicate' | 'ignored';

/**
 * Processes updates from polling or the webhook. A repeated update_id is processed once; if handling fails
 * before the replies are out, the claim is released so Telegram's redelivery can try again.
 */
export class UpdateProcessor {
  /** "Done" marks on their way to the database (batched): a stop waits for them. */
  private readonly completing = new Set<Promise<void>>();

  constructor(private readonly options: UpdateProcessorOptions) {}

  /**
   * Resolves once every update handled so far is marked done. A process stopped right after answering otherwise left
   * its updates "processing", and the next process answered Telegram's redelivery of them again.
   */
  async settled(): Promise<void> {
    while (this.completing.size > 0) await Promise.all([...this.completing]);
  }

  async process(update: unknown): Promise<ProcessOutcome> {
    const { store, logger } = this.options;
    const inbound = toIncoming(update);
    if (inbound.kind === 'ignore') {
      logger.debug({ updateId: inbound.updateId, reason: inbound.reason }, 'telegram update ignored');
      return 'ignored';
    }
    const { updateId, chatId } = inbound;
    if ((await store.claim(updateId)) === 'duplicate') {
      logger.info({ updateId }, 'telegram update already processed');
      return 'duplicate';
    }
    try {
      if (inbound.callbackQueryId !== undefined)
        this.acknowledgePress(chatId, inbound.callbackQueryId, inbound.pressedMessageId);
      await this.options.queue.run(chatId, async () => {
        const message = this.options.downloadMedia
          ? await this.options.downloadMedia(inbound.message)
          : inbound.message;
        const replies = await this.withTyping(chatId, () =>
          answerIncoming({ handler: this.options.handler, message, logger }),
        );
        for (const reply of replies) {
          await sendReply({ api: this.options.api, limiter: this.options.limiter, chatId, reply, logger });
        }
      });
    } catch (error) {
      if (error instanceof TelegramApiError && error.isPermanent) {
        // blocked by the resident, chat gone…: a redelivery would fail the same way
        logger.warn({ updateId, method: error.method, errorCode: error.errorCode }, 'telegram refused the reply');
        this.complete(updateId);
        return 'answered';
      }
      await store.release(updateId).catch(() => undefined);
      throw error;
    }
    this.complete(updateId);
    return 'answered';
  }

  /**
   * Not awaited here: answering the webhook (or polling again) does not need to wait for the mark. A stop does
   * (`settled`): the mark matters when Telegram delivers the update again to the next process.
   */
  private complete(updateId: number): void {
    const done = this.options.store
      .complete(updateId)
      .catch((error: unknown) => {
        this.options.logger.warn({ updateId, err: String(error) }, 'could not mark telegram update done');
      })
      .finally(() => this.completing.delete(done));
    this.completing.add(done);
  }

  /** Stops the button's spinner and removes the pressed keyboard, so one press is one answer. Best effort. */
  private acknowledgePress(chatId: string, callbackQueryId: string, pressedMessageId: number | undefined): void {
    const { api, logger } = this.options;
    const warn = (method: string) => (error: unknown) =>
      logger.warn({ method, err: error instanceof Error ? error.message : String(error) }, 'telegram call failed');
    callTelegram(api, 'answerCallbackQuery', { callback_query_id: callbackQueryId }).catch(warn('answerCallbackQuery'));
    if (pressedMessageId !== undefined) {
      callTelegram(api, 'editMessageReplyMarkup', {
        chat_id: chatId,
        message_id: pressedMessageId,
        reply_markup: { inline_keyboard: [] },
      }).catch(warn('editMessageReplyMarkup'));
    }
  }

  private async withTyping<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    const timer = setTimeout(() => {
      callTelegram(this.options.api, 'sendChatAction', { chat_id: chatId, action: 'typing' }).catch(() => undefined);
    }, this.options.typingAfterMs ?? 1000);
    try {
      return await task();
    } finally {
      clearTimeout(timer);
    }
  }
}
