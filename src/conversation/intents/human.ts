// "Talk to a person": no officer chats live, so offer what reaches one — the question to staff, the intake, a contact.
import { actions } from '../actions.js';
import { lastAnswer } from '../recent-answers.js';
import { quick, sayWith } from '../reply-helpers.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';

export function human(turn: Turn, _intent: IntentOf<'human'>, deps: TurnDeps): void {
  const R = deps.replies;
  const last = lastAnswer(turn);
  const canHand = last !== undefined && !last.escalated;
  const intake = deps.isIntakeAvailable();
  sayWith(
    turn,
    R.human({ hasQuestion: canHand, intake, contact: deps.supportContact }),
    [
      canHand ? quick(R.handToStaffLabel, actions.staff(last.ref), deps) : undefined,
      intake ? quick(R.menuLabels.petition, actions.intent('petition'), deps) : undefined,
    ],
    deps,
  );
}
