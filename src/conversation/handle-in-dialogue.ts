// A message typed while a dialogue waits for input: the step's answer, unless it cancels, is a command or another request.
import {
  abandonDialogue,
  applyTransition,
  cancelDialogue,
  contextFor,
  currentStep,
  handleStepInput,
  promptStep,
} from './dialogue-runner.js';
import { handleIdle } from './handle-idle.js';
import { runIntent } from './intents/router.js';
import { anotherRequest, classifyText, foldForMatching } from './intents/rule-classifier.js';
import { matchChoice } from './match-choice.js';
import { helpText, say } from './reply-helpers.js';
import type { Turn, TurnDeps } from './turn.js';

export async function handleInDialogue(turn: Turn, deps: TurnDeps): Promise<void> {
  const { text, attachments } = turn.input;
  if (text !== '') {
    const folded = foldForMatching(text);
    const intent = classifyText(text, folded);
    const step = currentStep(turn, deps);
    const choices = step ? (step.prompt(contextFor(turn, deps)).choices ?? []) : [];
    // a word that is also one of the step's choices ("đúng", "bỏ qua") answers the step rather than cancelling it
    if (intent.kind === 'cancel' && matchChoice(text, choices) === undefined) return cancelDialogue(turn, deps);
    const command = text.startsWith('/') ? intent : undefined;
    if (command?.kind === 'help' || command?.kind === 'greeting') {
      say(turn, helpText(deps), deps);
      say(turn, deps.replies.inDialogueHelp, deps);
      promptStep(turn, deps);
      return;
    }
    if (command) {
      abandonDialogue(turn, deps);
      return runIntent(turn, command, deps);
    }
    if (step?.onOtherRequest && matchChoice(text, choices) === undefined) {
      const other = anotherRequest(text, intent, folded);
      const outcome = other ? step.onOtherRequest(other, contextFor(turn, deps)) : undefined;
      if (outcome?.type === 'leave') {
        await applyTransition(turn, { ...outcome, type: 'end' }, deps);
        return handleIdle(turn, deps, { folded, intent });
      }
      if (outcome) return applyTransition(turn, outcome, deps);
    }
  }
  return handleStepInput(turn, { text, attachments }, deps);
}
