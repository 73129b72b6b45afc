// Pure: quick replies as a channel can show them (buttons up to its limit, a numbered list in the text), a typed
// number read back as the option it names, and button payloads that come back as plain text recognised as actions.
import { actionFits } from '../../conversation/actions.js';
import type { ChannelCapabilities, OutgoingReply, QuickReply } from '../../conversation/types.js';

/** One reply ready for a channel's converter: the text (with its numbered options) and the buttons it may carry. */
export interface PresentedReply {
  text: string;
  buttons: QuickReply[];
  attachments: OutgoingReply['attachments'];
}

export interface PresentedReplies {
  replies: PresentedReply[];
  /**
   * The options numbered in the text, in number order (option n is `numbered[n - 1]`), over all the replies of one
   * batch: the numbers run on from one reply to the next, so "2" never names two things on the same screen.
   */
  numbered: QuickReply[];
}

/** Written before the numbered list. */
export const OPTIONS_HEADING = 'Hoặc nhắn số để chọn:';

/**
 * Lays out the replies of one batch for a channel. Buttons: the first `maxButtons` options of each reply.
 * Numbers: every option of a reply, when the channel numbers always, or when it has more options than buttons.
 */
export function presentReplies(replies: OutgoingReply[], capabilities: ChannelCapabilities): PresentedReplies {
  const numbered: QuickReply[] = [];
  const presented = replies.map((reply): PresentedReply => {
    const options = reply.quickReplies.filter((q) => q.label.trim() !== '' && actionFits(q.action));
    const buttons = options.slice(0, Math.max(0, capabilities.maxButtons));
    const isNumbered =
      options.length > 0 &&
      (capabilities.numbersOptions === 'always' ||
        (capabilities.numbersOptions === 'overflow' && options.length > buttons.length));
    if (!isNumbered) return { text: reply.text, buttons, attachments: reply.attachments };
    const lines = options.map((option) => {
      numbered.push(option);
      return `${numbered.length}. ${option.label}`;
    });
    const text = [reply.text.trimEnd(), OPTIONS_HEADING, ...lines].filter((line) => line !== '').join('\n');
    return { text, buttons, attachments: reply.attachments };
  });
  return { replies: presented, numbered };
}

/** "2", " 2 ", "2.", "(2)", "số 2": the option with that number, if the resident was shown one. */
export function typedOption(text: string, numbered: readonly QuickReply[]): QuickReply | undefined {
  const match = /^\s*(?:số\s*)?\(?\s*(\d{1,2})\s*[.)]?\s*$/iu.exec(text);
  if (!match) return undefined;
  return numbered[Number(match[1]) - 1];
}

/**
 * Channels whose buttons send their payload back as an ordinary text message (Zalo's `oa.query.hide`) prefix the
 * action with this, so a pressed button is never read as a question, and a question is never read as a button.
 */
export const ACTION_TEXT_PREFIX = '#!';

/** The text a button sends back for `action`. */
export function actionToText(action: string): string {
  return `${ACTION_TEXT_PREFIX}${action}`;
}

/** The action a button's text carries, or undefined when the text is something a person typed. */
export function actionFromText(text: string): string | undefined {
  if (!text.startsWith(ACTION_TEXT_PREFIX)) return undefined;
  const action = text.slice(ACTION_TEXT_PREFIX.length).trim();
  return actionFits(action) ? action : undefined;
}
