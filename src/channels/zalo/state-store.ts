// Ports: what the Zalo channel keeps between messages and restarts (the database implements them).
import type { QuickReply } from '../../conversation/types.js';

/** What a resident's new message finds: the options last numbered for them, the answers held back by a closed window. */
export interface InboundRecord {
  options: QuickReply[];
  notices: WindowClosedNotice[];
}

/** `duplicate`: handled already or being handled (a row of a killed earlier run counts as new). */
export type ClaimOutcome = { status: 'duplicate' } | ({ status: 'new' } & InboundRecord);

/** Webhook events taken in, by event key: a redelivered msg_id is processed once, across restarts. */
export interface ZaloEventStore {
  /**
   * Claims the event and, only when it is new, records that its resident wrote at `inbound.at` (it reopens Zalo's
   * reply window), in one statement: the per-message write of the common case. A new event comes back with the
   * options last numbered for the resident and the refused answers they have not been told about.
   */
  claim(eventKey: string, inbound: { userId: string; at: Date }): Promise<ClaimOutcome>;
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

/**
 * Per resident: the options last numbered for them, the answers held back by a closed window, the reply window (its
 * inbound time is recorded by ZaloEventStore.claim).
 */
export interface ZaloResidentStore {
  /**
   * `sent` messages reached the resident (counted against Zalo's free replies); `options`, when given, are the ones
   * they numbered (an empty list forgets earlier numbers). One write.
   */
  recordSent(userId: string, sent: number, options: QuickReply[] | undefined): Promise<void>;
  /** The resident was told about every notice up to `outboxId`. */
  markNoticed(userId: string, outboxId: number): Promise<void>;
  /** What the reply window is computed from (src/channels/zalo/reply-window.ts). */
  windowState(userId: string): Promise<{ lastInboundAt: Date | undefined; repliesSinceInbound: number }>;
}
