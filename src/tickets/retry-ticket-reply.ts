// Use case: send again a reply to the resident that failed or may not have arrived — requeued in the outbox by an
// officer who may handle the ticket, audited, and the worker woken.
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { actorLabel, afterCommit, assertMayHandle, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor } from './types.js';

export interface RetryTicketReplyOptions {
  code: string;
  /** The outbox message's id. */
  messageId: number;
  actor: Actor;
}

export function noFailedMessage(): AppError {
  return new AppError('NOT_FOUND', 'No such failed message', {
    userMessage: 'Không có tin nhắn gửi lỗi này (có thể đã được gửi lại hoặc đánh dấu trước đó).',
  });
}

export async function retryTicketReply(deps: TicketDeps, options: RetryTicketReplyOptions): Promise<void> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  if (!Number.isSafeInteger(options.messageId) || options.messageId <= 0) throw noFailedMessage();
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const ticket = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, ticket);
    if (!(await tx.requeueTicketOutbox(ticket.id, options.messageId, now))) throw noFailedMessage();
    await tx.appendAudit(
      {
        actor: actorLabel(options.actor),
        action: 'ticket.reply_retried',
        entity: 'ticket',
        entityId: ticket.code,
        before: null,
        after: { message: options.messageId },
      },
      now,
    );
  });
  afterCommit(deps, true);
}
