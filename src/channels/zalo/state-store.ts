// Ports: what the Zalo channel keeps between messages and restarts (the database implements them).
import type { QuickReply } from '../../conversation/types.js';

/** Webhook events taken in, by event key: a redelivered msg_id is processed once, across restarts. */
export interface ZaloEventStore {
  /** 'new': handle it. 'duplicate': handled already or being handled (a row of a killed earlier run counts as new). */
  claim(eventKey: string): Promise<'new' | 'duplicate'>;
  complete(eventKey: string): Promise<void>;
  /** Handling failed before the replies went out: a redelivery may try again. */
  release(eventKey: string): Promise<void>;
  prune(olderThan: Date): Promise<number>;
}

/** An officer's answer Zalo refused because the reply window was closed, not yet told to the resident. */
export interface WindowClosedNotice {
  outboxId: number;
  ticketCode: string | undefined;
}

/** Per resident: the reply window, the options last numbered for them, the answers held back by a closed window. */
export interface ZaloResidentStore {
  /**
   * Records that the resident wrote at `at` (it reopens Zalo's reply window), and returns the options last numbered
   * for them and the refused answers they have not been told about.
   */
  recordInbound(userId: string, at: Date): Promise<{ options: QuickReply[]; notices: WindowClosedNotice[] }>;
  rememberOptions(userId: string, options: QuickReply[]): Promise<void>;
  /** The resident was told about every notice up to `outboxId`. */
  markNoticed(userId: string, outboxId: number): Promise<void>;
  lastInboundAt(userId: string): Promise<Date | undefined>;
}
