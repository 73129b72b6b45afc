// Pure converter: an OutgoingReply → the Bot API calls that deliver it (HTML-escaped, split, with inline keyboard).
import type { OutgoingReply, QuickReply } from '../../conversation/types.js';

/** Telegram's limit for one message's text, counted after entity parsing (so before escaping). */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit for callback_data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;

export interface InlineKeyboardButton {
  text: string;
  callback_data: string;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

/** One Bot API call: method name and JSON payload. */
export type TelegramCall =
  | {
      method: 'sendMessage';
      payload: {
        chat_id: string;
        text: string;
        parse_mode: 'HTML';
        link_preview_options: { is_disabled: boolean };
        reply_markup?: InlineKeyboardMarkup;
      };
    }
  | { method: 'sendPhoto'; payload: { chat_id: string; photo: string; caption?: string } }
  | { method: 'sendDocument'; payload: { chat_id: string; document: string; caption?: string } }
  | { method: 'sendLocation'; payload: { chat_id: string; latitude: number; longitude: number } };

/** Escapes text for parse_mode HTML: &, < and > always, and " so the text is also safe inside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Prefers breaking between paragraphs, then lines, then sentences, then words. */
const BREAKS: Array<{ pattern: RegExp; keep: number }> = [
  { pattern: /\n\s*\n/g, keep: 0 },
  { pattern: /\n/g, keep: 0 },
  { pattern: /[.!?…;:] /g, keep: 1 },
  { pattern: / /g, keep: 0 },
];

function cutPoint(text: string, max: number): { end: number; next: number } {
  const window = text.slice(0, max + 1);
  for (const { pattern, keep } of BREAKS) {
    let best: { end: number; next: number } | undefined;
    for (const match of window.matchAll(pattern)) {
      const end = match.index + keep;
      // a break in the first quarter would leave a uselessly short message: look for a weaker break instead
      if (end > max || end < max / 4) continue;
      best = { end, next: match.index + match[0].length };
    }
    if (best) return best;
  }
  // one unbroken run: cut hard, but never between the two halves of a surrogate pair
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return { end, next: end };
}

/**
 * Splits text into messages of at most `max` UTF-16 units (Telegram's unit), at paragraph boundaries
 * when possible. Never returns an empty part; an empty text gives no parts.
 */
export function splitText(text: string, max: number = MAX_MESSAGE_CHARS): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const { end, next } = cutPoint(rest, max);
    const part = rest.slice(0, end).trimEnd();
    if (part !== '') parts.push(part);
    rest = rest.slice(next).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Quick replies → an inline keyboard: two short buttons per row, long labels alone.
 * A button whose action does not fit callback_data (1–64 bytes) cannot work and is left out.
 */
export function toInlineKeyboard(quickReplies: QuickReply[]): {
  markup: InlineKeyboardMarkup | undefined;
  dropped: QuickReply[];
} {
  const dropped: QuickReply[] = [];
  const rows: InlineKeyboardButton[][] = [];
  for (const reply of quickReplies) {
    const size = byteLength(reply.action);
    if (size < 1 || size > MAX_CALLBACK_BYTES || reply.label.trim() === '') {
      dropped.push(reply);
      continue;
    }
    const button = { text: reply.label.slice(0, 64), callback_data: reply.action };
    const last = rows.at(-1);
    const isShort = (label: string) => [...label].length <= 18;
    if (last && last.length === 1 && isShort(last[0]?.text ?? '') && isShort(button.text)) last.push(button);
    else rows.push([button]);
  }
  return { markup: rows.length > 0 ? { inline_keyboard: rows } : undefined, dropped };
}

/**
 * The calls that deliver one reply, in order: the text (split if long, keyboard on the last part),
 * then attachments. Attachments other than photo, file and location have no outgoing form and are skipped.
 */
export function toTelegramCalls(
  chatId: string,
  reply: OutgoingReply,
): { calls: TelegramCall[]; dropped: QuickReply[] } {
  const calls: TelegramCall[] = [];
  const { markup, dropped } = toInlineKeyboard(reply.quickReplies);
  const parts = splitText(reply.text);
  // buttons need a message to hang from
  if (parts.length === 0 && markup) parts.push('Vui lòng chọn:');
  parts.forEach((part, index) => {
    calls.push({
      method: 'sendMessage',
      payload: {
        chat_id: chatId,
        text: escapeHtml(part),
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(markup && index === parts.length - 1 ? { reply_markup: markup } : {}),
      },
    });
  });
  for (const attachment of reply.attachments) {
    if (attachment.kind === 'photo' && attachment.ref) {
      calls.push({ method: 'sendPhoto', payload: { chat_id: chatId, photo: attachment.ref } });
    } else if (attachment.kind === 'file' && attachment.ref) {
      calls.push({ method: 'sendDocument', payload: { chat_id: chatId, document: attachment.ref } });
    } else if (
      attachment.kind === 'location' &&
      attachment.latitude !== undefined &&
      attachment.longitude !== undefined
    ) {
      calls.push({
        method: 'sendLocation',
        payload: { chat_id: chatId, latitude: attachment.latitude, longitude: attachment.longitude },
      });
    }
  }
  return { calls, dropped };
}
