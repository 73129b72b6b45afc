// Pure converter: a Zalo OA webhook event (any JSON at all) → what the channel should do with it.
import type { Attachment, IncomingMessage } from '../../conversation/types.js';
import { sanitizeField, sanitizeText } from '../shared/incoming-guard.js';
import { actionFromText } from '../shared/present-options.js';

/** A photo or file to fetch before the message goes to the core (the URL is Zalo's, short-lived). */
export interface ZaloDownload {
  /** Index in `message.attachments` whose `ref` the stored file replaces. */
  index: number;
  kind: 'photo' | 'file';
  url: string;
  name?: string | undefined;
}

export type ZaloInbound =
  | {
      kind: 'message';
      /** Dedupe key: msg_id (or a digest of the event for events without one). */
      eventKey: string;
      userId: string;
      message: IncomingMessage;
      downloads: ZaloDownload[];
    }
  /** A resident started following the OA: welcome them with the menu. */
  | { kind: 'follow'; eventKey: string; userId: string; message: IncomingMessage }
  | { kind: 'unfollow'; eventKey: string; userId: string }
  /** Nothing to answer: delivery and read receipts, the OA's own messages, unknown events. */
  | { kind: 'ignore'; eventName: string; reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids stay strings: user ids are 19 digits and a JS number would silently change them. */
function id(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d{1,24}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function coordinate(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function httpsUrl(value: unknown): string | undefined {
  const url = str(value);
  return url && /^https?:\/\//.test(url) && url.length <= 2048 ? url : undefined;
}

/** The events that carry a resident's message, and the attachment kind each implies. */
const MESSAGE_EVENTS = new Set([
  'user_send_text',
  'user_send_image',
  'user_send_file',
  'user_send_sticker',
  'user_send_location',
  'user_send_link',
  'user_send_audio',
  'user_send_video',
  'user_send_gif',
  'user_send_business_card',
]);

function attachmentsOf(message: Json): { attachments: Attachment[]; downloads: ZaloDownload[] } {
  const attachments: Attachment[] = [];
  const downloads: ZaloDownload[] = [];
  const list = Array.isArray(message.attachments) ? message.attachments.filter(isObject) : [];
  for (const item of list) {
    const payload = isObject(item.payload) ? item.payload : {};
    switch (item.type) {
      case 'image':
      case 'gif': {
        const url = httpsUrl(payload.url);
        if (url) downloads.push({ index: attachments.length, kind: 'photo', url });
        attachments.push({ kind: 'photo', mimeType: 'image/jpeg' });
        break;
      }
      case 'file': {
        const url = httpsUrl(payload.url);
        const name = sanitizeField(payload.name, 200);
        if (url) downloads.push({ index: attachments.length, kind: 'file', url, name });
        attachments.push({ kind: 'file', name, mimeType: sanitizeField(payload.type, 100) });
        break;
      }
      case 'location': {
        const c = isObject(payload.coordinates) ? payload.coordinates : payload;
        const latitude = coordinate(c.latitude);
        const longitude = coordinate(c.longitude);
        if (latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)
          attachments.push({ kind: 'location', latitude, longitude });
        else attachments.push({ kind: 'other' });
        break;
      }
      case 'sticker':
        attachments.push({ kind: 'sticker', ref: sanitizeField(payload.id, 100) });
        break;
      case 'audio':
      case 'voice':
        attachments.push({ kind: 'audio' });
        break;
      case 'video':
        attachments.push({ kind: 'video' });
        break;
      case 'link':
        // a shared link is read as text (its URL), as if typed
        break;
      default:
        attachments.push({ kind: 'other' });
    }
  }
  return { attachments, downloads };
}

/** The URL of a shared link, when the event carries it only in the attachment. */
function linkText(message: Json): string | undefined {
  const list = Array.isArray(message.attachments) ? message.attachments.filter(isObject) : [];
  const link = list.find((a) => a.type === 'link');
  const payload = isObject(link?.payload) ? link.payload : undefined;
  return httpsUrl(payload?.url);
}

/**
 * Reads one webhook event. Never throws. A button's payload sent back as text becomes the message's `action`.
 * `receivedAt` is when the webhook arrived (Zalo's timestamp may be minutes old on a retry).
 */
export function toIncoming(event: unknown, receivedAt: Date = new Date()): ZaloInbound {
  if (!isObject(event)) return { kind: 'ignore', eventName: '', reason: 'not an object' };
  const eventName = (str(event.event_name) ?? '').slice(0, 60);
  // part of the dedupe key of events without a msg_id, so stored: Zalo's is milliseconds as digits, anything else
  // (found by the fuzz tests: a NUL here was refused by the database) counts as none
  const rawTimestamp = str(event.timestamp) ?? (typeof event.timestamp === 'number' ? String(event.timestamp) : '');
  const timestamp = /^\d{1,20}$/.test(rawTimestamp) ? rawTimestamp : '';
  const sender = isObject(event.sender) ? event.sender : undefined;
  const follower = isObject(event.follower) ? event.follower : undefined;
  const userId = id(sender?.id) ?? id(follower?.id) ?? id(event.user_id);
  const base = { channel: 'zalo' as const, receivedAt, attachments: [] as Attachment[] };

  if (eventName === 'follow' || eventName === 'unfollow') {
    if (!userId) return { kind: 'ignore', eventName, reason: 'no follower id' };
    const eventKey = `${eventName}:${userId}:${timestamp}`;
    if (eventName === 'unfollow') return { kind: 'unfollow', eventKey, userId };
    // the core's greeting: the welcome with the menu
    return {
      kind: 'follow',
      eventKey,
      userId,
      message: { ...base, channelUserId: userId, messageId: eventKey, text: '/start' },
    };
  }

  if (eventName === 'user_submit_info') {
    if (!userId) return { kind: 'ignore', eventName, reason: 'no sender' };
    const info = isObject(event.info) ? event.info : {};
    const eventKey = `${eventName}:${userId}:${timestamp}`;
    const address = [info.address, info.ward, info.district, info.city]
      .map((v) => sanitizeField(v, 200))
      .filter(Boolean)
      .join(', ');
    return {
      kind: 'message',
      eventKey,
      userId,
      downloads: [],
      message: {
        ...base,
        channelUserId: userId,
        messageId: eventKey,
        // the address, if given, is what a waiting "where?" step can use; the contact carries name and phone
        text: address,
        attachments: [
          { kind: 'contact', phone: sanitizeField(info.phone, 32), contactName: sanitizeField(info.name, 128) },
        ],
      },
    };
  }

  if (!MESSAGE_EVENTS.has(eventName)) {
    return { kind: 'ignore', eventName, reason: eventName === '' ? 'no event_name' : 'not a resident message' };
  }
  if (!userId) return { kind: 'ignore', eventName, reason: 'no sender' };
  const message = isObject(event.message) ? event.message : {};
  const msgId = sanitizeField(message.msg_id, 128);
  const eventKey = msgId ? `msg:${msgId}` : `${eventName}:${userId}:${timestamp}`;
  const rawText = sanitizeText(str(message.text) ?? '');
  const action = eventName === 'user_send_text' ? actionFromText(rawText) : undefined;
  const { attachments, downloads } = attachmentsOf(message);
  let text = action ? '' : rawText;
  if (eventName === 'user_send_link' && text === '') text = linkText(message) ?? '';
  // a message with neither text nor anything we know is still a person waiting
  // (an empty text is still text: the core answers it as such)
  if (text === '' && !action && attachments.length === 0 && eventName !== 'user_send_text')
    attachments.push({ kind: 'other' });
  return {
    kind: 'message',
    eventKey,
    userId,
    downloads,
    message: {
      ...base,
      channelUserId: userId,
      messageId: eventKey,
      text,
      attachments,
      ...(action ? { action } : {}),
    },
  };
}
