// Answers a typed dispute ("vẫn chưa được giải quyết") through the tickets port: a confirmation with buttons, never the dispute itself.
import type { DialogueContext, Say } from './dialogues/dialogue.js';
import type { TicketDesk } from './ports.js';
import type { Replies } from './replies.js';

export interface OfferDisputeOptions {
  tickets: TicketDesk;
  replies: Replies;
  /** The tracking code typed with the dispute, if any. */
  code?: string | undefined;
  ctx: Pick<DialogueContext, 'resident'>;
}

export async function offerDispute({ tickets, replies, code, ctx }: OfferDisputeOptions): Promise<Say[]> {
  const result = await tickets.offerDispute({
    code,
    residentId: ctx.resident.id,
    channel: ctx.resident.channel,
    channelUserId: ctx.resident.channelUserId,
    clientAddress: ctx.resident.clientAddress,
  });
  switch (result.kind) {
    case 'reply':
      return [{ text: result.text, quickReplies: result.quickReplies ?? [], attachments: [] }];
    case 'invalid_code':
      return [replies.trackInvalid(code ?? '')];
    case 'rate_limited':
      return [replies.trackRateLimited(result.retryAfterSeconds)];
  }
}
