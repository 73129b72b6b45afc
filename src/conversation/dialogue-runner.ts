// Runs dialogues within a turn: start, apply a transition, prompt a step, take a step's input, cancel or abandon.
import { isAppError } from '../shared/errors.js';
import { actions } from './actions.js';
import { CHOOSE_VARIANT_DIALOGUE, chooseVariantSeed } from './dialogues/choose-variant.js';
import type { DialogueContext, DialogueStep, DialogueTransition } from './dialogues/dialogue.js';
import { giveAnswer } from './give-answer.js';
import { matchChoice } from './match-choice.js';
import type { JsonObject } from './ports.js';
import { menuButtons, quick, say, sayWith } from './reply-helpers.js';
import type { Turn, TurnDeps } from './turn.js';
import type { IncomingMessage } from './types.js';

const MAX_CHAINED_DIALOGUES = 4;

export function contextFor(turn: Turn, deps: TurnDeps): DialogueContext {
  return {
    resident: {
      id: turn.residentId,
      channel: turn.message.channel,
      channelUserId: turn.message.channelUserId,
      clientAddress: turn.message.clientAddress,
    },
    capabilities: deps.capabilitiesOf(turn.message.channel),
    messageKey: turn.messageKey,
    now: turn.now,
    data: structuredClone(turn.data),
    addressForm: deps.addressForm,
    you: deps.addressForm,
    conversation: turn.context,
  };
}

/** The step the turn's dialogue is at; undefined when idle or when the saved dialogue or step no longer exists. */
export function currentStep(turn: Turn, deps: TurnDeps): DialogueStep | undefined {
  const definition = turn.dialog ? deps.registry.get(turn.dialog) : undefined;
  return definition && turn.step && Object.hasOwn(definition.steps, turn.step)
    ? definition.steps[turn.step]
    : undefined;
}

export function endDialogue(turn: Turn): void {
  turn.dialog = null;
  turn.step = null;
  turn.data = {};
}

export function promptStep(turn: Turn, deps: TurnDeps): void {
  const step = currentStep(turn, deps);
  if (!step) throw new Error(`Dialogue ${turn.dialog} has no step ${turn.step}`);
  const prompt = step.prompt(contextFor(turn, deps));
  const buttons = (prompt.choices ?? []).map((c) =>
    quick(c.label, actions.choice(turn.dialog as string, turn.step as string, c.value), deps),
  );
  if (prompt.cancellable !== false) buttons.push(quick(deps.replies.cancelLabel, actions.cancel(), deps));
  sayWith(turn, prompt.text, buttons, deps);
}

export async function startDialogue(
  turn: Turn,
  name: string,
  seed: JsonObject,
  deps: TurnDeps,
  depth = 0,
): Promise<void> {
  const definition = deps.registry.get(name);
  if (!definition) {
    // only the intake can be missing: it belongs to the tickets context
    say(turn, deps.replies.intakeNotEnabled, deps);
    return;
  }
  if (depth > MAX_CHAINED_DIALOGUES) throw new Error(`Dialogues chained more than ${MAX_CHAINED_DIALOGUES} times`);
  turn.dialog = name;
  turn.step = null;
  turn.data = {};
  const transition = await guarded(() => definition.start(contextFor(turn, deps), seed), 'end');
  await applyTransition(turn, transition, deps, depth);
}

/** `depth`: how many dialogues this turn has chained so far (a cycle of `start`s must end). */
export async function applyTransition(
  turn: Turn,
  transition: DialogueTransition,
  deps: TurnDeps,
  depth = 0,
): Promise<void> {
  turn.effects.push(...(transition.effects ?? []));
  for (const item of transition.say ?? []) say(turn, item, deps);
  switch (transition.type) {
    case 'goto':
      turn.step = transition.step;
      if (transition.data !== undefined) turn.data = transition.data;
      promptStep(turn, deps);
      return;
    case 'stay':
      if (transition.data !== undefined) turn.data = transition.data;
      if (transition.reprompt !== false) promptStep(turn, deps);
      return;
    case 'end':
      endDialogue(turn);
      return;
    case 'start':
      endDialogue(turn);
      await startDialogue(turn, transition.dialogue, transition.seed ?? {}, deps, depth + 1);
      return;
    case 'ask':
      endDialogue(turn);
      await giveAnswer(turn, transition.question, deps, {
        focusCode: transition.focusCode,
        onClarify: (clarify, question, best) =>
          startDialogue(turn, CHOOSE_VARIANT_DIALOGUE, chooseVariantSeed(question, clarify, best), deps, depth + 1),
      });
      return;
  }
}

/**
 * Runs a step, start or button handler of a dialogue. A deliberate AppError (e.g. BAD_INPUT from a validator or a
 * use case) is said to the resident and the step asked again (`stay`) or the dialogue ended (`end`); bugs propagate.
 */
export async function guarded(
  run: () => DialogueTransition | Promise<DialogueTransition>,
  onError: 'stay' | 'end' = 'stay',
): Promise<DialogueTransition> {
  try {
    return await run();
  } catch (error) {
    if (!isAppError(error) || error.code === 'INTERNAL') throw error;
    return onError === 'stay' ? { type: 'stay', say: [error.userMessage] } : { type: 'end', say: [error.userMessage] };
  }
}

/** What the resident sent to the current step: typed text, or a pressed choice (`text` then empty). */
export interface StepInputRaw {
  text: string;
  choice?: string | undefined;
  attachments: IncomingMessage['attachments'];
}

export async function handleStepInput(turn: Turn, raw: StepInputRaw, deps: TurnDeps): Promise<void> {
  const R = deps.replies;
  const step = currentStep(turn, deps);
  if (!step) {
    say(turn, R.dialogLost, deps);
    endDialogue(turn);
    return;
  }
  const ctx = contextFor(turn, deps);
  const choices = step.prompt(ctx).choices ?? [];
  const acceptsText = step.accepts?.text ?? choices.length === 0;
  const acceptedKinds = step.accepts?.attachments ?? [];
  const accepted = raw.attachments.filter((a) => acceptedKinds.includes(a.kind));
  const rejected = raw.attachments.length - accepted.length;
  let choice = raw.choice;

  if (choice !== undefined) {
    if (!choices.some((c) => c.value === choice)) {
      say(turn, R.staleButton, deps);
      promptStep(turn, deps);
      return;
    }
  } else if (raw.text !== '') {
    choice = matchChoice(raw.text, choices)?.value;
    if (choice === undefined && !acceptsText) {
      say(turn, choices.length > 0 ? R.chooseOne : R.stepNeedsText, deps);
      promptStep(turn, deps);
      return;
    }
  }
  const hasInput = raw.text !== '' || choice !== undefined || accepted.length > 0;
  if (rejected > 0) {
    say(turn, hasInput ? R.stepIgnoresAttachments : choices.length > 0 ? R.chooseOne : R.stepNeedsText, deps);
    if (!hasInput) {
      promptStep(turn, deps);
      return;
    }
  } else if (!hasInput) {
    say(turn, R.stepEmpty, deps);
    promptStep(turn, deps);
    return;
  }
  const transition = await guarded(() => step.handle({ text: raw.text, choice, attachments: accepted }, ctx));
  await applyTransition(turn, transition, deps);
}

export function cancelDialogue(turn: Turn, deps: TurnDeps): void {
  if (!turn.dialog) {
    sayWith(turn, deps.replies.nothingToCancel, menuButtons(deps), deps);
    return;
  }
  endDialogue(turn);
  sayWith(turn, deps.replies.cancelled, menuButtons(deps), deps);
}

/** Another request took over: the dialogue in progress ends, and the resident is told. */
export function abandonDialogue(turn: Turn, deps: TurnDeps): void {
  if (!turn.dialog) return;
  endDialogue(turn);
  say(turn, deps.replies.dialogAbandoned, deps);
}
