// Use case: one tap on "Chuyển câu hỏi cho cán bộ" — the question the bot could not answer becomes a ticket of kind
// `question` at once: no commune, no name or phone, linked to the resident's chat so the officer's answer comes back
// there. That link is what the service asked for needs (not a consent), and the reply says so. Idempotent on the
// pressing message; the tracking code goes out exactly once, through the outbox row createTicket commits.
import { createTicket } from './create-ticket.js';
import type { TicketDeps } from './deps.js';
import { questionFiledMessage } from './messages.js';
import type { ResidentRef, Ticket } from './types.js';

/** Category of a one-tap question; `khac` (or the first category) where a deployment has no such category. */
export const QUESTION_CATEGORY = 'thu-tuc-hanh-chinh';

export interface FileQuestionOptions {
  /** The question as the resident asked it. */
  question: string;
  resident: Pick<ResidentRef, 'channel' | 'channelUserId'>;
  /** Channel + message id of the button press: a redelivery or a redone turn files nothing more. */
  sourceKey: string;
}

export interface FileQuestionResult {
  ticket: Ticket;
  /** false when this press had already filed it. */
  created: boolean;
  /** What to say in the chat now (the code follows in its own message, from the outbox). */
  reply: string;
}

export async function fileQuestion(deps: TicketDeps, options: FileQuestionOptions): Promise<FileQuestionResult> {
  const { categories } = deps.settings;
  const category =
    categories.find((c) => c.code === QUESTION_CATEGORY) ?? categories.find((c) => c.code === 'khac') ?? categories[0];
  const { ticket, created } = await createTicket(deps, {
    kind: 'question',
    category: category?.code ?? QUESTION_CATEGORY,
    commune: null,
    description: options.question,
    resident: { channel: options.resident.channel, channelUserId: options.resident.channelUserId },
    sourceKey: options.sourceKey,
  });
  return { ticket, created, reply: questionFiledMessage(deps.addressForm ?? 'Bạn') };
}
