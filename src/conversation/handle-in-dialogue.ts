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
    if (intent.kind === 'cancel') return cancelDialogue(turn, deps);
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
    const step = currentStep(turn, deps);
    if (step?.onOtherRequest && matchChoice(text, step.prompt(contextFor(turn, deps)).choices ?? []) === undefined) {
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
