// Use case: an officer moves a ticket along its lifecycle (accept, refuse, forward, start, close). The change,
// its audit row and the message to the resident commit together.
import { AppError } from '../shared/errors.js';
import { endOfVietnamDay, notifyDeadline, settleDeadline, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { canTransition, TRANSITIONS } from './lifecycle.js';
import { statusChangedMessage } from './messages.js';
import { ticketDeadlineLines, ticketFacts } from './ticket-deadlines.js';
import { afterCommit, assertMayHandle, auditTicketChange, queueToResident, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import {
  type Actor,
  CLOSE_REASONS,
  type CloseReason,
  STATUS_LABEL,
  type Ticket,
  type TicketPatch,
  type TicketStatus,
} from './types.js';

export interface ChangeTicketStatusOptions {
  code: string;
  to: TicketStatus;
  actor: Actor;
  /** Required for refused (why) and forwarded (to which body); optional note otherwise. Shown to the resident. */
  reason?: string | undefined;
  /** Required when closing. */
  closeReason?: CloseReason | undefined;
  /** On acceptance: facts that change a complaint's or denunciation's legal time limit. */
  isComplex?: boolean | undefined;
  isSecondTime?: boolean | undefined;
}

function bad(message: string, userMessage: string): AppError {
  return new AppError('BAD_INPUT', message, { userMessage });
}

export async function changeTicketStatus(deps: TicketDeps, options: ChangeTicketStatusOptions): Promise<Ticket> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw bad('Invalid code', `Mã "${options.code}" không đúng.`);
  const to = options.to;
  if (to === 'answered') throw bad('Use answerTicket', 'Dùng lệnh trả lời (reply) để gửi câu trả lời cho người dân.');
  if ((to === 'refused' || to === 'forwarded') && !options.reason?.trim())
    throw bad(
      'Reason required',
      to === 'refused' ? 'Cần ghi lý do không thụ lý (--reason).' : 'Cần ghi cơ quan được chuyển đến (--reason).',
    );
  if (to === 'closed' && (!options.closeReason || !CLOSE_REASONS.includes(options.closeReason)))
    throw bad('Close reason required', `Cần chọn kết quả khi đóng: ${CLOSE_REASONS.join(', ')}.`);

  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, before);
    if (!canTransition(before.status, to)) {
      const allowed = TRANSITIONS[before.status].filter((s) => s !== 'in_progress' || before.status !== 'answered');
      throw new AppError('CONFLICT', `Transition ${before.status} → ${to} not allowed`, {
        userMessage: `Không thể chuyển từ "${STATUS_LABEL[before.status]}" sang "${STATUS_LABEL[to]}". ${
          allowed.length ? `Có thể chuyển sang: ${allowed.map((s) => STATUS_LABEL[s]).join(', ')}.` : 'Yêu cầu đã đóng.'
        }`,
      });
    }
    if (to === 'in_progress' && before.status === 'answered')
      throw new AppError('CONFLICT', 'Reopen through a dispute', {
        userMessage: 'Yêu cầu đã trả lời chỉ được mở lại khi người dân đề nghị xem xét lại.',
      });
    const patch: TicketPatch = { status: to };
    if (options.reason?.trim()) patch.statusNote = options.reason.trim();
    if (['accepted', 'refused', 'forwarded', 'in_progress'].includes(to) && before.acknowledgedAt === null)
      patch.acknowledgedAt = now;
    if (to === 'accepted' || (to === 'in_progress' && before.status === 'received')) {
      const isComplex = options.isComplex ?? before.isComplex;
      const isSecondTime = options.isSecondTime ?? before.isSecondTime;
      patch.isComplex = isComplex;
      patch.isSecondTime = isSecondTime;
      if (before.kind === 'complaint' || before.kind === 'denunciation') {
        // the legal period runs from acceptance (thụ lý), by the rules in force on the day of receipt
        const facts = ticketFacts(before, deps.settings, {
          isComplex,
          isSecondTime,
          acceptedOn: vietnamDate(now),
          reopenedOn: null,
        });
        const ctx = { settings: deps.settings.deadlines, calendar: deps.settings.calendar };
        const settle = settleDeadline(facts, ctx).date;
        if (settle) patch.dueAt = endOfVietnamDay(settle);
        // the denouncer is told of the acceptance within 5 working days (Law on Denunciations 2018, Art. 29)
        const notify = notifyDeadline(facts, ctx)?.date;
        if (notify) patch.notifyBy = endOfVietnamDay(notify);
      }
    }
    if (to === 'closed') {
      patch.closeReason = options.closeReason as CloseReason;
      patch.closedAt = now;
    }
    let after = await tx.updateTicket(before.id, patch);
    const queued = await queueToResident(
      tx,
      after,
      `ticket:${after.id}:status:${to}:${now.getTime()}`,
      statusChangedMessage(after, before.status, deps.addressForm ?? 'Bạn', ticketDeadlineLines(after, deps.settings)),
      now,
    );
    // the acceptance message is the denouncer's notice of it: record when it left, for the notice deadline
    if (queued && patch.notifyBy && !after.notifiedAt) after = await tx.updateTicket(after.id, { notifiedAt: now });
    await auditTicketChange(tx, options.actor, `ticket.${to}`, before, after, now);
    return { after, queued };
  });
  afterCommit(deps, result.queued);
  return result.after;
}
