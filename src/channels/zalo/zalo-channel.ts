// The Zalo Channel: lets the core or the tickets outbox send a reply to a resident at any time.
import type { Channel, ChannelCapabilities, OutgoingReply } from '../../conversation/types.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { ReplyWindow } from './reply-window.js';
import type { ZaloSender } from './send.js';
import { ZALO_CAPABILITIES } from './to-zalo.js';

/**
 * `send` rejects with ZaloApiError (Zalo said no; -230 outside the reply window carries `details.permanent` and the
 * reason `zalo_window_closed`, so the outbox marks the message for officers instead of retrying) or
 * ZaloNetworkError.
 */
export class ZaloChannel implements Channel {
  readonly name = 'zalo' as const;
  readonly capabilities: ChannelCapabilities = ZALO_CAPABILITIES;

  constructor(private readonly options: { sender: ZaloSender; queue: KeyedQueue }) {}

  send(channelUserId: string, reply: OutgoingReply): Promise<void> {
    return this.options.queue.run(channelUserId, () => this.options.sender.deliver(channelUserId, [reply]));
  }

  /**
   * Where a send to the resident would fall in Zalo's reply window now: within the 8 free replies of the 48 hours
   * after their last message, beyond them (a paid message Zalo may refuse), or closed after 7 days (-230).
   */
  replyWindow(channelUserId: string, now?: Date): Promise<ReplyWindow> {
    return this.options.sender.replyWindow(channelUserId, now);
  }
}
