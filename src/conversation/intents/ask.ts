// A question: answered at once, as a follow-up on the procedure just discussed, or after asking which procedure.
import { startDialogue } from '../dialogue-runner.js';
import { BUILTIN_DIALOGUES } from '../dialogues/builtin.js';
import { chooseVariantSeed } from '../dialogues/choose-variant.js';
import { type GiveAnswerOptions, giveAnswer } from '../give-answer.js';
import type { JsonObject } from '../ports.js';
import { isWithinFollowUpWindow } from '../recent-answers.js';
import { say } from '../reply-helpers.js';
import { cutText } from '../sanitize-input.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';
import { followUpQuestion } from './rule-classifier.js';

export async function ask(turn: Turn, intent: IntentOf<'ask'>, deps: TurnDeps): Promise<void> {
  if (intent.grievance) return answerThenOfferIntake(turn, intent, intent.grievance, deps);
  if (!intent.aspectOnly) {
    await giveAnswer(turn, intent.question, deps, { offerIntake: intent.offerIntake, onClarify: askBack(turn, deps) });
    return;
  }
  const focus = turn.context.focus;
  if (focus && isWithinFollowUpWindow(turn, focus.at, deps)) {
    await giveAnswer(turn, followUpQuestion(intent.question, focus.title), deps, { focusCode: focus.code });
    return;
  }
  const seed: JsonObject = { question: cutText(intent.question, 200) };
  if (focus) {
    seed.recentCode = focus.code;
    seed.recentTitle = focus.title;
  }
  await startDialogue(turn, BUILTIN_DIALOGUES.clarify, seed, deps);
}

/**
 * A question asked alongside a grievance of the resident's own ("hồ sơ nộp 4 tháng chưa có; cho hỏi tách thửa…"):
 * the question is answered, then filing the grievance is offered with its words filled in (a button, never forced).
 */
async function answerThenOfferIntake(
  turn: Turn,
  intent: IntentOf<'ask'>,
  grievance: NonNullable<IntentOf<'ask'>['grievance']>,
  deps: TurnDeps,
): Promise<void> {
  // no asking back here: the offer to file comes next (the best variant is answered)
  await giveAnswer(turn, intent.question, deps);
  if (!deps.isIntakeAvailable()) return;
  const seed: JsonObject = { kind: grievance.ticketKind, description: grievance.description, answered: true };
  await startDialogue(turn, BUILTIN_DIALOGUES.offerIntake, seed, deps);
}

/** The best procedures are variants of one another and the question does not say which: ask once, with buttons. */
function askBack(turn: Turn, deps: TurnDeps): GiveAnswerOptions['onClarify'] {
  return (clarify, question, best) =>
    startDialogue(turn, BUILTIN_DIALOGUES.chooseVariant, chooseVariantSeed(question, clarify, best), deps);
}

/** The "ask" button: an invitation to type the question. */
export function inviteQuestion(turn: Turn, deps: TurnDeps): void {
  say(turn, deps.replies.askPrompt, deps);
}
