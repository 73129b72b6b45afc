// The small talk around the menu: help, greeting, thanks, unreadable text and "hủy".
import { cancelDialogue } from '../dialogue-runner.js';
import { helpText, menuButtons, say, sayWith } from '../reply-helpers.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';

/** Help with the menu; also what a turn that found nothing else to say ends with. */
export function help(turn: Turn, _intent: IntentOf<'help'>, deps: TurnDeps): void {
  sayWith(turn, helpText(deps), menuButtons(deps), deps);
}

export function greeting(turn: Turn, _intent: IntentOf<'greeting'>, deps: TurnDeps): void {
  sayWith(turn, deps.replies.greeting, menuButtons(deps), deps);
}

export function thanks(turn: Turn, _intent: IntentOf<'thanks'>, deps: TurnDeps): void {
  say(turn, deps.replies.thanks, deps);
}

export function unreadable(turn: Turn, _intent: IntentOf<'unreadable'>, deps: TurnDeps): void {
  sayWith(turn, deps.replies.unreadable, menuButtons(deps), deps);
}

export function cancel(turn: Turn, _intent: IntentOf<'cancel'>, deps: TurnDeps): void {
  cancelDialogue(turn, deps);
}
