// Use case: a reply the channel could not deliver (failed, uncertain, Zalo's window closed) was given to the resident
// by phone instead: the officer marks it so, with a note of the call; the message leaves the failures and the audit
// trail records who called (the note only by its hash: it may hold a phone number).
import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { noFailedMessage } from './retry-ticket-reply.js';
import { actorLabel, assertMayHandle, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor } from './types.js';

export interface MarkReplyDeliveredByPhoneOptions {
  code: string;
  messageId: number;
  actor: Actor;
  /** What was said, when, to whom (required). */
  note: string;
}

export async function markReplyDeliveredByPhone(
  deps: TicketDeps,
  options: MarkReplyDeliveredByPhoneOptions,
): Promise<void> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const note = options.note.trim();
  if (!note)
    throw new AppError('BAD_INPUT', 'Phone note required', {
      userMessage: 'Cần ghi chú cuộc gọi (đã báo cho ai, lúc nào, nội dung chính).',
    });
  if (note.length > 2000)
    throw new AppError('BAD_INPUT', 'Phone note too long', { userMessage: 'Ghi chú cuộc gọi dài quá 2.000 ký tự.' });
  if (!Number.isSafeInteger(options.messageId) || options.messageId <= 0) throw noFailedMessage();
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const ticket = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, ticket);
    const marked = await tx.markOutboxPhoned(ticket.id, options.messageId, { login: options.actor.name, note }, now);
    if (!marked) throw noFailedMessage();
    await tx.appendAudit(
      {
        actor: actorLabel(options.actor),
        action: 'ticket.reply_delivered_by_phone',
        entity: 'ticket',
        entityId: ticket.code,
        before: null,
        after: { message: options.messageId, noteSha256: createHash('sha256').update(note).digest('hex') },
      },
      now,
    );
  });
}
