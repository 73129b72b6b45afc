// A typed dispute ("vẫn chưa được giải quyết"): the tickets context offers the confirmation; its buttons do the rest.
import { contextFor } from '../dialogue-runner.js';
import { offerDispute } from '../offer-dispute.js';
import { say } from '../reply-helpers.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';

export async function dispute(turn: Turn, intent: IntentOf<'dispute'>, deps: TurnDeps): Promise<void> {
  const { tickets, replies } = deps;
  if (!tickets) {
    say(turn, replies.trackingNotEnabled, deps);
    return;
  }
  const offer = await offerDispute({ tickets, replies, code: intent.code, ctx: contextFor(turn, deps) });
  for (const item of offer) say(turn, item, deps);
}
