// Use case: the resident's answered tickets whose answer may still be disputed (for a typed "chưa được giải quyết");
// with a code, only that ticket — someone else's code is refused like an unknown one and counts as a wrong code.
import { addressWords } from '../conversation/index.js';
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { disputeObstacle, disputeRefusal } from './dispute-ticket.js';
import { isDisputed } from './list-tickets.js';
import { assertUnderWrongCodeLimit, rejectWrongCode, wrongCodeBudgets } from './lookup-ticket.js';
import { formatDate } from './messages.js';
import { formatPublicView, toPublicView } from './public-view.js';
import { parseTrackingCode } from './tracking-code.js';
import type { ResidentRef, Ticket } from './types.js';

/** At most this many tickets are offered (one button each), the most recently answered first. */
export const MAX_DISPUTABLE_TICKETS = 5;

export interface ListDisputableTicketsOptions {
  resident: Pick<ResidentRef, 'channel' | 'channelUserId'> & { clientAddress?: string | undefined };
  /** Only this ticket: throws (in Vietnamese) when it is not the resident's or its answer cannot be disputed. */
  code?: string | undefined;
}

export async function listDisputableTickets(
  deps: TicketDeps,
  options: ListDisputableTicketsOptions,
): Promise<Ticket[]> {
  const now = deps.clock.now();
  const form = deps.addressForm ?? 'Bạn';
  if (options.code === undefined) {
    const residentId = await deps.store.findResidentId(options.resident);
    if (residentId === null) return [];
    const answered = await deps.store.listTickets({ residentId, statuses: ['answered', 'closed'], limit: 500 });
    return answered
      .filter((t) => disputeObstacle(t, now, deps.settings) === undefined)
      .sort((a, b) => (b.answeredAt?.getTime() ?? 0) - (a.answeredAt?.getTime() ?? 0))
      .slice(0, MAX_DISPUTABLE_TICKETS);
  }

  const budgets = wrongCodeBudgets(options.resident);
  await assertUnderWrongCodeLimit(deps, budgets, now);
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) {
    return rejectWrongCode(
      deps,
      budgets,
      now,
      new AppError('BAD_INPUT', `Tracking code rejected (${parsed.reason})`, {
        userMessage: `Mã "${options.code.trim()}" không đúng. Mã có dạng PA-2611-7K3QXW; vui lòng kiểm tra lại.`,
      }),
    );
  }
  const ticket = await deps.store.findTicket({ code: parsed.code });
  const residentId = await deps.store.findResidentId(options.resident);
  if (!ticket || residentId === null || ticket.residentId !== residentId) {
    // someone else's ticket gets the very words of an unknown code: nothing about it is said, not even that it exists
    return rejectWrongCode(
      deps,
      budgets,
      now,
      new AppError('NOT_FOUND', ticket ? 'Dispute of a ticket of another resident' : 'No ticket with this code', {
        userMessage:
          `Không tìm thấy yêu cầu ${parsed.code} trong các yêu cầu ${addressWords(form).you} đã gửi qua tài khoản này. ` +
          `Chỉ người gửi yêu cầu mới đề nghị xem xét lại được; ${addressWords(form).you} vui lòng kiểm tra lại mã.`,
      }),
    );
  }
  const obstacle = disputeObstacle(ticket, now, deps.settings);
  if (obstacle === 'not_answered' && isDisputed(ticket)) {
    throw new AppError('CONFLICT', 'Already reopened', {
      userMessage: `Yêu cầu ${ticket.code} đã được mở lại theo đề nghị của ${addressWords(form).you} ngày ${formatDate(ticket.disputedAt)}; cán bộ phụ trách đang xem xét lại.`,
    });
  }
  if (obstacle === 'not_answered') {
    throw new AppError('CONFLICT', 'Nothing to dispute', {
      userMessage:
        `Yêu cầu ${ticket.code} chưa có câu trả lời nên chưa thể đề nghị xem xét lại. Tình trạng hiện tại:\n` +
        formatPublicView(toPublicView(ticket, deps.settings)),
    });
  }
  if (obstacle) throw disputeRefusal(ticket, obstacle, deps.settings, form);
  return [ticket];
}
