// Use case: the resident disputes an answer ("chưa được giải quyết") within the dispute window; the ticket
// reopens (in progress) and its officer is notified: the audit trail, a banner atop `tickets list` and
// `tickets list --disputed`. The resident's reason, when given, is personal data kept with the personal part.
import { AppError } from '../shared/errors.js';
import { answerDeadlineDate, endOfVietnamDay, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { type AddressForm, disputedMessage } from './messages.js';
import { assertOwner, auditTicketChange, requireTicket, residentActor } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { OutboxPayload, ResidentRef, Ticket } from './types.js';

export interface DisputeTicketOptions {
  code: string;
  resident: Pick<ResidentRef, 'channel' | 'channelUserId'>;
  /** What is still wrong, in the resident's words (optional; not published; erased with their personal data). */
  reason?: string | undefined;
}

/** Longer reasons are cut: the officer needs the gist, the ticket already holds the story. */
export const MAX_DISPUTE_REASON = 1000;

export interface DisputeTicketResult {
  ticket: Ticket;
  reply: OutboxPayload;
}

export type DisputeObstacle = 'not_answered' | 'window_closed';

/** Why the answer of `ticket` cannot be disputed at `now`; undefined when it can. */
export function disputeObstacle(ticket: Ticket, now: Date, windowDays: number): DisputeObstacle | undefined {
  if (!ticket.answeredAt || !['answered', 'closed'].includes(ticket.status)) return 'not_answered';
  if (now.getTime() - ticket.answeredAt.getTime() > windowDays * 86_400_000) return 'window_closed';
  return undefined;
}

/** The error said to the resident for that obstacle. */
export function disputeRefusal(
  ticket: Ticket,
  obstacle: DisputeObstacle,
  windowDays: number,
  form: AddressForm,
): AppError {
  return obstacle === 'not_answered'
    ? new AppError('CONFLICT', 'Nothing to dispute', {
        userMessage: `Yêu cầu ${ticket.code} chưa có câu trả lời để đề nghị xem xét lại.`,
      })
    : new AppError('CONFLICT', 'Dispute window closed', {
        userMessage: `Đã quá ${windowDays} ngày kể từ ngày trả lời nên không thể mở lại yêu cầu ${ticket.code}. ${form} có thể gửi một yêu cầu mới.`,
      });
}

/**
 * The answer deadline of a reopened ticket, from the day of the dispute, and whether it is now a second-time
 * complaint: a complaint's answer disputed is settled as one (Law on Complaints 2011, Art. 37: 45 days, 60 complex,
 * 60 / 70 in remote areas); a denunciation gets its base period again; a petition or question its category's days.
 */
function reopenedTerms(
  deps: Pick<TicketDeps, 'settings'>,
  ticket: Ticket,
  now: Date,
): Pick<Ticket, 'dueAt' | 'isSecondTime'> {
  const { calendar, deadlines, categories } = deps.settings;
  const category = categories.find((c) => c.code === ticket.category);
  const isSecondTime = ticket.kind === 'complaint' || ticket.isSecondTime;
  const dueAt = endOfVietnamDay(
    answerDeadlineDate(
      {
        kind: ticket.kind,
        isRemoteArea: ticket.isRemoteArea,
        isComplex: false,
        isSecondTime,
        extensions: 0,
        // a category since removed from the settings: the general 10 working days (Law on Citizen Reception)
        petitionWorkingDays: category?.petitionAnswerWorkingDays ?? deadlines.acknowledgeWorkingDays,
        fromIso: vietnamDate(now),
      },
      deadlines,
      calendar,
    ),
  );
  return { dueAt, isSecondTime };
}

export async function disputeTicket(deps: TicketDeps, options: DisputeTicketOptions): Promise<DisputeTicketResult> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const now = deps.clock.now();
  const windowDays = deps.settings.deadlines.disputeWindowDays;
  const form = deps.addressForm ?? 'Bạn';
  const reason = options.reason?.normalize('NFC').trim().slice(0, MAX_DISPUTE_REASON) || null;
  const result = await deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    const residentId = await assertOwner(tx, before, options.resident);
    // a redelivered or redone button press: already reopened, say the same again without a second change
    if (
      before.status === 'in_progress' &&
      before.disputedAt &&
      before.answeredAt &&
      before.disputedAt > before.answeredAt
    )
      return { after: before, reply: disputedMessage(before, form) };
    const obstacle = disputeObstacle(before, now, windowDays);
    if (obstacle) throw disputeRefusal(before, obstacle, windowDays, form);
    const after = await tx.updateTicket(before.id, {
      status: 'in_progress',
      disputedAt: now,
      // the old deadline has passed with the answer: the second look gets its own, counted from today
      ...reopenedTerms(deps, before, now),
      residentResolved: false,
      closedAt: null,
      closeReason: null,
    });
    // a reason given for an earlier dispute must not pass for this one's
    await tx.setDisputeReason(before.id, reason);
    await auditTicketChange(tx, residentActor(residentId), 'ticket.disputed', before, after, now, {
      notify: { unit: after.unitCode, assignee: after.assignee },
      // the audit trail is never erased, so it records that a reason was given, not the words
      residentGaveReason: reason !== null,
    });
    // the resident is in the chat pressing the button: the caller sends the reply, no outbox copy
    return { after, reply: disputedMessage(after, form) };
  });
  return { ticket: result.after, reply: result.reply };
}
