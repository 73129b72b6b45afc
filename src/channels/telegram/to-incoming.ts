// Pure converter: a Telegram update (any JSON at all) → what the bot should do with it.
import type { Attachment, IncomingMessage } from '../../conversation/types.js';
import { sanitizeAction, sanitizeField, sanitizeText } from '../shared/incoming-guard.js';

/** What an update means for the bot. */
export type TelegramInbound =
  /** A resident wrote, shared something or pressed a button: hand it to the conversation core. */
  | {
      kind: 'message';
      updateId: number;
      chatId: string;
      message: IncomingMessage;
      /** Set for a button press: it must be answered (answerCallbackQuery). */
      callbackQueryId?: string | undefined;
      /** The bot message whose button was pressed (its keyboard is removed so it cannot be pressed twice). */
      pressedMessageId?: number | undefined;
    }
  /** Nothing to answer (edits, group chats, membership changes, unknown update types without a person waiting). */
  | { kind: 'ignore'; updateId: number | undefined; reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function id(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return value;
  return undefined;
}

/** "/help@tiepdan_bot tra cứu" → "/help tra cứu": the bot's own name adds nothing. */
function stripBotMention(text: string): string {
  return text.replace(/^(\/[A-Za-z0-9_]+)@[A-Za-z0-9_]+/, '$1');
}

function displayNameOf(from: unknown): string | undefined {
  if (!isObject(from)) return undefined;
  return sanitizeField([str(from.first_name), str(from.last_name)].filter(Boolean).join(' '), 128);
}

/** Every string the resident's client chose (names, types, ids) is cleaned like text before anything stores it. */
const field = (value: unknown): string | undefined => sanitizeField(value);

/** Photos, files, location and contact become attachments; anything else a person sent becomes 'other'. */
function attachmentsOf(message: Json): Attachment[] {
  const out: Attachment[] = [];
  if (Array.isArray(message.photo) && message.photo.length > 0) {
    // sizes come smallest first: keep the largest
    const largest = message.photo.filter(isObject).at(-1);
    out.push({ kind: 'photo', ref: field(largest?.file_id), mimeType: 'image/jpeg' });
  }
  if (isObject(message.document)) {
    const d = message.document;
    out.push({ kind: 'file', ref: field(d.file_id), name: field(d.file_name), mimeType: field(d.mime_type) });
  }
  const location = isObject(message.location)
    ? message.location
    : isObject(message.venue)
      ? message.venue.location
      : undefined;
  if (isObject(location)) {
    const latitude = num(location.latitude);
    const longitude = num(location.longitude);
    if (latitude !== undefined && longitude !== undefined) out.push({ kind: 'location', latitude, longitude });
  }
  if (isObject(message.contact)) {
    const c = message.contact;
    const contactName = sanitizeField([str(c.first_name), str(c.last_name)].filter(Boolean).join(' '), 128);
    out.push({ kind: 'contact', phone: sanitizeField(c.phone_number, 32), contactName });
  }
  if (isObject(message.sticker)) out.push({ kind: 'sticker', ref: field(message.sticker.file_id) });
  for (const key of ['voice', 'audio'] as const) {
    const media = message[key];
    if (isObject(media)) out.push({ kind: 'audio', ref: field(media.file_id), mimeType: field(media.mime_type) });
  }
  for (const key of ['video', 'video_note', 'animation'] as const) {
    const media = message[key];
    if (isObject(media)) out.push({ kind: 'video', ref: field(media.file_id), mimeType: field(media.mime_type) });
  }
  return out;
}

const SERVICE_MESSAGE_KEYS = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'pinned_message',
  'group_chat_created',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
];

/**
 * Reads one update. Never throws, whatever the input: malformed or unknown updates are ignored,
 * and any message a person wrote in a private chat is handed on (stickers and other media as attachments,
 * so the core can answer that it cannot read them).
 * The dedupe key (`messageId`) is the update_id: unique per bot and equal on redelivery.
 */
export function toIncoming(update: unknown, receivedAt: Date = new Date()): TelegramInbound {
  if (!isObject(update)) return { kind: 'ignore', updateId: undefined, reason: 'not an object' };
  const updateId = num(update.update_id);
  if (updateId === undefined || !Number.isSafeInteger(updateId) || updateId < 0) {
    return { kind: 'ignore', updateId: undefined, reason: 'no update_id' };
  }

  if (isObject(update.message)) {
    const message = update.message;
    const chat = isObject(message.chat) ? message.chat : undefined;
    const chatId = id(chat?.id);
    if (!chat || chatId === undefined) return { kind: 'ignore', updateId, reason: 'message without chat' };
    // a help desk answers people one to one; in groups it would expose residents' questions to others
    if (chat.type !== 'private') return { kind: 'ignore', updateId, reason: 'not a private chat' };
    if (SERVICE_MESSAGE_KEYS.some((k) => k in message)) return { kind: 'ignore', updateId, reason: 'service message' };
    const text = stripBotMention(sanitizeText(str(message.text) ?? str(message.caption) ?? ''));
    const attachments = attachmentsOf(message);
    // a message with neither text nor known media (dice, poll, game…) is still a person waiting
    if (text === '' && attachments.length === 0 && str(message.text) === undefined) attachments.push({ kind: 'other' });
    return {
      kind: 'message',
      updateId,
      chatId,
      message: {
        channel: 'telegram',
        channelUserId: chatId,
        messageId: String(updateId),
        text,
        attachments,
        receivedAt,
        displayName: displayNameOf(message.from),
      },
    };
  }

  if (isObject(update.callback_query)) {
    const query = update.callback_query;
    const queryId = str(query.id);
    const source = isObject(query.message) ? query.message : undefined;
    const chat = isObject(source?.chat) ? source.chat : undefined;
    const chatId = id(chat?.id) ?? id(isObject(query.from) ? query.from.id : undefined);
    if (queryId === undefined || chatId === undefined)
      return { kind: 'ignore', updateId, reason: 'callback without chat' };
    if (chat && chat.type !== 'private') return { kind: 'ignore', updateId, reason: 'not a private chat' };
    return {
      kind: 'message',
      updateId,
      chatId,
      callbackQueryId: queryId,
      pressedMessageId: num(source?.message_id),
      message: {
        channel: 'telegram',
        channelUserId: chatId,
        messageId: String(updateId),
        // the label the resident saw, found in the keyboard they pressed
        text: labelOf(source, str(query.data)) ?? '',
        attachments: [],
        receivedAt,
        action: sanitizeAction(query.data),
        displayName: displayNameOf(query.from),
      },
    };
  }

  const known = Object.keys(update).find((k) => k !== 'update_id');
  return { kind: 'ignore', updateId, reason: known ? `update type ${known.slice(0, 40)}` : 'empty update' };
}

function labelOf(message: Json | undefined, data: string | undefined): string | undefined {
  const markup = isObject(message?.reply_markup) ? message.reply_markup : undefined;
  const rows = Array.isArray(markup?.inline_keyboard) ? markup.inline_keyboard : [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const button of row) {
      if (isObject(button) && button.callback_data === data) return sanitizeText(str(button.text) ?? '') || undefined;
    }
  }
  return undefined;
}
