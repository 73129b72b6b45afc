// Ports of the conversation core: the store it persists through, the answerer, the tickets desk, the clock, the classifier.
import type { Answer } from '../knowledge/index.js';
import type { ChannelName, OutgoingReply, QuickReply } from './types.js';

/** JSON that survives a round trip through a JSONB column. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One answer the resident can still rate or hand to staff (kept in the conversation context). */
export interface RecentAnswer {
  /** Short random id used in button actions (`rate:up:<ref>`, `staff:<ref>`). */
  ref: string;
  question: string;
  /** The answer text as sent (shortened for storage). */
  answer: string;
  docCodes: string[];
  abstained: boolean;
  /** ISO time of the answer. */
  at: string;
  rated?: 'up' | 'down' | undefined;
  escalated?: boolean | undefined;
}

/** What the bot remembers between messages outside any dialogue: the last procedure and the recent answers. */
export interface ConversationContext {
  /** The procedure the last answer was about; follow-up questions are asked about it. */
  focus?: { code: string; title: string; at: string } | undefined;
  /** Most recent last; at most a handful. */
  answers?: RecentAnswer[] | undefined;
}

/** The persisted conversation state of one resident. */
export interface ConversationSnapshot {
  /** Current dialogue name; null when idle. */
  dialog: string | null;
  step: string | null;
  data: JsonObject;
  context: ConversationContext;
  /** Optimistic concurrency: every write bumps it; a write expecting an older version is refused. */
  version: number;
}

/** Why a question sits in the staff queue. */
export type QueueReason = 'abstain' | 'thumbs_down' | 'staff_requested' | 'error';

/** Why a resident rated an answer 👎 (the rating flow's buttons; free text comes as `other` + comment). */
export type FeedbackReason = 'wrong_procedure' | 'missing_info' | 'incorrect' | 'unclear' | 'other';

/** A write the store applies in the same transaction as the state change and the processed-message record. */
export type StoreEffect =
  | {
      type: 'feedback';
      answerRef: string;
      rating: 'up' | 'down';
      question: string;
      answer: string;
      docCodes: string[];
    }
  | { type: 'feedback-detail'; answerRef: string; reason: FeedbackReason; comment?: string | undefined }
  | {
      type: 'queue-question';
      answerRef?: string | undefined;
      channel: ChannelName;
      question: string;
      reason: QueueReason;
      docCodes: string[];
    }
  /** Marks the queued question of that answer as asked-for-staff (or queues it when it was not yet queued). */
  | {
      type: 'escalate-question';
      answerRef: string;
      channel: ChannelName;
      question: string;
      docCodes: string[];
      /** The ticket it was filed as, when the tickets context filed one at once. */
      ticketCode?: string | undefined;
    }
  /**
   * Erases the resident's personal data held by the conversation store. The state is reset (the commit's
   * nextState is ignored). Unless keepIdentity, the Resident row itself is deleted.
   */
  | { type: 'erase-resident'; keepIdentity: boolean };

export interface OpenConversationInput {
  channel: ChannelName;
  channelUserId: string;
  /** Dedupe key of the message about to be handled; looked up in the same read. */
  messageKey: string;
  now: Date;
}

export interface OpenedConversation {
  residentId: number;
  state: ConversationSnapshot;
  /** False when the resident has no state row yet (version 0). */
  stateExists: boolean;
  /** Set when `messageKey` was already processed: its stored replies. Nothing else must happen then. */
  alreadyProcessed?: { replies: OutgoingReply[] } | undefined;
}

export interface CommitInput {
  /** `${channel}:${messageId}`: recorded once; a second commit with the same key is a duplicate. */
  messageKey: string;
  residentId: number;
  expectedVersion: number;
  stateExists: boolean;
  /** The new state, or undefined when the turn changed nothing (no state write, no version check). */
  nextState?: Omit<ConversationSnapshot, 'version'> | undefined;
  replies: OutgoingReply[];
  effects: StoreEffect[];
  now: Date;
}

export type CommitResult = { status: 'committed' } | { status: 'duplicate' } | { status: 'conflict' };

/** Counts of what the conversation store holds about one resident ("what do you keep about me?"). */
export interface ResidentDataSummary {
  hasResident: boolean;
  /** True when the resident is in a dialogue or the bot remembers recent questions. */
  hasConversationState: boolean;
  recentQuestions: number;
  feedback: number;
  feedbackComments: number;
  queuedQuestions: number;
  processedMessages: number;
}

/**
 * Port: where conversations live (Prisma adapter: src/db/stores/conversation-store.ts).
 * `commit` is atomic: processed-message record, state (version-checked) and effects all or nothing.
 */
export interface ConversationStore {
  findProcessed(messageKey: string): Promise<{ replies: OutgoingReply[] } | undefined>;
  /** Finds or creates the resident of this channel user, loads their state and checks the message key, in one read. */
  openConversation(input: OpenConversationInput): Promise<OpenedConversation>;
  commit(input: CommitInput): Promise<CommitResult>;
  describeResidentData(residentId: number): Promise<ResidentDataSummary>;
  /** Forgets dedupe records older than `before` (they only guard against redelivery). Returns how many. */
  pruneProcessedMessages(before: Date): Promise<number>;
}

export interface AskOptions {
  /** Answer about this document (the procedure of the previous answer): follow-up questions. */
  focusCode?: string | undefined;
}

/** Port: the knowledge base as the conversation sees it. */
export interface Answerer {
  ask(question: string, options?: AskOptions): Promise<Answer>;
}

/** One category of personal data some context holds about a resident, with a Vietnamese label. */
export interface ResidentDataItem {
  label: string;
  count: number;
  /** The data itself, one line each, shown under the label (only ever the asking resident's own). */
  details?: string[] | undefined;
}

/** Port: a context that holds personal data about residents (tickets, web chat transcripts…). */
export interface ResidentDataHolder {
  describeResidentData(input: { residentId: number }): Promise<ResidentDataItem[]>;
  /**
   * Erases that context's personal data of the resident; must be idempotent (a redo calls it again).
   * `keepIdentity: true` when something still needs the resident's channel id (an open ticket awaiting an answer).
   */
  eraseResidentData(input: { residentId: number; messageKey: string }): Promise<{ keepIdentity: boolean }>;
}

export type TicketLookupResult =
  | { kind: 'found'; text: string; quickReplies?: QuickReply[] | undefined }
  | { kind: 'not_found' }
  /** The check character does not match: a typo, never taken for another ticket. */
  | { kind: 'invalid_code' }
  | { kind: 'rate_limited'; retryAfterSeconds?: number | undefined };

export type DisputeOfferResult =
  /**
   * The confirmation for one answered ticket, or the choice between several (its buttons do the dispute); or why
   * there is nothing to reconsider: another person's code, not answered yet, too late, or no answered request at all.
   */
  | { kind: 'reply'; text: string; quickReplies?: QuickReply[] | undefined }
  /** The check character does not match: a typo. */
  | { kind: 'invalid_code' }
  | { kind: 'rate_limited'; retryAfterSeconds?: number | undefined };

/** Port: what the tickets context offers the conversation (intake itself is a registered dialogue). */
export interface TicketDesk extends ResidentDataHolder {
  lookupTicket(input: {
    code: string;
    residentId: number;
    channel: ChannelName;
    channelUserId: string;
    /** Network address key of the sender, when known: wrong codes count against it too. */
    clientAddress?: string | undefined;
  }): Promise<TicketLookupResult>;
  /**
   * A typed dispute ("chưa được giải quyết"): never disputes by itself, only offers the confirmation (with the
   * code: that ticket if it is the resident's own and still disputable; without: their disputable tickets).
   */
  offerDispute(input: {
    code?: string | undefined;
    residentId: number;
    channel: ChannelName;
    channelUserId: string;
    clientAddress?: string | undefined;
  }): Promise<DisputeOfferResult>;
  /**
   * One tap on "Chuyển câu hỏi cho cán bộ": files the question as a ticket at once (no personal data; linked to this
   * chat so the answer comes back), idempotent on `messageKey`; returns what to say. Absent ⇒ the core asks to
   * confirm and hands the question over through the intake, or to the staff queue.
   */
  fileQuestion?(input: {
    question: string;
    residentId: number;
    channel: ChannelName;
    channelUserId: string;
    messageKey: string;
  }): Promise<{ text: string; code?: string | undefined }>;
}

export interface Clock {
  now(): Date;
}

/** Kinds of ticket a resident can file (mirrors the tickets context). */
export type IntakeKind = 'petition' | 'complaint' | 'denunciation' | 'question';

/** What a free-text message is about. Buttons and dialogue input never go through the classifier. */
export type Intent =
  | {
      kind: 'ask';
      question: string;
      /** Only an aspect (fee, documents, time…) and no procedure named: a follow-up or too vague. */
      aspectOnly: boolean;
      /** The question is about filing one of these (e.g. "khiếu nại thế nào?"): answer it and offer the intake. */
      offerIntake?: IntakeKind | undefined;
      /**
       * Besides the question, the message tells a grievance of the resident's own (a delay, a harm, a wrong
       * charge…): answer the question, then offer to file the grievance with its words.
       */
      grievance?: { ticketKind: IntakeKind; description: string } | undefined;
    }
  /** explicit: the resident asked to file; otherwise a problem described in free text (offer first). */
  | { kind: 'intake'; ticketKind?: IntakeKind | undefined; explicit: boolean; description?: string | undefined }
  | { kind: 'track'; code?: string | undefined }
  /** The resident disagrees with the answer to their request ("vẫn chưa được giải quyết"), with its code if given. */
  | { kind: 'dispute'; code?: string | undefined }
  | { kind: 'rate'; rating: 'up' | 'down' }
  /** How do I rate the last answer? (/danhgia): its 👍/👎 buttons again. */
  | { kind: 'rate_prompt' }
  | { kind: 'human' }
  | { kind: 'help' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'privacy_report' }
  | { kind: 'privacy_erase' }
  | { kind: 'cancel' }
  /** Nothing readable: emoji only, symbols, junk. */
  | { kind: 'unreadable' };

/** Port: rules by default; an LLM classifier can plug in behind the same interface. */
export interface IntentClassifier {
  classify(input: { text: string }): Intent | Promise<Intent>;
}
