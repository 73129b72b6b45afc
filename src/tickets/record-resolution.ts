// Use case: the resident's answer to "Vấn đề đã được giải quyết chưa?"; returns the 1–5 rating prompt to send.
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { ratingPrompt } from './messages.js';
import { mayStillDispute } from './second-complaint.js';
import { assertOwner, auditTicketChange, requireTicket, residentActor } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { OutboxPayload, ResidentRef, Ticket } from './types.js';

export interface RecordResolutionOptions {
  code: string;
  resident: Pick<ResidentRef, 'channel' | 'channelUserId'>;
  resolved: boolean;
}

export interface RecordResolutionResult {
  ticket: Ticket;
  /** Next message for the resident: the satisfaction rating (and, if not resolved, a dispute button). */
  reply: OutboxPayload;
}

export async function recordResolution(
  deps: TicketDeps,
  options: RecordResolutionOptions,
): Promise<RecordResolutionResult> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    const residentId = await assertOwner(tx, before, options.resident);
    if (!before.answeredAt)
      throw new AppError('CONFLICT', 'Not answered yet', {
        userMessage: `Yêu cầu ${before.code} chưa có câu trả lời.`,
      });
    const after = await tx.updateTicket(before.id, { residentResolved: options.resolved });
    await auditTicketChange(tx, residentActor(residentId), 'ticket.resolution_reported', before, after, now);
    const withinWindow = mayStillDispute(before, deps.settings, now);
    return { ticket: after, reply: ratingPrompt(after, deps.addressForm ?? 'Bạn', !options.resolved && withinWindow) };
  });
}
