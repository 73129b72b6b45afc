// Ratings of answers: 👍/👎 buttons, "hữu ích" / "sai rồi" typed after an answer, and /danhgia to get the buttons again.
import { currentStep, promptStep, startDialogue } from '../dialogue-runner.js';
import { BUILTIN_DIALOGUES } from '../dialogues/builtin.js';
import { lastAnswer, recentRatableAnswer } from '../recent-answers.js';
import { rateButtons, say, sayWith } from '../reply-helpers.js';
import { cutText } from '../sanitize-input.js';
import type { IntentOf, Turn, TurnDeps } from '../turn.js';
import { typedRating } from './rule-classifier.js';

/** Records a rating of the answer `ref`; a 👎 outside a dialogue asks why. */
export async function rateAnswer(turn: Turn, rating: 'up' | 'down', ref: string, deps: TurnDeps): Promise<void> {
  const R = deps.replies;
  const entry = turn.context.answers?.find((a) => a.ref === ref);
  // a rating button pressed in the middle of a dialogue is taken, then the dialogue goes on where it was
  const inDialogue = turn.dialog !== null && currentStep(turn, deps) !== undefined;
  if (!entry || entry.rated) {
    say(turn, entry ? R.alreadyRated : R.ratingExpired, deps);
    if (inDialogue) promptStep(turn, deps);
    return;
  }
  entry.rated = rating;
  turn.effects.push({
    type: 'feedback',
    answerRef: ref,
    rating,
    question: entry.question,
    answer: entry.answer,
    docCodes: entry.docCodes,
  });
  if (rating === 'up') {
    say(turn, R.ratedUp, deps);
    if (inDialogue) promptStep(turn, deps);
    return;
  }
  if (!entry.abstained) {
    turn.effects.push({
      type: 'queue-question',
      answerRef: ref,
      channel: turn.message.channel,
      question: entry.question,
      reason: 'thumbs_down',
      docCodes: entry.docCodes,
    });
  }
  if (inDialogue) {
    say(turn, R.ratedDownNoted, deps);
    promptStep(turn, deps);
    return;
  }
  await startDialogue(turn, BUILTIN_DIALOGUES.rateAnswer, { ref }, deps);
}

/** A rating typed as a command: it is about the last answer. */
export async function rateLastAnswer(turn: Turn, intent: IntentOf<'rate'>, deps: TurnDeps): Promise<void> {
  const last = lastAnswer(turn);
  if (!last) {
    say(turn, deps.replies.nothingToRate, deps);
    return;
  }
  await rateAnswer(turn, intent.rating, last.ref, deps);
}

/**
 * "sai rồi", "hữu ích": a verdict on the answer just given. False when the text is no verdict or there is no recent
 * answer to apply it to: then it is a message like any other.
 */
export async function rateTypedVerdict(turn: Turn, folded: string, deps: TurnDeps): Promise<boolean> {
  const { text, attachments } = turn.input;
  const typed = attachments.length === 0 ? typedRating(text, folded) : undefined;
  const rated = typed ? recentRatableAnswer(turn, deps) : undefined;
  if (!typed || !rated) return false;
  await rateAnswer(turn, typed, rated.ref, deps);
  return true;
}

/** /danhgia: the rating buttons of the last answer again. */
export function ratePrompt(turn: Turn, _intent: IntentOf<'rate_prompt'>, deps: TurnDeps): void {
  const R = deps.replies;
  const last = recentRatableAnswer(turn, deps);
  if (!last) {
    say(turn, R.nothingRecentToRate, deps);
    return;
  }
  if (last.rated) {
    say(turn, R.alreadyRated, deps);
    return;
  }
  sayWith(turn, R.ratePrompt(cutText(last.question, 120)), rateButtons(last.ref, deps), deps);
}
