// Cleans an incoming message before the core looks at it: safe text, a length cap, and what kind of content it is.
import { normalizeText } from '../knowledge/vietnamese/index.js';
import type { Attachment, IncomingMessage } from './types.js';

/** Longest text kept from one message (Telegram's own limit). Longer text is cut and the resident told. */
export const MAX_TEXT_CHARS = 4096;
/** Longest question handed to the knowledge base; a longer one is cut at a word boundary (and the resident told). */
export const MAX_QUESTION_CHARS = 1000;

// C0/C1 controls except tab and line feed; U+0000 cannot even be stored in PostgreSQL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const REPLACEMENT = /\uFFFD/g;

export interface CleanInput {
  text: string;
  /** Length of the text before cutting, when it was cut. */
  truncatedFrom?: number | undefined;
  /** The text had unreadable bytes (binary junk) that were dropped. */
  hadJunk: boolean;
  /** Text has no letter or digit (emoji only, symbols) — nothing to read. */
  isUnreadable: boolean;
  attachments: Attachment[];
  action?: string | undefined;
}

/** Cuts text to at most `max` UTF-16 units, at a word boundary when one is near, never inside an emoji's pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  const cut = text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates (binary junk decoded as UTF-16) become U+FFFD, so the text can be stored and compared. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export function sanitizeIncoming(message: IncomingMessage, maxChars = MAX_TEXT_CHARS): CleanInput {
  const raw = typeof message.text === 'string' ? message.text : '';
  // Cap first so a 100 KB message costs no more than a long one to clean.
  const capped = raw.length > maxChars * 2 ? raw.slice(0, maxChars * 2) : raw;
  const lines = wellFormed(capped).replace(/\r\n?/g, '\n');
  const cleaned = lines.replace(CONTROL, '');
  const junkCount = (cleaned.match(REPLACEMENT) ?? []).length + (lines.length - cleaned.length);
  let text = normalizeText(cleaned.replace(REPLACEMENT, ' '))
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  let truncatedFrom: number | undefined;
  if (raw.length > maxChars || text.length > maxChars) {
    truncatedFrom = raw.length;
    text = cutText(text, maxChars);
  }
  const attachments = Array.isArray(message.attachments)
    ? message.attachments.filter((a) => a && typeof a === 'object')
    : [];
  return {
    text,
    truncatedFrom,
    hadJunk: junkCount > 0,
    isUnreadable: text !== '' && !/[\p{L}\p{N}]/u.test(text),
    attachments,
    action: typeof message.action === 'string' && message.action !== '' ? message.action : undefined,
  };
}
