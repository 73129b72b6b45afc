// Pure converter: what the page (or an app) posted to /api/chat/messages → the core's IncomingMessage.
import type { Attachment, IncomingMessage } from '../../conversation/types.js';
import { MAX_INCOMING_CHARS, sanitizeAction, sanitizeText } from '../shared/incoming-guard.js';

/** A web message made safe to store and to hand to the core. */
export interface WebInput {
  /** What the core sees: the full cleaned text (the core itself turns an overlong one away). */
  text: string;
  /** What the transcript keeps: the same text, cut to MAX_INCOMING_CHARS. */
  shown: string;
  /** Payload of the pressed quick-reply button, if any. */
  action: string | undefined;
}

/** Cleans the posted text and action (anything at all: binary junk, control characters, 100 KB). */
export function readWebInput(posted: { text?: string | undefined; action?: string | undefined }): WebInput {
  const text = sanitizeText(posted.text ?? '');
  const shown = text.length > MAX_INCOMING_CHARS ? `${cutUnits(text, MAX_INCOMING_CHARS)}…` : text;
  return { text, shown, action: sanitizeAction(posted.action) };
}

/** The first `max` UTF-16 units of `text`, one fewer when the cut would split an emoji's surrogate pair. */
function cutUnits(text: string, max: number): string {
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * The resident's stored transcript line as the core's message. The session id is the resident's channel id;
 * the line id is the dedupe key (a retried request with the same clientMessageId gets the same line back).
 */
export function toIncoming(options: {
  sessionId: string;
  line: { id: number; createdAt: Date };
  input: WebInput;
  /** The sender's network address key (rate limits only; never stored). */
  clientAddress?: string | undefined;
  /** Stored uploads (their refs are the store's own names, never the client's). */
  attachments?: Attachment[] | undefined;
}): IncomingMessage {
  const { sessionId, line, input } = options;
  return {
    channel: 'web',
    channelUserId: sessionId,
    messageId: String(line.id),
    text: input.text,
    attachments: options.attachments ?? [],
    receivedAt: line.createdAt,
    action: input.action,
    ...(options.clientAddress !== undefined ? { clientAddress: options.clientAddress } : {}),
  };
}
