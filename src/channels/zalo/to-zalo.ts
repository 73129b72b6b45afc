// Pure converter: the replies of one batch → the bodies of /v3.0/oa/message/cs calls (split ≤ 2,000 characters,
// quick replies as oa.query.hide buttons carrying their action, options also numbered in the text).
import type { ChannelCapabilities, OutgoingReply, QuickReply } from '../../conversation/types.js';
import { actionToText, presentReplies } from '../shared/present-options.js';
import { splitText } from '../shared/split-text.js';

/** Zalo's limit for one message's text. */
export const MAX_TEXT_CHARS = 2000;
/** Buttons one OA message carries. */
export const MAX_BUTTONS = 5;
/** Longest button title kept. */
const MAX_TITLE_CHARS = 100;

/**
 * Zalo's PC and web clients do not show OA buttons, so the options are always numbered in the text as well, and
 * typing the number selects one.
 */
export const ZALO_CAPABILITIES: ChannelCapabilities = {
  textLimit: MAX_TEXT_CHARS,
  maxButtons: MAX_BUTTONS,
  numbersOptions: 'always',
  sharesLocation: true,
};

export interface ZaloButton {
  title: string;
  type: 'oa.query.hide';
  /** Sent back by Zalo as the text of a user_send_text when pressed. */
  payload: string;
}

export interface ZaloSendBody {
  recipient: { user_id: string };
  message: {
    text?: string;
    attachment?:
      | { type: 'template'; payload: { buttons: ZaloButton[] } }
      | {
          type: 'template';
          payload: { template_type: 'media'; elements: Array<{ media_type: 'image'; url: string }> };
        };
  };
}

export interface ZaloMessages {
  bodies: ZaloSendBody[];
  /** The options numbered in the text, in number order (remembered so a typed number can be read back). */
  numbered: QuickReply[];
}

/** The bodies that deliver `replies` to `userId`, in order; buttons hang from the last part of their reply's text. */
export function toZaloMessages(userId: string, replies: OutgoingReply[]): ZaloMessages {
  const recipient = { user_id: userId };
  const { replies: presented, numbered } = presentReplies(replies, ZALO_CAPABILITIES);
  const bodies: ZaloSendBody[] = [];
  for (const reply of presented) {
    const parts = splitText(reply.text, MAX_TEXT_CHARS);
    if (parts.length === 0 && reply.buttons.length > 0) parts.push('Vui lòng chọn:');
    const buttons: ZaloButton[] = reply.buttons.map((b) => ({
      title: [...b.label].slice(0, MAX_TITLE_CHARS).join(''),
      type: 'oa.query.hide',
      payload: actionToText(b.action),
    }));
    parts.forEach((text, index) => {
      const isLast = index === parts.length - 1;
      bodies.push({
        recipient,
        message: {
          text,
          ...(isLast && buttons.length > 0 ? { attachment: { type: 'template', payload: { buttons } } } : {}),
        },
      });
    });
    for (const attachment of reply.attachments) {
      if (attachment.kind === 'photo' && attachment.ref && /^https:\/\//.test(attachment.ref)) {
        bodies.push({
          recipient,
          message: {
            attachment: {
              type: 'template',
              payload: { template_type: 'media', elements: [{ media_type: 'image', url: attachment.ref }] },
            },
          },
        });
      } else if (
        attachment.kind === 'location' &&
        attachment.latitude !== undefined &&
        attachment.longitude !== undefined
      ) {
        // OA messages have no location type: a map link does the job
        bodies.push({
          recipient,
          message: { text: `Vị trí: https://maps.google.com/?q=${attachment.latitude},${attachment.longitude}` },
        });
      }
    }
  }
  return { bodies, numbered };
}
