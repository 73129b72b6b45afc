// Adding replies to a turn: text, buttons that fit every channel, and the buttons most replies carry (menu, 👍/👎).
import { actionFits, actions } from './actions.js';
import type { Say } from './dialogues/dialogue.js';
import type { Turn, TurnDeps } from './turn.js';
import type { OutgoingReply, QuickReply } from './types.js';

export function toReply(say: Say): OutgoingReply {
  return typeof say === 'string' ? { text: say, quickReplies: [], attachments: [] } : say;
}

/** A button, or undefined (and a warning) when its action would not fit a channel's 64 bytes. */
export function quick(label: string, action: string, deps: TurnDeps): QuickReply | undefined {
  if (actionFits(action)) return { label, action };
  deps.logger?.warn({ bytes: Buffer.byteLength(action) }, 'quick-reply action longer than 64 bytes dropped');
  return undefined;
}

export function say(turn: Turn, item: Say, deps: TurnDeps): void {
  const reply = toReply(item);
  turn.replies.push({
    text: reply.text,
    quickReplies: reply.quickReplies.filter((q) => quick(q.label, q.action, deps) !== undefined),
    attachments: reply.attachments,
  });
}

export function sayWith(turn: Turn, text: string, buttons: Array<QuickReply | undefined>, deps: TurnDeps): void {
  say(turn, { text, quickReplies: buttons.filter((b): b is QuickReply => b !== undefined), attachments: [] }, deps);
}

/** 👍 / 👎 under an answer. */
export function rateButtons(ref: string, deps: TurnDeps): Array<QuickReply | undefined> {
  const R = deps.replies;
  return [
    quick(R.rateLabels.up, actions.rate('up', ref), deps),
    quick(R.rateLabels.down, actions.rate('down', ref), deps),
  ];
}

export function menuButtons(deps: TurnDeps): Array<QuickReply | undefined> {
  const R = deps.replies;
  return [
    quick(R.menuLabels.ask, actions.intent('ask'), deps),
    deps.isIntakeAvailable() ? quick(R.menuLabels.petition, actions.intent('petition'), deps) : undefined,
    deps.tickets ? quick(R.menuLabels.track, actions.intent('track'), deps) : undefined,
    quick(R.menuLabels.human, actions.intent('human'), deps),
    quick(R.menuLabels.privacy, actions.intent('privacy'), deps),
  ];
}

/** The help text, listing only the features this engine has. */
export function helpText(deps: TurnDeps): string {
  return deps.replies.help({ intake: deps.isIntakeAvailable(), tracking: deps.tickets !== undefined });
}
