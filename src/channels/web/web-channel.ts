// The web chat Channel: a later delivery (an officer's answer from the outbox) is appended to the session's transcript.
import type { Channel, ChannelCapabilities, OutgoingReply } from '../../conversation/types.js';
import { AppError, isAppError } from '../../shared/errors.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { ChatEvents } from './chat-events.js';
import type { WebChatStore } from './chat-store.js';

/** The page shows every button and scrolls long text; it has no way to share a location. */
export const WEB_CAPABILITIES: ChannelCapabilities = {
  textLimit: 100_000,
  maxButtons: 100,
  numbersOptions: 'never',
  sharesLocation: false,
};

/**
 * Open pages get the new lines pushed at once (chat events); others pick them up when they next ask. For a session
 * that no longer exists `send` rejects with CHANNEL_FAILED and `details.permanent` (the tickets outbox then flags it
 * instead of retrying).
 */
export class WebChannel implements Channel {
  readonly name = 'web' as const;
  readonly capabilities: ChannelCapabilities = WEB_CAPABILITIES;

  constructor(private readonly options: { store: WebChatStore; queue: KeyedQueue; events?: ChatEvents | undefined }) {}

  async send(channelUserId: string, reply: OutgoingReply): Promise<void> {
    const { store, queue } = this.options;
    try {
      await queue.run(channelUserId, () =>
        store.addBotLines(
          channelUserId,
          [{ text: reply.text, quickReplies: reply.quickReplies, attachments: reply.attachments }],
          null,
        ),
      );
      this.options.events?.notify(channelUserId);
    } catch (error) {
      if (!isAppError(error, 'NOT_FOUND')) throw error;
      // the resident deleted the conversation (or it expired): retrying cannot help, staff must use another route
      throw new AppError('CHANNEL_FAILED', 'web chat session no longer exists', {
        cause: error,
        details: { permanent: true, reason: 'web_session_gone' },
      });
    }
  }
}
