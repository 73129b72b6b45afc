// Use case: the resident says what is still wrong after reopening a ticket (the step after the dispute button).
// The words are personal data kept with the personal part; the audit trail records only that a reason was given.
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { MAX_DISPUTE_REASON } from './dispute-ticket.js';
import { isDisputed } from './list-tickets.js';
import { assertOwner, auditTicketChange, requireTicket, residentActor } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { ResidentRef, Ticket } from './types.js';

export interface GiveDisputeReasonOptions {
  code: string;
  resident: Pick<ResidentRef, 'channel' | 'channelUserId'>;
  reason: string;
}

export async function giveDisputeReason(deps: TicketDeps, options: GiveDisputeReasonOptions): Promise<Ticket> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const reason = options.reason.normalize('NFC').trim().slice(0, MAX_DISPUTE_REASON);
  if (!reason)
    throw new AppError('BAD_INPUT', 'Empty reason', {
      userMessage: 'Lý do trống: vui lòng nhập vài dòng, hoặc bấm Bỏ qua.',
    });
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const ticket = await requireTicket(tx, parsed.code, { lock: true });
    const residentId = await assertOwner(tx, ticket, options.resident);
    // answered again meanwhile: the reason would be read as being about the new answer
    if (!isDisputed(ticket))
      throw new AppError('CONFLICT', 'Not disputed', {
        userMessage: `Yêu cầu ${ticket.code} không còn chờ xem xét lại nên chưa ghi lý do này.`,
      });
    // the same words again (a redelivered message, a redone step): already recorded, no second audit row
    if ((await tx.getPersonal(ticket.id))?.disputeReason === reason) return ticket;
    await tx.setDisputeReason(ticket.id, reason);
    await auditTicketChange(tx, residentActor(residentId), 'ticket.dispute_reason', ticket, ticket, now, {
      residentGaveReason: true,
    });
    return ticket;
  });
}
