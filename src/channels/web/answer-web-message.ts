// Use case: a resident's web chat message → stored, answered by the core, the answer stored, both returned.

import type { Attachment } from '../../conversation/types.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import { answerIncoming, type ConversationPort } from '../shared/answer-incoming.js';
import type { ChatLine, WebChatStore } from './chat-store.js';
import { readWebInput, toIncoming } from './to-incoming.js';

export interface AnswerWebMessageOptions {
  store: WebChatStore;
  handler: ConversationPort;
  /** Shared with the web Channel: one session's lines are written in order. */
  queue: KeyedQueue;
  logger: Logger;
  sessionId: string;
  /** What the resident typed, or the label of the button pressed. */
  text?: string | undefined;
  /** Payload of the pressed quick-reply button. */
  action?: string | undefined;
  /** The client's id for this message: a retried request with the same id is answered once. */
  clientMessageId?: string | undefined;
  /** The sender's network address key (rate limits only; never stored). */
  clientAddress?: string | undefined;
  /** A photo or file the resident attached, already stored (POST /api/chat/attachments). */
  attachments?: Attachment[] | undefined;
}

/** Returns the resident's line followed by the bot's answer lines. */
export async function answerWebMessage(options: AnswerWebMessageOptions): Promise<ChatLine[]> {
  const { store, handler, queue, logger, sessionId, clientMessageId } = options;
  const input = readWebInput(options);
  return queue.run(sessionId, async () => {
    const { line, isNew } = await store.addResidentLine(sessionId, {
      text: input.shown,
      clientMessageId,
      attachments: options.attachments,
    });
    if (!isNew) {
      const earlier = await store.repliesTo(sessionId, line.id);
      // answered already: send the same answer back; otherwise the first try died midway, so answer now
      if (earlier.length > 0) return [line, ...earlier];
    }
    const replies = await answerIncoming({
      handler,
      logger,
      message: toIncoming({
        sessionId,
        line,
        input,
        clientAddress: options.clientAddress,
        attachments: options.attachments,
      }),
    });
    const lines = await store.addBotLines(
      sessionId,
      replies.map((r) => ({ text: r.text, quickReplies: r.quickReplies, attachments: r.attachments })),
      line.id,
    );
    return [line, ...lines];
  });
}
