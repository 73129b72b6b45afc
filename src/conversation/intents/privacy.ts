// A resident's personal data: what every context keeps about them, and erasing it (after a confirmation).
import { actions } from '../actions.js';
import { describeResidentData } from '../describe-resident-data.js';
import { startDialogue } from '../dialogue-runner.js';
import { BUILTIN_DIALOGUES } from '../dialogues/builtin.js';
import { quick, sayWith } from '../reply-helpers.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';

export async function privacyReport(turn: Turn, _intent: IntentOf<'privacy_report'>, deps: TurnDeps): Promise<void> {
  const R = deps.replies;
  const { summary, others } = await describeResidentData({
    store: deps.store,
    holders: deps.holders,
    residentId: turn.residentId,
    context: turn.context,
  });
  sayWith(turn, R.privacyReport(summary, others), [quick(R.eraseLabel, actions.intent('erase'), deps)], deps);
}

export async function privacyErase(turn: Turn, _intent: IntentOf<'privacy_erase'>, deps: TurnDeps): Promise<void> {
  await startDialogue(turn, BUILTIN_DIALOGUES.erase, {}, deps);
}
