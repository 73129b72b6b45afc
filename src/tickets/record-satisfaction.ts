// Use case: the resident's 1–5 satisfaction rating of how their ticket was handled (a PAPI measure).
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { thanksForRating } from './messages.js';
import { mayStillDispute } from './second-complaint.js';
import { assertOwner, auditTicketChange, requireTicket, residentActor } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { OutboxPayload, ResidentRef, Ticket } from './types.js';

export interface RecordSatisfactionOptions {
  code: string;
  resident: Pick<ResidentRef, 'channel' | 'channelUserId'>;
  stars: number;
}

export async function recordSatisfaction(
  deps: TicketDeps,
  options: RecordSatisfactionOptions,
): Promise<{ ticket: Ticket; reply: OutboxPayload }> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  if (!Number.isInteger(options.stars) || options.stars < 1 || options.stars > 5)
    throw new AppError('BAD_INPUT', 'Rating out of range', { userMessage: 'Vui lòng chọn mức từ 1 đến 5.' });
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    const residentId = await assertOwner(tx, before, options.resident);
    if (!before.answeredAt)
      throw new AppError('CONFLICT', 'Not answered yet', {
        userMessage: `Yêu cầu ${before.code} chưa có câu trả lời.`,
      });
    const after = await tx.updateTicket(before.id, { satisfaction: options.stars });
    await auditTicketChange(tx, residentActor(residentId), 'ticket.rated', before, after, now);
    // "not resolved", still within the dispute window and not disputed since the answer: keep the way to dispute open
    const mayDispute =
      after.residentResolved === false &&
      (after.status === 'answered' || after.status === 'closed') &&
      mayStillDispute(before, deps.settings, now);
    return { ticket: after, reply: thanksForRating(deps.addressForm ?? 'Bạn', mayDispute ? after.code : undefined) };
  });
}
