// A pressed button: a dialogue's choice, cancel, an intent, a rating, a hand-over to staff, or another context's prefix.
import { dialogueTag, parseAction } from './actions.js';
import {
  abandonDialogue,
  applyTransition,
  cancelDialogue,
  contextFor,
  currentStep,
  guarded,
  handleStepInput,
  promptStep,
  startDialogue,
} from './dialogue-runner.js';
import { BUILTIN_DIALOGUES } from './dialogues/builtin.js';
import { giveAnswer } from './give-answer.js';
import { rateAnswer } from './intents/rate.js';
import { runIntentAction } from './intents/router.js';
import { menuButtons, say, sayWith } from './reply-helpers.js';
import type { Turn, TurnDeps } from './turn.js';

export async function handleAction(turn: Turn, action: string, deps: TurnDeps): Promise<void> {
  const R = deps.replies;
  const parsed = parseAction(action, deps.registry.actionPrefixes);
  switch (parsed.type) {
    case 'cancel':
      return cancelDialogue(turn, deps);
    case 'choice':
      // a button of this very dialogue's current step: a button of another dialogue (or an older version) is stale
      if (turn.dialog && parsed.dialogue === dialogueTag(turn.dialog) && turn.step === parsed.step) {
        return handleStepInput(turn, { text: '', choice: parsed.value, attachments: [] }, deps);
      }
      if (turn.dialog && currentStep(turn, deps)) {
        say(turn, R.staleButton, deps);
        promptStep(turn, deps);
        return;
      }
      sayWith(turn, R.unknownButton, menuButtons(deps), deps);
      return;
    case 'intent':
      abandonDialogue(turn, deps);
      return runIntentAction(turn, parsed.intent, deps);
    case 'rate':
      return rateAnswer(turn, parsed.rating, parsed.ref, deps);
    case 'staff':
      abandonDialogue(turn, deps);
      return startDialogue(
        turn,
        BUILTIN_DIALOGUES.handToStaff,
        parsed.details ? { ref: parsed.ref, details: true } : { ref: parsed.ref },
        deps,
      );
    case 'more':
      // the same answer path as a typed follow-up, about that document: the writer quotes the whole section
      abandonDialogue(turn, deps);
      return giveAnswer(turn, R.wholeSectionQuestion(parsed.aspect), deps, { focusCode: parsed.code });
    case 'custom': {
      const handler = deps.registry.action(parsed.prefix);
      if (!handler) break;
      const transition = await guarded(() => handler.handle({ args: parsed.args, ctx: contextFor(turn, deps) }), 'end');
      if (transition.type === 'start' || transition.type === 'ask') {
        abandonDialogue(turn, deps);
        return applyTransition(turn, transition, deps);
      }
      // a later button (e.g. from the outbox) must not disturb a dialogue in progress: say, then re-prompt
      turn.effects.push(...(transition.effects ?? []));
      for (const item of transition.say ?? []) say(turn, item, deps);
      if (turn.dialog && currentStep(turn, deps)) promptStep(turn, deps);
      return;
    }
    case 'unknown':
      break;
  }
  say(turn, R.unknownButton, deps);
  if (turn.dialog && currentStep(turn, deps)) promptStep(turn, deps);
}
