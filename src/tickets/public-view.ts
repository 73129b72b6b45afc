// What anyone holding a tracking code may see: status, dates, deadline and the public answer — no personal data,
// not even the resident's own description (it may name people).
import { currentDeadline } from './deadlines.js';
import { deadlineLineText, formatDate } from './messages.js';
import type { TicketSettings } from './settings.js';
import { type DeadlineLine, ticketDeadlineLines } from './ticket-deadlines.js';
import {
  CLOSE_REASON_LABEL,
  type CloseReason,
  KIND_LABEL,
  STATUS_LABEL,
  type Ticket,
  type TicketKind,
  type TicketStatus,
} from './types.js';

export interface PublicTicketView {
  code: string;
  kind: TicketKind;
  kindLabel: string;
  category: string;
  categoryName: string;
  commune: string | null;
  communeName: string | null;
  status: TicketStatus;
  statusLabel: string;
  closeReason: CloseReason | null;
  closeReasonLabel: string | null;
  /** Refusal reason or the body it was forwarded to; written by officers for the resident. */
  statusNote: string | null;
  receivedAt: Date;
  acknowledgeBy: Date;
  dueAt: Date | null;
  currentDeadline: Date | null;
  /** Every dated time limit, each with its own label, in the one order used everywhere. */
  deadlines: DeadlineLine[];
  answeredAt: Date | null;
  closedAt: Date | null;
  publicAnswer: string | null;
  unitName: string | null;
}

export function toPublicView(ticket: Ticket, settings: TicketSettings): PublicTicketView {
  return {
    code: ticket.code,
    kind: ticket.kind,
    kindLabel: KIND_LABEL[ticket.kind],
    category: ticket.category,
    categoryName: settings.categories.find((c) => c.code === ticket.category)?.name ?? ticket.category,
    commune: ticket.commune,
    communeName: ticket.commune ? (settings.places.commune(ticket.commune)?.name ?? null) : null,
    status: ticket.status,
    statusLabel: STATUS_LABEL[ticket.status],
    closeReason: ticket.closeReason,
    closeReasonLabel: ticket.closeReason ? CLOSE_REASON_LABEL[ticket.closeReason] : null,
    statusNote: ticket.status === 'refused' || ticket.status === 'forwarded' ? ticket.statusNote : null,
    receivedAt: ticket.receivedAt,
    acknowledgeBy: ticket.acknowledgeBy,
    dueAt: ticket.dueAt,
    currentDeadline: currentDeadline(ticket),
    deadlines: ticketDeadlineLines(ticket, settings),
    answeredAt: ticket.answeredAt,
    closedAt: ticket.closedAt,
    publicAnswer: ticket.publicAnswer,
    unitName: settings.routing.units.find((u) => u.code === ticket.unitCode)?.name ?? null,
  };
}

/** The lookup answer as a chat message. */
export function formatPublicView(view: PublicTicketView): string {
  const lines = [
    `Mã ${view.code} — ${view.kindLabel} (${view.categoryName}${view.communeName ? `, ${view.communeName}` : ''})`,
    `Tình trạng: ${view.statusLabel}${view.closeReasonLabel ? ` — ${view.closeReasonLabel}` : ''}`,
    // the date of receipt, then each time limit under its own label: the order of the receipt and `tickets show`
    `Ngày tiếp nhận: ${formatDate(view.receivedAt)}`,
    ...view.deadlines.map(deadlineLineText),
  ];
  if (view.unitName) lines.push(`Đơn vị xử lý: ${view.unitName}`);
  if (view.statusNote) lines.push(`${view.status === 'refused' ? 'Lý do' : 'Chuyển đến'}: ${view.statusNote}`);
  if (view.answeredAt) lines.push(`Ngày trả lời: ${formatDate(view.answeredAt)}`);
  if (view.publicAnswer) lines.push(`Nội dung trả lời:\n${view.publicAnswer}`);
  if (view.closedAt) lines.push(`Ngày đóng: ${formatDate(view.closedAt)}`);
  return lines.join('\n');
}
