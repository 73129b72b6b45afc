// The Zalo Channel: lets the core or the tickets outbox send a reply to a resident at any time.
import type { Channel, ChannelCapabilities, OutgoingReply } from '../../conversation/types.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
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
}
