// Cleans text a channel received before it is stored anywhere; replies a channel gives on its own.
import type { OutgoingReply } from '../../conversation/types.js';

/** Longest resident text a transcript keeps (Telegram's own limit; the core cuts longer text and says so). */
export const MAX_INCOMING_CHARS = 4096;

/** Replies the channels give on their own, without the conversation core. */
export const CHANNEL_REPLIES = {
  failed: 'Xin lỗi, hệ thống đang gặp sự cố khi xử lý tin nhắn. Vui lòng thử lại sau ít phút.',
} as const;

/** A plain-text reply with no buttons or attachments. */
export function textReply(text: string): OutgoingReply {
  return { text, quickReplies: [], attachments: [] };
}

// C0/C1 control characters except tab, line feed and carriage return; U+0000 cannot even be stored in PostgreSQL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes arbitrary received text safe to store: well-formed UTF-16 (lone surrogates from binary junk become
 * U+FFFD), no control characters, NFC, trimmed. Non-strings become ''.
 */
export function sanitizeText(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/**
 * Any other string a channel hands us (a file name, a MIME type, a file id, a contact's name or phone), cleaned
 * like text and cut to `maxChars`; undefined when it is not a string or nothing is left. The database refuses U+0000
 * and lone surrogates, so one such field would otherwise fail the resident's message on every resend.
 */
export function sanitizeField(raw: unknown, maxChars = 256): string | undefined {
  const clean = sanitizeText(raw);
  if (clean === '') return undefined;
  if (clean.length <= maxChars) return clean;
  const last = clean.charCodeAt(maxChars - 1);
  return clean.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
}

/** The payload of a pressed quick-reply button, cleaned like text; undefined when nothing is left. */
export function sanitizeAction(raw: unknown): string | undefined {
  return sanitizeText(raw) || undefined;
}
