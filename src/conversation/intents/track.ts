// Tracking a ticket: a typed code is looked up at once; without one, the dialogue asks for it.
import { contextFor, startDialogue } from '../dialogue-runner.js';
import { BUILTIN_DIALOGUES } from '../dialogues/builtin.js';
import { lookUpTicket } from '../look-up-ticket.js';
import { say } from '../reply-helpers.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';

export async function track(turn: Turn, intent: IntentOf<'track'>, deps: TurnDeps): Promise<void> {
  const { tickets, replies } = deps;
  if (!tickets) {
    say(turn, replies.trackingNotEnabled, deps);
    return;
  }
  if (intent.code) {
    const found = await lookUpTicket({ tickets, replies, code: intent.code, ctx: contextFor(turn, deps) });
    for (const item of found) say(turn, item, deps);
    return;
  }
  await startDialogue(turn, BUILTIN_DIALOGUES.track, {}, deps);
}
