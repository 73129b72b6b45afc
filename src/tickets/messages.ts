// What residents read about their tickets (queued in the outbox or returned to the dialogue), in Vietnamese.
import { addressWords } from '../conversation/index.js';
import { vietnamDate } from './deadlines.js';
import type { ResidentTicketData } from './show-resident-personal-data.js';
import type { DeadlineLine } from './ticket-deadlines.js';
import {
  CLOSE_REASON_LABEL,
  KIND_LABEL,
  type OutboxPayload,
  STATUS_LABEL,
  type Ticket,
  type TicketStatus,
} from './types.js';

export type AddressForm = 'Bạn' | 'Quý vị';

/** 2026-02-17 → 17/02/2026 */
export function formatDate(at: Date | null | undefined): string {
  if (!at) return '—';
  const [y, m, d] = vietnamDate(at).split('-');
  return `${d}/${m}/${y}`;
}

/** 2026-02-17T01:30Z → 08:30 17/02/2026 (Việt Nam time). */
export function formatDateTime(at: Date | null | undefined): string {
  if (!at) return '—';
  const hhmm = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
  return `${hhmm} ${formatDate(at)}`;
}

/**
 * One time limit under its own label: "Hạn thụ lý khiếu nại: 16/01/2026", "Hạn trả lời (cam kết của tỉnh): …",
 * with the day it was done when it was.
 */
export function deadlineLineText(line: Pick<DeadlineLine, 'label' | 'date' | 'doneAt'>): string {
  return `${line.label}: ${formatDate(line.date)}${line.doneAt ? ` (đã thực hiện ngày ${formatDate(line.doneAt)})` : ''}`;
}

function text(t: string): OutboxPayload {
  return { text: t, quickReplies: [], attachments: [] };
}

/** Button actions (prefix `tk`, routed by the conversation core to the tickets ActionHandler; each ≤ 64 bytes). */
export const TICKET_ACTION_PREFIX = 'tk';
export const TICKET_ACTIONS = {
  resolved: (code: string) => `tk:resolved:${code}`,
  notResolved: (code: string) => `tk:unresolved:${code}`,
  rate: (code: string, stars: number) => `tk:rate:${code}:${stars}`,
  dispute: (code: string) => `tk:dispute:${code}`,
  lookup: (code: string) => `tk:lookup:${code}`,
  /** "Không" to the confirmation of a typed dispute: nothing changes. */
  keep: (code?: string) => (code ? `tk:keep:${code}` : 'tk:keep'),
} as const;

export type TicketAction =
  | { type: 'resolved'; code: string }
  | { type: 'unresolved'; code: string }
  | { type: 'rate'; code: string; stars: number }
  | { type: 'dispute'; code: string }
  | { type: 'lookup'; code: string }
  | { type: 'keep'; code?: string | undefined };

/** Reads a button action produced by TICKET_ACTIONS; undefined for anything else. */
export function parseTicketAction(action: string): TicketAction | undefined {
  const m = action.match(/^tk:(resolved|unresolved|dispute|lookup):([A-Z0-9-]{10,20})$/);
  if (m) return { type: m[1] as 'resolved' | 'unresolved' | 'dispute' | 'lookup', code: m[2] as string };
  const r = action.match(/^tk:rate:([A-Z0-9-]{10,20}):([1-5])$/);
  if (r) return { type: 'rate', code: r[1] as string, stars: Number(r[2]) };
  const k = action.match(/^tk:keep(?::([A-Z0-9-]{10,20}))?$/);
  if (k) return { type: 'keep', code: k[1] };
  return undefined;
}

/** The receipt: the code, the date of receipt and each time limit set so far, in the order of the lookup. */
export function createdMessage(ticket: Ticket, form: AddressForm, deadlines: DeadlineLine[]): OutboxPayload {
  const fromAcceptance = ticket.kind === 'complaint' || ticket.kind === 'denunciation';
  return {
    text: [
      `Đã tiếp nhận ${KIND_LABEL[ticket.kind].toLowerCase()} của ${addressWords(form).you}.`,
      `Mã tra cứu: ${ticket.code}`,
      `Ngày tiếp nhận: ${formatDate(ticket.receivedAt)}`,
      ...deadlines.map(deadlineLineText),
      fromAcceptance ? 'Thời hạn giải quyết được tính từ ngày thụ lý và sẽ được thông báo khi thụ lý.' : undefined,
      `${form} có thể gửi mã này bất cứ lúc nào để xem tình trạng xử lý.`,
    ]
      .filter(Boolean)
      .join('\n'),
    quickReplies: [{ label: 'Xem tình trạng', action: TICKET_ACTIONS.lookup(ticket.code) }],
    attachments: [],
  };
}

export function statusChangedMessage(
  ticket: Ticket,
  previous: TicketStatus,
  form: AddressForm,
  deadlines: DeadlineLine[] = [],
): OutboxPayload {
  const lines = [`Yêu cầu ${ticket.code}: ${STATUS_LABEL[previous]} → ${STATUS_LABEL[ticket.status]}.`];
  const settle = deadlines.find((d) => d.step === 'settle');
  if (ticket.status === 'accepted' && ticket.kind === 'denunciation')
    lines.push(`Đây là thông báo việc thụ lý tố cáo của ${addressWords(form).you} (Luật Tố cáo 2018, Điều 29).`);
  if (ticket.status === 'accepted' && ticket.dueAt)
    lines.push(settle ? `${deadlineLineText(settle)}.` : `Thời hạn giải quyết: ${formatDate(ticket.dueAt)}.`);
  if (ticket.status === 'refused' && ticket.statusNote) lines.push(`Lý do: ${ticket.statusNote}`);
  if (ticket.status === 'forwarded' && ticket.statusNote) lines.push(`Đã chuyển đến: ${ticket.statusNote}`);
  if (ticket.status === 'closed' && ticket.closeReason)
    lines.push(`Kết quả: ${CLOSE_REASON_LABEL[ticket.closeReason]}.`);
  if (ticket.status === 'closed' && ticket.statusNote) lines.push(ticket.statusNote);
  if (ticket.status === 'in_progress' && previous !== 'accepted' && ticket.statusNote) lines.push(ticket.statusNote);
  lines.push(`${form} có thể gửi mã ${ticket.code} để xem chi tiết.`);
  return text(lines.join('\n'));
}

export function answerMessage(ticket: Ticket, form: AddressForm): OutboxPayload {
  return {
    text:
      `Trả lời cho yêu cầu ${ticket.code}:\n${ticket.publicAnswer ?? ''}\n\n` +
      `Vấn đề đã được giải quyết chưa? (${form} có thể phản hồi trong vòng 30 ngày.)`,
    quickReplies: [
      { label: 'Đã giải quyết', action: TICKET_ACTIONS.resolved(ticket.code) },
      { label: 'Chưa giải quyết', action: TICKET_ACTIONS.notResolved(ticket.code) },
    ],
    attachments: [],
  };
}

export function ratingPrompt(ticket: Ticket, form: AddressForm, offerDispute: boolean): OutboxPayload {
  const quickReplies = [1, 2, 3, 4, 5].map((n) => ({
    label: '★'.repeat(n),
    action: TICKET_ACTIONS.rate(ticket.code, n),
  }));
  if (offerDispute) quickReplies.push({ label: 'Đề nghị xem xét lại', action: TICKET_ACTIONS.dispute(ticket.code) });
  return {
    text:
      `Cảm ơn ${addressWords(form).you} đã phản hồi. ${form} đánh giá mức độ hài lòng với cách giải quyết yêu cầu ${ticket.code} ` +
      `từ 1 (rất không hài lòng) đến 5 (rất hài lòng)?` +
      (offerDispute ? `\nNếu vấn đề chưa được giải quyết, ${addressWords(form).you} có thể đề nghị xem xét lại.` : ''),
    quickReplies,
    attachments: [],
  };
}

/**
 * After a rating. Channels remove a pressed keyboard (Telegram), so when the resident said "not resolved" the
 * dispute button of the rating prompt is gone: offer it again here (`disputeCode`).
 */
export function thanksForRating(form: AddressForm, disputeCode?: string): OutboxPayload {
  const thanks = `Cảm ơn ${addressWords(form).you} đã đánh giá. Ý kiến của ${addressWords(form).you} giúp cơ quan phục vụ tốt hơn.`;
  if (!disputeCode) return text(thanks);
  return {
    text: `${thanks}\nNếu vấn đề vẫn chưa được giải quyết, ${addressWords(form).you} có thể đề nghị xem xét lại yêu cầu ${disputeCode}.`,
    quickReplies: [{ label: 'Đề nghị xem xét lại', action: TICKET_ACTIONS.dispute(disputeCode) }],
    attachments: [],
  };
}

/** After reopening; `explanation` says what the law makes of it (a second-time complaint and its window). */
export function disputedMessage(ticket: Ticket, form: AddressForm, explanation?: string): OutboxPayload {
  return text(
    `Đã mở lại yêu cầu ${ticket.code} theo đề nghị của ${addressWords(form).you}. Cán bộ phụ trách đã được thông báo và sẽ xem xét lại` +
      (ticket.dueAt ? `, trả lời chậm nhất ngày ${formatDate(ticket.dueAt)}.` : '.') +
      (explanation ? `\n${explanation}` : ''),
  );
}

/**
 * The confirmation of a typed dispute: one ticket ("Đề nghị xem xét lại" / "Không"), or one button per ticket when
 * several answers may still be disputed. The buttons are the same `tk:dispute` the rating prompt offers.
 */
export function disputeOfferMessage(
  tickets: Ticket[],
  form: AddressForm,
  explain: (ticket: Ticket) => string | undefined = () => undefined,
): OutboxPayload {
  const you = addressWords(form).you;
  const [only] = tickets;
  if (tickets.length === 1 && only) {
    const explanation = explain(only);
    return {
      text:
        `${form} muốn đề nghị xem xét lại yêu cầu ${only.code} (${KIND_LABEL[only.kind].toLowerCase()}, trả lời ngày ${formatDate(only.answeredAt)})?\n` +
        (explanation ? `${explanation}\n` : '') +
        `Yêu cầu sẽ được mở lại và cán bộ phụ trách sẽ được thông báo để xem xét lại.`,
      quickReplies: [
        { label: 'Đề nghị xem xét lại', action: TICKET_ACTIONS.dispute(only.code) },
        { label: 'Không', action: TICKET_ACTIONS.keep(only.code) },
      ],
      attachments: [],
    };
  }
  return {
    text: [
      `${form} có ${tickets.length} yêu cầu đã được trả lời còn trong thời hạn đề nghị xem xét lại. ${form} muốn đề nghị xem xét lại yêu cầu nào?`,
      ...tickets.map((t) => {
        const explanation = explain(t);
        return `• ${t.code} — ${KIND_LABEL[t.kind].toLowerCase()}, trả lời ngày ${formatDate(t.answeredAt)}${explanation ? `. ${explanation}` : ''}`;
      }),
      `Yêu cầu được chọn sẽ được mở lại và cán bộ phụ trách sẽ được thông báo. Nếu không cần, ${you} bấm "Không".`,
    ].join('\n'),
    quickReplies: [
      ...tickets.map((t) => ({ label: `Xem xét lại ${t.code}`, action: TICKET_ACTIONS.dispute(t.code) })),
      { label: 'Không', action: TICKET_ACTIONS.keep() },
    ],
    attachments: [],
  };
}

/** A typed dispute when no answered ticket of the resident is still inside the dispute window. */
export function nothingToDisputeMessage(form: AddressForm, windowDays: number): OutboxPayload {
  const you = addressWords(form).you;
  return text(
    `${form} chưa có yêu cầu nào đã được trả lời trong vòng ${windowDays} ngày qua để đề nghị xem xét lại.\n` +
      `Để xem tình trạng một yêu cầu, ${you} gửi mã tra cứu của yêu cầu đó (ví dụ PA-2611-7K3QXW). ` +
      `Nếu có vấn đề mới, hoặc đã quá ${windowDays} ngày kể từ ngày trả lời, ${you} có thể gửi phản ánh, kiến nghị mới bằng lệnh /phananh.`,
  );
}

/** "Không" to the confirmation of a typed dispute. */
export function disputeKeptMessage(form: AddressForm, windowDays: number, code?: string): OutboxPayload {
  const you = addressWords(form).you;
  return text(
    `Vâng, ${code ? `yêu cầu ${code}` : `yêu cầu của ${you}`} không được mở lại. ` +
      `Nếu cần, ${you} vẫn có thể đề nghị xem xét lại trong vòng ${windowDays} ngày kể từ ngày trả lời.`,
  );
}

/** Cuts a resident's own text for a chat list. */
function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * "What do you keep about me": one line per request (code, kind, date and the name, phone, address the resident
 * gave, unmasked: they are reading their own), the older ones counted. Never call it with someone else's data.
 */
export function residentTicketLines(tickets: ResidentTicketData[], total: number): string[] {
  const lines = tickets.map((t) => {
    const p = t.personal;
    const given = [
      p?.fullName ? `họ tên ${p.fullName}` : undefined,
      p?.phone ? `số điện thoại ${p.phone}` : undefined,
      p?.address ? `địa chỉ ${p.address}` : undefined,
    ].filter(Boolean);
    return (
      `${t.code} — ${KIND_LABEL[t.kind]}, gửi ngày ${formatDate(t.receivedAt)}: ` +
      (given.length > 0 ? given.join('; ') : 'không kèm họ tên, số điện thoại, địa chỉ') +
      (t.disputeReason ? `; lý do đề nghị xem xét lại: «${excerpt(t.disputeReason, 200)}»` : '')
    );
  });
  if (total > tickets.length) lines.push(`và ${total - tickets.length} yêu cầu khác (cũ hơn)`);
  return lines;
}

/** "What do you keep about me": each consent with its time and purpose, the older ones counted. */
export function residentConsentLines(
  consents: Array<{ purpose: string; givenAt: Date; withdrawnAt: Date | null }>,
  total: number,
): string[] {
  const lines = consents.map(
    (c) =>
      `${formatDateTime(c.givenAt)}: đồng ý cho mục đích «${c.purpose}»` +
      (c.withdrawnAt ? ` (đã rút lại lúc ${formatDateTime(c.withdrawnAt)})` : ''),
  );
  if (total > consents.length) lines.push(`và ${total - consents.length} lần đồng ý khác (cũ hơn)`);
  return lines;
}

/** After one tap on "Chuyển câu hỏi cho cán bộ": what happens, and what is kept and why. */
export function questionFiledMessage(form: AddressForm): string {
  const you = addressWords(form).you;
  return (
    `Câu hỏi đã được chuyển cho cán bộ. Mã tra cứu được gửi trong một tin nhắn riêng; câu trả lời sẽ được gửi về cuộc trò chuyện này.\n` +
    `Chúng tôi chỉ lưu câu hỏi và tài khoản trò chuyện để trả lời ${you}; ${you} có thể xem hoặc xóa bằng lệnh /dulieu, /xoadulieu.`
  );
}

/** After reopening: asks what is still wrong (optional), saying who reads it and that it is erased on request. */
export function disputeReasonPrompt(code: string, form: AddressForm): string {
  const you = addressWords(form).you;
  return `${form} có thể cho biết điều gì vẫn chưa được giải quyết không? Cán bộ phụ trách yêu cầu ${code} sẽ đọc lý do này khi xem xét lại; chỉ cán bộ xử lý xem được, và lý do được xóa cùng thông tin cá nhân khi ${you} yêu cầu (/xoadulieu). Không bắt buộc: bấm "Bỏ qua" nếu ${you} không muốn.`;
}

export function disputeReasonThanks(code: string, form: AddressForm): string {
  return `Đã chuyển lý do tới cán bộ phụ trách yêu cầu ${code}. Cảm ơn ${addressWords(form).you}.`;
}

export function disputeReasonSkipped(code: string): string {
  return `Không sao ạ. Cán bộ phụ trách sẽ xem xét lại yêu cầu ${code}.`;
}
