// Port: web chat sessions and their transcripts (so a reload, or an officer's later answer, shows the conversation).
import type { Attachment, QuickReply } from '../../conversation/types.js';

export type ChatSender = 'resident' | 'bot';

/** One line of a transcript, as the page and the HTTP API show it. */
export interface ChatLine {
  id: number;
  sender: ChatSender;
  text: string;
  quickReplies: QuickReply[];
  attachments: Attachment[];
  /** For bot lines: the resident line answered (null for a later delivery, e.g. an officer's answer). */
  replyToId: number | null;
  createdAt: Date;
}

export interface NewBotLine {
  text: string;
  quickReplies: QuickReply[];
  attachments: Attachment[];
}

export interface WebChatStore {
  /**
   * Stores an anonymous session under `sessionId` (256 random bits, see newSessionId), at its first real message;
   * a session that exists already is left as it is.
   */
  createSession(sessionId: string): Promise<void>;
  /** True when the session exists; also records that it was seen. */
  touchSession(sessionId: string): Promise<boolean>;
  /** True when the session exists (a read only: the page polls often). */
  hasSession(sessionId: string): Promise<boolean>;
  /**
   * Appends what the resident sent. With a clientMessageId already used in this session, returns that
   * earlier line and `isNew: false` instead (a retried request).
   */
  addResidentLine(
    sessionId: string,
    line: { text: string; clientMessageId?: string | undefined; attachments?: ChatLine['attachments'] | undefined },
  ): Promise<{ line: ChatLine; isNew: boolean }>;
  /** Appends bot lines in order. */
  addBotLines(sessionId: string, lines: NewBotLine[], replyToId: number | null): Promise<ChatLine[]>;
  /** Bot lines answering one resident line. */
  repliesTo(sessionId: string, residentLineId: number): Promise<ChatLine[]>;
  /** Lines with id greater than `afterId`, oldest first, at most `limit`. */
  listAfter(sessionId: string, afterId: number, limit: number): Promise<ChatLine[]>;
  /**
   * Sessions with lines after `afterId` (all lines when undefined: then only the newest id matters), and the newest
   * line id: one query for every open page of an instance, to notice lines other instances wrote.
   */
  sessionsWithLinesAfter(afterId: number | undefined): Promise<{ sessionIds: string[]; maxId: number }>;
  /** Deletes a session and its transcript (the resident asked to forget them); false when there was none. */
  deleteSession(sessionId: string): Promise<boolean>;
  /** Deletes sessions not seen since `before`; returns how many. */
  pruneIdle(before: Date): Promise<number>;
}
