// Pure converter: an OutgoingReply → the Bot API calls that deliver it (HTML-escaped, split, with inline keyboard).

import type { OutgoingReply, QuickReply } from '../../conversation/types.js';
import { splitText as splitShared } from '../shared/split-text.js';

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

/** Splits at Telegram's limit by default. */
export function splitText(text: string, max: number = MAX_MESSAGE_CHARS): string[] {
  return splitShared(text, max);
}

/** Escapes text for parse_mode HTML: &, < and > always, and " so the text is also safe inside attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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
