// Domain types of the tickets context: kinds, states, closing reasons, roles and the ticket as the core sees it.

/** petition = phản ánh/kiến nghị, complaint = khiếu nại, denunciation = tố cáo, question = câu hỏi chưa có lời đáp. */
export const TICKET_KINDS = ['petition', 'complaint', 'denunciation', 'question'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** Two-letter prefix of the tracking code per kind. */
export const KIND_PREFIX: Record<TicketKind, string> = {
  petition: 'PA',
  complaint: 'KN',
  denunciation: 'TC',
  question: 'CH',
};

export const KIND_LABEL: Record<TicketKind, string> = {
  petition: 'Phản ánh, kiến nghị',
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  question: 'Câu hỏi chưa có lời đáp',
};

export const TICKET_STATUSES = [
  'received',
  'accepted',
  'refused',
  'forwarded',
  'in_progress',
  'answered',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_LABEL: Record<TicketStatus, string> = {
  received: 'Đã tiếp nhận',
  accepted: 'Đã thụ lý',
  refused: 'Không thụ lý',
  forwarded: 'Đã chuyển cơ quan khác',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã đóng',
};

/** Honest closing states: what actually happened. */
export const CLOSE_REASONS = ['resolved', 'not_resolved', 'forwarded', 'duplicate'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const CLOSE_REASON_LABEL: Record<CloseReason, string> = {
  resolved: 'Đã giải quyết',
  not_resolved: 'Chưa giải quyết được',
  forwarded: 'Không thuộc thẩm quyền (đã chuyển)',
  duplicate: 'Trùng với yêu cầu khác',
};

/**
 * Who is acting. `officer` handles petitions, complaints and questions; `inspector` (thanh tra) handles
 * denunciations and may see a denouncer's identity; `lead` (lãnh đạo) sees everything; `system` is the service itself;
 * `resident` is the person who filed the ticket.
 */
export const ROLES = ['officer', 'inspector', 'lead', 'system', 'resident'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Free-form name for the audit trail, e.g. "nguyen.van.a" or "resident:telegram:123" (never a phone number). */
  name: string;
  role: Role;
  /**
   * Unit-scoped accounts (inspector, officer): the units whose tickets they may see and act on. Another unit's
   * ticket is answered as unknown. Undefined: every unit (lead, system, resident).
   */
  units?: readonly string[] | undefined;
}

export const SYSTEM_ACTOR: Actor = { name: 'system', role: 'system' };

/** Where the resident is reachable: the channel the ticket came from. */
export interface ResidentRef {
  channel: string;
  channelUserId: string;
  displayName?: string | undefined;
}

/** The non-personal facts of a ticket (what the core reads and writes). */
export interface Ticket {
  id: number;
  code: string;
  kind: TicketKind;
  category: string;
  /** The xã/phường on today's map (routing, deadlines, reports); settings changes move it to the successor. */
  commune: string | null;
  /** The unit of the old map (before the last reorganisation) the resident named, or the ticket was filed under. */
  oldCommune: string | null;
  /** The place exactly as recorded when the ticket was filed ("Xã Nông Thượng, Thành phố Bắc Kạn (cũ)"). */
  filedPlace: string | null;
  latitude: number | null;
  longitude: number | null;
  description: string;
  status: TicketStatus;
  closeReason: CloseReason | null;
  statusNote: string | null;
  publicAnswer: string | null;
  isRemoteArea: boolean;
  isComplex: boolean;
  isSecondTime: boolean;
  extensions: number;
  channel: string;
  residentId: number | null;
  unitId: number | null;
  unitCode: string | null;
  assignee: string | null;
  sourceKey: string | null;
  receivedAt: Date;
  acknowledgeBy: Date;
  /** Denunciations: the acceptance period was lengthened (10 working days) for this recorded reason. */
  acknowledgeExtensionReason: string | null;
  /** Forwarding what is not ours (denunciations; petitions on administrative regulations); null where none applies. */
  forwardBy: Date | null;
  /** Denunciations: tell the denouncer of the acceptance by then (set on acceptance). */
  notifyBy: Date | null;
  /** When the denouncer was told of the acceptance (the acceptance message queued to them). */
  notifiedAt: Date | null;
  dueAt: Date | null;
  acknowledgedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  disputedAt: Date | null;
  residentResolved: boolean | null;
  satisfaction: number | null;
  updatedAt: Date;
}

/** The personal part, stored apart so it can be erased while the facts stay. */
export interface TicketPersonalData {
  fullName: string | null;
  phone: string | null;
  address: string | null;
}

/** The personal part as stored: the resident's dispute reason is kept (and erased) with it. */
export interface StoredTicketPersonal extends TicketPersonalData {
  disputeReason: string | null;
}

export interface TicketAttachmentInput {
  kind: 'photo' | 'file' | 'location' | 'contact';
  ref: string;
  /** The file's name as the resident's app gave it (text, never trusted). */
  name?: string | null | undefined;
  /** Set when the file is in the attachment store: the type recognised from its content. */
  mimeType?: string | null | undefined;
}

/** An attachment as stored, with its id (the console's attachment route names it). */
export interface TicketAttachment extends TicketAttachmentInput {
  id: number;
}

/** An officer's internal note on a ticket: never shown or sent to the resident. */
export interface TicketNote {
  id: number;
  author: string;
  text: string;
  createdAt: Date;
}

/** Fields a use case may change on a ticket. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'status'
    | 'commune'
    | 'oldCommune'
    | 'filedPlace'
    | 'closeReason'
    | 'statusNote'
    | 'publicAnswer'
    | 'isRemoteArea'
    | 'isComplex'
    | 'isSecondTime'
    | 'extensions'
    | 'unitId'
    | 'assignee'
    | 'acknowledgeBy'
    | 'acknowledgeExtensionReason'
    | 'forwardBy'
    | 'notifyBy'
    | 'notifiedAt'
    | 'dueAt'
    | 'acknowledgedAt'
    | 'answeredAt'
    | 'closedAt'
    | 'disputedAt'
    | 'residentResolved'
    | 'satisfaction'
    | 'residentId'
  >
>;

/** One outgoing message to a resident, as queued in the outbox (same shape as the conversation's OutgoingReply). */
export interface OutboxPayload {
  text: string;
  quickReplies: Array<{ label: string; action: string }>;
  attachments: never[];
}

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled', 'phoned'] as const;
/**
 * pending: waiting (maybe after a failed try); sending: claimed by a worker (lease until nextAttemptAt);
 * sent: delivered (sentAt); failed: permanent failure or retries exhausted, shown to officers;
 * uncertain: the process died while sending, so it may or may not have arrived — never retried automatically
 * (that could send it twice), shown to officers who can requeue it; cancelled: the resident erased their data;
 * phoned: failed or uncertain, and an officer told the resident by phone instead (who, and their note).
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxMessage {
  id: number;
  dedupeKey: string;
  ticketId: number | null;
  channel: string;
  channelUserId: string;
  payload: OutboxPayload;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** phoned: the officer who told the resident by phone, and their note. */
  phonedBy?: string | null | undefined;
  phoneNote?: string | null | undefined;
}

export interface NewOutboxMessage {
  dedupeKey: string;
  ticketId: number | null;
  channel: string;
  channelUserId: string;
  payload: OutboxPayload;
}

export interface AuditEntryInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditRow extends AuditEntryInput {
  id: number;
  at: Date;
  prevHash: string;
  hash: string;
  /** The seal (HMAC of `hash` under the audit key); null for rows written before a key was configured. */
  mac?: string | null | undefined;
}
