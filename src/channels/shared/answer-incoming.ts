// One resident message in, the replies out: asks the core, replays an unsent earlier answer, never throws.
import type { IncomingMessage, MessageHandler, OutgoingReply } from '../../conversation/types.js';
import { toAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { CHANNEL_REPLIES, textReply } from './incoming-guard.js';

/**
 * The core as channels use it. `process` (the real engine has it) tells a duplicate apart and hands back the
 * replies produced the first time; a plain MessageHandler (a test fake) is enough too.
 */
export interface ConversationPort extends MessageHandler {
  process?(message: IncomingMessage): Promise<{
    status: 'processed' | 'duplicate' | 'failed';
    replies: OutgoingReply[];
    previousReplies?: OutgoingReply[] | undefined;
  }>;
}

export interface AnswerIncomingOptions {
  handler: ConversationPort;
  message: IncomingMessage;
  logger: Logger;
}

/**
 * Channels call this only for a message they have not delivered an answer to (their own dedupe comes first),
 * so when the core reports a duplicate, its first answer never reached the resident (killed between the core's
 * commit and the send, or the send failed): the stored replies are sent again.
 * Never throws; message text is never logged (it may hold personal data).
 */
export async function answerIncoming({ handler, message, logger }: AnswerIncomingOptions): Promise<OutgoingReply[]> {
  try {
    if (handler.process) {
      const result = await handler.process(message);
      if (result.status === 'duplicate') {
        logger.info({ channel: message.channel, messageId: message.messageId }, 'replaying the stored answer');
        return result.previousReplies ?? [];
      }
      return result.replies;
    }
    return await handler.handle(message);
  } catch (error) {
    const appError = toAppError(error);
    logger.error(
      { channel: message.channel, messageId: message.messageId, code: appError.code, err: appError.message },
      'conversation failed',
    );
    return [textReply(appError.code === 'INTERNAL' ? CHANNEL_REPLIES.failed : appError.userMessage)];
  }
}
