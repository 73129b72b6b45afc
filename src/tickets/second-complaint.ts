// The window for a second-time complaint (Law on Complaints 2011, Art. 33: 30 days, 45 in remote areas, from the day
// the first decision was received or the settlement period ran out), checked and explained when a resident disputes
// the answer to a complaint. Other answers keep the desk's own dispute window (settings/deadlines.yaml).
import { addressWords } from '../conversation/index.js';
import { citeRule } from './deadline-rules.js';
import { appealDeadline, endOfVietnamDay } from './deadlines.js';
import type { AddressForm } from './messages.js';
import { formatDate } from './messages.js';
import type { TicketSettings } from './settings.js';
import { ticketFacts } from './ticket-deadlines.js';
import type { Ticket } from './types.js';

export interface SecondComplaintWindow {
  /** The last day a second-time complaint may be filed (YYYY-MM-DD), and its last instant. */
  lastDay: string;
  endsAt: Date;
  /** The day it runs from (the first decision received, or the end of the settlement period). */
  from: string;
  days: number;
  isRemoteArea: boolean;
  /** "Luật Khiếu nại 2011, Điều 33". */
  basis: string;
  verify: boolean;
}

/** The window of an answered first-time complaint; undefined for any other ticket or without a rule. */
export function secondComplaintWindow(ticket: Ticket, settings: TicketSettings): SecondComplaintWindow | undefined {
  if (ticket.kind !== 'complaint' || ticket.isSecondTime || !ticket.answeredAt) return undefined;
  const appeal = appealDeadline(ticketFacts(ticket, settings), {
    settings: settings.deadlines,
    calendar: settings.calendar,
  });
  if (!appeal?.date || !appeal.rule || appeal.from === null || appeal.days === null) return undefined;
  return {
    lastDay: appeal.date,
    endsAt: endOfVietnamDay(appeal.date),
    from: appeal.from,
    days: appeal.days,
    isRemoteArea: ticket.isRemoteArea,
    basis: citeRule(appeal.rule),
    verify: appeal.rule.verify,
  };
}

/** Until when the answer of `ticket` may be disputed: the Art. 33 window for first-time complaints, else the desk's. */
export function disputeWindowEnd(ticket: Ticket, settings: TicketSettings): Date | undefined {
  if (!ticket.answeredAt) return undefined;
  const window = secondComplaintWindow(ticket, settings);
  if (window) return window.endsAt;
  return new Date(ticket.answeredAt.getTime() + settings.deadlines.disputeWindowDays * 86_400_000);
}

/** Whether the answer of `ticket` may still be disputed at `now`. */
export function mayStillDispute(ticket: Ticket, settings: TicketSettings, now: Date): boolean {
  const end = disputeWindowEnd(ticket, settings);
  return end !== undefined && now.getTime() <= end.getTime();
}

/** What the resident is told about the window while it is open (the offer to dispute, the reopened ticket). */
export function secondComplaintExplanation(window: SecondComplaintWindow, form: AddressForm): string {
  const you = addressWords(form).you;
  return (
    `Theo ${window.basis}, nếu không đồng ý với quyết định giải quyết khiếu nại lần đầu, ${you} có quyền khiếu nại lần hai ` +
    `trong ${window.days} ngày${window.isRemoteArea ? ' (vùng sâu, vùng xa)' : ''} kể từ ngày nhận quyết định ` +
    `(${formatDate(endOfVietnamDay(window.from))}): hạn cuối là hết ngày ${formatDate(window.endsAt)}. ` +
    `Yêu cầu mở lại được giải quyết như khiếu nại lần hai.`
  );
}

/** Why a complaint's answer can no longer be disputed, with the law's window and what remains. */
export function secondComplaintClosed(window: SecondComplaintWindow, code: string, form: AddressForm): string {
  const you = addressWords(form).you;
  return (
    `Đã quá thời hạn khiếu nại lần hai đối với yêu cầu ${code}: ${window.days} ngày kể từ ngày nhận quyết định giải quyết ` +
    `lần đầu (${formatDate(endOfVietnamDay(window.from))}), hết ngày ${formatDate(window.endsAt)} (${window.basis}). ` +
    `${form} có thể gửi một yêu cầu mới; nếu có trở ngại khách quan khiến ${you} không khiếu nại được đúng hạn, ` +
    `hãy nêu rõ trong yêu cầu để cán bộ hướng dẫn.`
  );
}
