// Use case: the resident disputes an answer ("chưa được giải quyết") within the dispute window; the ticket
// reopens (in progress) and its officer is notified: the audit trail, a banner atop `tickets list` and
// `tickets list --disputed`. The resident's reason, when given, is personal data kept with the personal part.
import { AppError } from '../shared/errors.js';
import { acknowledgeDeadline, endOfVietnamDay, settleDeadline, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { type AddressForm, disputedMessage } from './messages.js';
import {
  mayStillDispute,
  secondComplaintClosed,
  secondComplaintExplanation,
  secondComplaintWindow,
} from './second-complaint.js';
import type { TicketSettings } from './settings.js';
import { ticketFacts } from './ticket-deadlines.js';
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

/**
 * Why the answer of `ticket` cannot be disputed at `now`; undefined when it can. A first-time complaint's answer may
 * be disputed within the second-complaint window of the Law on Complaints (Art. 33), any other within the desk's
 * dispute window.
 */
export function disputeObstacle(ticket: Ticket, now: Date, settings: TicketSettings): DisputeObstacle | undefined {
  if (!ticket.answeredAt || !['answered', 'closed'].includes(ticket.status)) return 'not_answered';
  if (!mayStillDispute(ticket, settings, now)) return 'window_closed';
  return undefined;
}

/** The error said to the resident for that obstacle (for a complaint: the law's window, its days and its end). */
export function disputeRefusal(
  ticket: Ticket,
  obstacle: DisputeObstacle,
  settings: TicketSettings,
  form: AddressForm,
): AppError {
  if (obstacle === 'not_answered')
    return new AppError('CONFLICT', 'Nothing to dispute', {
      userMessage: `Yêu cầu ${ticket.code} chưa có câu trả lời để đề nghị xem xét lại.`,
    });
  const window = secondComplaintWindow(ticket, settings);
  return new AppError('CONFLICT', 'Dispute window closed', {
    userMessage: window
      ? secondComplaintClosed(window, ticket.code, form)
      : `Đã quá ${settings.deadlines.disputeWindowDays} ngày kể từ ngày trả lời nên không thể mở lại yêu cầu ${ticket.code}. ${form} có thể gửi một yêu cầu mới.`,
  });
}

/** What the law makes of disputing this answer, said before and after reopening; undefined when nothing special. */
export function disputeExplanation(ticket: Ticket, settings: TicketSettings, form: AddressForm): string | undefined {
  const window = secondComplaintWindow(ticket, settings);
  return window ? secondComplaintExplanation(window, form) : undefined;
}

/**
 * The answer deadline of a reopened ticket, from the day of the dispute with the rules in force that day, and
 * whether it is now a second-time complaint: a complaint's answer disputed is settled as one (Law on Complaints 2011,
 * Art. 37: 45 days, 60 complex, 60 / 70 in remote areas); a denunciation gets its base period again; a petition or
 * question its category's days.
 */
function reopenedTerms(
  deps: Pick<TicketDeps, 'settings'>,
  ticket: Ticket,
  now: Date,
): Pick<Ticket, 'dueAt' | 'isSecondTime'> {
  const { settings } = deps;
  const ctx = { settings: settings.deadlines, calendar: settings.calendar };
  const isSecondTime = ticket.kind === 'complaint' || ticket.isSecondTime;
  const facts = ticketFacts(ticket, settings, {
    isSecondTime,
    isComplex: false,
    extensions: 0,
    reopenedOn: vietnamDate(now),
  });
  // a category since removed from the settings: the acknowledgement days of the Law on Citizen Reception
  if (facts.categoryDays === undefined) facts.categoryDays = acknowledgeDeadline(facts, ctx).days ?? undefined;
  const settle = settleDeadline(facts, ctx).date;
  return { dueAt: settle ? endOfVietnamDay(settle) : ticket.dueAt, isSecondTime };
}

export async function disputeTicket(deps: TicketDeps, options: DisputeTicketOptions): Promise<DisputeTicketResult> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const now = deps.clock.now();
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
    const obstacle = disputeObstacle(before, now, deps.settings);
    if (obstacle) throw disputeRefusal(before, obstacle, deps.settings, form);
    // said before the ticket turns second-time: the window is the first decision's
    const explanation = disputeExplanation(before, deps.settings, form);
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
    return { after, reply: disputedMessage(after, form, explanation) };
  });
  return { ticket: result.after, reply: result.reply };
}
