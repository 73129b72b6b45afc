// Pure: where a send to a resident falls in Zalo's reply window, from their last message and what was sent since.

/** Zalo's free replies: this many messages… */
export const FREE_REPLIES = 8;
/** …within this long after the resident's last message (the count starts again whenever they write). */
export const FREE_WINDOW_MS = 48 * 3600 * 1000;
/** After this long without a message from the resident, Zalo refuses every send (-230). */
export const CLOSED_AFTER_MS = 7 * 24 * 3600 * 1000;

export type ReplyWindow =
  /** Free: `remaining` more messages may go out until `until`. */
  | { state: 'free'; remaining: number; until: Date }
  /**
   * Outside the free replies (`quota`: 8 sent already; `expired`: 48 hours passed) but within 7 days: Zalo counts
   * the send as a paid "proactive" message, which needs a verified OA with quota, and may refuse it.
   */
  | { state: 'beyond-free'; reason: 'quota' | 'expired'; closesAt: Date }
  /** 7 days without a message from the resident (or never one): Zalo refuses (-230); officers need another route. */
  | { state: 'closed' };

export interface ReplyWindowInput {
  /** When the resident last wrote; undefined if never. */
  lastInboundAt: Date | undefined;
  /** Messages the OA sent them since then. */
  repliesSinceInbound: number;
  now: Date;
}

export function replyWindow({ lastInboundAt, repliesSinceInbound, now }: ReplyWindowInput): ReplyWindow {
  if (!lastInboundAt) return { state: 'closed' };
  const since = now.getTime() - lastInboundAt.getTime();
  if (since >= CLOSED_AFTER_MS) return { state: 'closed' };
  const closesAt = new Date(lastInboundAt.getTime() + CLOSED_AFTER_MS);
  if (since >= FREE_WINDOW_MS) return { state: 'beyond-free', reason: 'expired', closesAt };
  const remaining = FREE_REPLIES - Math.max(0, repliesSinceInbound);
  if (remaining <= 0) return { state: 'beyond-free', reason: 'quota', closesAt };
  return { state: 'free', remaining, until: new Date(lastInboundAt.getTime() + FREE_WINDOW_MS) };
}
