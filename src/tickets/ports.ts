// Ports of the tickets core: storage (with transactions), outbox, audit, rate limits, clock, channels.
import type {
  AuditEntryInput,
  AuditRow,
  NewOutboxMessage,
  OutboxMessage,
  OutboxPayload,
  ResidentRef,
  StoredTicketPersonal,
  Ticket,
  TicketAttachment,
  TicketAttachmentInput,
  TicketKind,
  TicketNote,
  TicketPatch,
  TicketPersonalData,
  TicketStatus,
} from './types.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface NewTicket {
  code: string;
  kind: TicketKind;
  category: string;
  commune: string | null;
  oldCommune: string | null;
  filedPlace: string | null;
  latitude: number | null;
  longitude: number | null;
  description: string;
  channel: string;
  residentId: number | null;
  unitId: number | null;
  sourceKey: string | null;
  receivedAt: Date;
  acknowledgeBy: Date;
  forwardBy: Date | null;
  dueAt: Date | null;
  isRemoteArea: boolean;
  isSecondTime: boolean;
}

export interface TicketFilter {
  statuses?: TicketStatus[] | undefined;
  kinds?: TicketKind[] | undefined;
  categories?: string[] | undefined;
  unitCode?: string | undefined;
  /** Only tickets of any of these units. */
  unitCodes?: string[] | undefined;
  /** Only tickets naming a commune that is none of these (tickets naming none are left out). */
  communeNotIn?: string[] | undefined;
  /** Only tickets changed at or after this instant. */
  updatedFrom?: Date | undefined;
  /** Only tickets whose current deadline (acknowledgeBy while received, dueAt after) is before this instant. */
  deadlineBefore?: Date | undefined;
  /** …and not before this instant (for "due soon"). */
  deadlineNotBefore?: Date | undefined;
  residentId?: number | undefined;
  receivedFrom?: Date | undefined;
  receivedTo?: Date | undefined;
  /** Only tickets disputed after their last answer (reopened and not answered since). */
  isDisputed?: boolean | undefined;
  /** Only tickets of any of these communes (today's map codes). */
  communes?: string[] | undefined;
  /** Text search: the tracking code, or words of the description of tickets of `descriptionKinds`. */
  text?: { query: string; descriptionKinds: TicketKind[] } | undefined;
  /** Only tickets with a reply that failed or may not have arrived (outbox failed or uncertain). */
  hasDeliveryProblem?: boolean | undefined;
  /** received: newest first (the default); deadline: the nearest current deadline first, tickets without one last. */
  orderBy?: 'received' | 'deadline' | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export interface ConsentInput {
  residentId: number;
  ticketId: number | null;
  purpose: string;
  wording: string;
  givenAt: Date;
}

export interface OutboxProblem {
  id: number;
  ticketCode: string | null;
  channel: string;
  status: 'failed' | 'uncertain';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** What the accountability report asks the store to count (report-tickets.ts defines each figure). */
export interface ReportQuery {
  groupings: ReadonlyArray<'unit' | 'category' | 'commune' | 'month' | 'kind'>;
  kinds: TicketKind[];
  receivedFrom?: Date | undefined;
  receivedTo?: Date | undefined;
  /** Only tickets of these units (a unit-scoped reader's own); absent: every ticket. */
  unitCodes?: string[] | undefined;
  now: Date;
  /** For every Vietnam receipt day in the range (YYYY-MM-DD): the last moment of its acknowledgement period. */
  acknowledgeBy: Array<{ day: string; by: Date }>;
}

/**
 * The bot's answers as the conversation records them: questions it abstained on, answers rated 👍 or 👎, residents
 * who asked for a person, answerer failures, and how many of those queued questions staff answered. The number of
 * questions answered without any of these is not recorded anywhere, so no answer rate can be computed from it.
 */
export interface AnswerSignals {
  month: string;
  abstained: number;
  staffRequested: number;
  failed: number;
  thumbsUp: number;
  thumbsDown: number;
  /** Queued questions (any reason) an officer or editor answered. */
  answeredByStaff: number;
  /** Of those, answers published as FAQ entries the bot now answers from ("dùng làm câu trả lời mẫu"). */
  turnedIntoFaq: number;
}

/** One group's raw counts; `grouping` null for the total over every ticket. */
export interface ReportAggregate {
  grouping: 'unit' | 'category' | 'commune' | 'month' | 'kind' | null;
  key: string | null;
  received: number;
  acknowledgedInTime: number;
  acknowledgeDue: number;
  answered: number;
  answeredInTime: number;
  answerDue: number;
  medianDaysToAnswer: number | null;
  overdueNow: number;
  disputed: number;
  satisfactionMean: number | null;
  satisfactionCount: number;
  resolvedYes: number;
  resolvedCount: number;
}

/** Everything a use case may read or write inside one database transaction. */
export interface TicketOps {
  findTicket(
    by: { id: number } | { code: string } | { sourceKey: string },
    options?: { lock?: boolean },
  ): Promise<Ticket | null>;
  insertTicket(ticket: NewTicket): Promise<Ticket>;
  updateTicket(id: number, patch: TicketPatch): Promise<Ticket>;
  listTickets(filter: TicketFilter): Promise<Ticket[]>;

  /** Finds or creates the resident identity of a channel user; returns its id. */
  upsertResident(resident: ResidentRef): Promise<number>;
  findResidentId(resident: Pick<ResidentRef, 'channel' | 'channelUserId'>): Promise<number | null>;
  getResident(residentId: number): Promise<ResidentRef | null>;

  insertPersonal(ticketId: number, data: TicketPersonalData): Promise<void>;
  getPersonal(ticketId: number): Promise<StoredTicketPersonal | null>;
  getPersonalMany(ticketIds: number[]): Promise<Map<number, StoredTicketPersonal>>;
  /** Deletes the personal part of these tickets: name, phone, address and the dispute reason. */
  deletePersonal(ticketIds: number[]): Promise<number>;
  /** The resident's words when disputing (kept with the personal part); null clears an earlier one. */
  setDisputeReason(ticketId: number, reason: string | null): Promise<void>;

  insertAttachments(ticketId: number, attachments: TicketAttachmentInput[]): Promise<void>;
  listAttachments(ticketId: number): Promise<TicketAttachment[]>;

  /** Officers' internal notes (never sent to the resident), oldest first. */
  insertNote(ticketId: number, note: { author: string; text: string }, at: Date): Promise<TicketNote>;
  listNotes(ticketId: number): Promise<TicketNote[]>;

  insertConsent(consent: ConsentInput): Promise<number>;
  listConsents(residentId: number): Promise<Array<ConsentInput & { id: number; withdrawnAt: Date | null }>>;
  withdrawConsents(residentId: number, at: Date): Promise<number>;

  /** Queues a message; a second call with the same dedupeKey does nothing and returns false. */
  enqueueOutbox(message: NewOutboxMessage, at: Date): Promise<boolean>;
  listOutboxForTicket(ticketId: number): Promise<OutboxMessage[]>;
  /** A failed or uncertain message of this ticket → pending, due at `at`; false when there is no such message. */
  requeueTicketOutbox(ticketId: number, id: number, at: Date): Promise<boolean>;
  /** A failed or uncertain message of this ticket → phoned (told by phone), with who and their note. */
  markOutboxPhoned(ticketId: number, id: number, by: { login: string; note: string }, at: Date): Promise<boolean>;
  /** Messages that failed for good or may not have arrived, newest first (shown to officers). */
  listDeliveryProblems(): Promise<OutboxProblem[]>;
  /** Cancels undelivered messages of these tickets and blanks their recipient (personal-data erasure). */
  cancelOutboxForTickets(ticketIds: number[]): Promise<number>;

  /** Appends one hash-chained audit row (serialised against other writers). */
  appendAudit(entry: AuditEntryInput, at: Date): Promise<AuditRow>;

  findUnitId(code: string): Promise<number | null>;
  findUnitCode(id: number): Promise<string | null>;

  /**
   * Marks the staff queue's open questions that were handed over as this question ticket answered: those linked
   * to its code, and (filed through the full intake, without the link) the resident's same question. Returns how many.
   */
  resolveQueuedQuestions(ticket: Pick<Ticket, 'code' | 'residentId' | 'description'>, at: Date): Promise<number>;
}

/** Port: ticket storage. Reads run outside a transaction; writes go through `transaction`. */
export interface TicketStore extends TicketOps {
  transaction<T>(fn: (tx: TicketOps) => Promise<T>): Promise<T>;
  /** Makes the Unit table match the settings (insert or rename; never deletes). */
  syncUnits(units: Array<{ code: string; name: string }>): Promise<void>;
  /** Makes the RoutingRule table mirror the settings, for reporting. */
  syncRoutingRules(rules: Array<{ category: string; commune: string; unit: string }>): Promise<void>;
  /** Makes the Holiday table mirror the calendar in use (days off and worked weekends), for reporting. */
  syncHolidays(
    holidays: Array<{ date: string; name: string; source: string; type: string; announcement: string | null }>,
  ): Promise<void>;
  /** How many tickets named each commune since `since` (the place picker's most used units). */
  countTicketsByCommune(since: Date): Promise<Array<{ commune: string; count: number }>>;
  /** First and last Vietnam receipt day (YYYY-MM-DD) of the tickets received in [receivedFrom, receivedTo). */
  receiptDays(filter: {
    kinds: TicketKind[];
    receivedFrom?: Date | undefined;
    receivedTo?: Date | undefined;
    unitCodes?: string[] | undefined;
  }): Promise<{ first: string; last: string } | null>;
  /** The report's counts per group of each grouping, and in total, computed where the tickets are (one query). */
  aggregateReport(query: ReportQuery): Promise<ReportAggregate[]>;
  /** What the conversation recorded about the bot's answers, per Vietnam month of [from, to) (YYYY-MM). */
  countAnswerSignals(range: { from?: Date | undefined; to?: Date | undefined }): Promise<AnswerSignals[]>;
}

/**
 * Port: the audit trail's seal, an HMAC of each row's hash under a key kept outside the database. A row whose chain
 * was recomputed after an edit keeps a valid hash chain, but not a valid seal.
 */
export interface AuditSealer {
  seal(hash: string): string;
  verify(hash: string, mac: string): boolean;
}

/** Port: the audit trail as a whole, for verification. */
export interface AuditLogReader {
  /** Rows in id order, starting after `afterId`. */
  readAudit(afterId: number, limit: number): Promise<AuditRow[]>;
  listAuditFor(entity: string, entityId: string): Promise<AuditRow[]>;
}

/** Port: the worker's view of the outbox. */
export interface OutboxStore {
  /** Atomically moves due pending rows to `sending` (lease until now+leaseMs) and returns them; safe with many workers. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  /** sending → sent; false if the row was not ours to finish. */
  markSent(id: number, at: Date): Promise<boolean>;
  /** sending → pending with a later attempt time. */
  markRetry(id: number, nextAttemptAt: Date, error: string): Promise<void>;
  /** sending → pending, undoing the claim (not an attempt): an earlier message to the same resident must go first. */
  release(id: number, nextAttemptAt: Date): Promise<void>;
  /** sending → failed (permanent). */
  markFailed(id: number, error: string): Promise<void>;
  /** sending rows whose lease ran out (the process died mid-send) → uncertain; returns how many. */
  markStaleUncertain(now: Date): Promise<number>;
  /** failed | uncertain → pending, by an officer. */
  requeue(id: number, at: Date): Promise<boolean>;
  countByStatus(): Promise<Record<string, number>>;
}

/** Port: fixed-window counters. */
export interface RateLimiter {
  /** Current count in the window that contains `now`. */
  current(key: string, now: Date, windowMs: number): Promise<number>;
  /** Adds one and returns the new count in the window. */
  hit(key: string, now: Date, windowMs: number): Promise<number>;
}

/** Port: a channel the worker delivers through (same shape as conversation's Channel). */
export interface DeliveryChannel {
  readonly name: string;
  send(channelUserId: string, reply: OutboxPayload): Promise<void>;
}

/** name → channel; the worker looks channels up at send time so late-registered channels work. */
export type ChannelRegistry = (name: string) => DeliveryChannel | undefined;

/** Told after a commit that queued outbox messages, so the worker delivers now instead of at its next poll. */
export interface OutboxNotifier {
  notify(): void;
}
