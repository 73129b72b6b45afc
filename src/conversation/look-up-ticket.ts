// Looks up a tracking code through the tickets port and words the outcome for the resident.
import type { DialogueContext, Say } from './dialogues/dialogue.js';
import type { TicketDesk } from './ports.js';
import type { Replies } from './replies.js';

export interface LookUpTicketOptions {
  tickets: TicketDesk;
  replies: Replies;
  code: string;
  ctx: Pick<DialogueContext, 'resident'>;
}

export async function lookUpTicket({ tickets, replies, code, ctx }: LookUpTicketOptions): Promise<Say[]> {
  const result = await tickets.lookupTicket({
    code,
    residentId: ctx.resident.id,
    channel: ctx.resident.channel,
    channelUserId: ctx.resident.channelUserId,
    clientAddress: ctx.resident.clientAddress,
  });
  switch (result.kind) {
    case 'found':
      return [{ text: result.text, quickReplies: result.quickReplies ?? [], attachments: [] }];
    case 'not_found':
      return [replies.trackNotFound(code)];
    case 'invalid_code':
      return [replies.trackInvalid(code)];
    case 'rate_limited':
      return [replies.trackRateLimited(result.retryAfterSeconds)];
  }
}
