// Answers a question in a turn: asks the knowledge base, remembers the answer for follow-ups and ratings, adds its buttons.
import { randomBytes } from 'node:crypto';
import type { Answer } from '../knowledge/index.js';
import { describeError } from '../shared/describe-error.js';
import { actions, type IntentAction } from './actions.js';
import type { Answerer, IntakeKind, RecentAnswer } from './ports.js';
import { quick, rateButtons, say, sayWith } from './reply-helpers.js';
import { cutText } from './sanitize-input.js';
import type { Turn, TurnDeps } from './turn.js';
import type { QuickReply } from './types.js';

const MAX_RECENT_ANSWERS = 5;
const MAX_STORED_ANSWER_CHARS = 1500;

const KIND_INTENT_ACTION: Partial<Record<IntakeKind, IntentAction>> = {
  petition: 'petition',
  complaint: 'complaint',
  denunciation: 'denunciation',
};

export interface GiveAnswerOptions {
  /** Answer about this procedure (a follow-up on the previous answer). */
  focusCode?: string | undefined;
  /** The question was how to file one of these: offer the intake under the answer. */
  offerIntake?: IntakeKind | undefined;
  /**
   * The knowledge base asks back which variant of a procedure is meant: start the dialogue that asks. Without
   * it (a caller that cannot ask back), the best variant is answered.
   */
  onClarify?: ((clarify: NonNullable<Answer['clarify']>, question: string, best: string) => Promise<void>) | undefined;
}

function newRef(): string {
  return randomBytes(6).toString('base64url');
}

/**
 * Kept out of intents/ask.ts: the dialogue runner answers too (a dialogue's `ask` transition), and ask.ts needs
 * the runner.
 */
export async function giveAnswer(
  turn: Turn,
  question: string,
  deps: TurnDeps,
  { focusCode, offerIntake, onClarify }: GiveAnswerOptions = {},
): Promise<void> {
  const R = deps.replies;
  let q = question;
  if (q.length > deps.maxQuestionChars) {
    q = cutText(q, deps.maxQuestionChars);
    say(turn, R.questionTruncated(q.length), deps);
  }
  let result: Awaited<ReturnType<Answerer['ask']>>;
  try {
    result = await deps.answerer.ask(q, focusCode ? { focusCode } : undefined);
    const clarify = result.clarify;
    // the best-ranked variant is answered when asking back is not possible or not wanted
    const best = clarify ? (result.docCodes[0] ?? clarify.options[0]?.code) : undefined;
    if (clarify && best && clarify.options.length >= 2 && onClarify) return await onClarify(clarify, q, best);
    if (best) result = await deps.answerer.ask(q, { focusCode: best });
  } catch (error) {
    deps.logger?.error({ ...describeError(error), residentId: turn.residentId }, 'answerer failed');
    turn.effects.push({
      type: 'queue-question',
      channel: turn.message.channel,
      question: q,
      reason: 'error',
      docCodes: [],
    });
    say(turn, R.answererFailed, deps);
    return;
  }
  const ref = newRef();
  const docCodes = result.docCodes.slice(0, 10);
  const recent: RecentAnswer = {
    ref,
    question: q,
    answer: cutText(result.text, MAX_STORED_ANSWER_CHARS),
    docCodes,
    abstained: result.abstained,
    at: turn.now.toISOString(),
  };
  turn.context.answers = [...(turn.context.answers ?? []), recent].slice(-MAX_RECENT_ANSWERS);
  if (!result.abstained && result.focus) {
    turn.context.focus = { code: result.focus.code, title: result.focus.title, at: turn.now.toISOString() };
  }
  const buttons: Array<QuickReply | undefined> = [];
  if (result.abstained) {
    turn.effects.push({
      type: 'queue-question',
      answerRef: ref,
      channel: turn.message.channel,
      question: q,
      reason: 'abstain',
      docCodes,
    });
    buttons.push(quick(R.handToStaffLabel, actions.staff(ref), deps));
    // the button above files it in one tap; this one is the intake, for a resident who wants to add more
    if (deps.tickets?.fileQuestion && deps.isIntakeAvailable())
      buttons.push(quick(R.handToStaffDetailsLabel, actions.staff(ref, 'details'), deps));
  } else {
    if (result.more) buttons.push(quick(R.moreLabel, actions.more(result.more.code, result.more.aspect), deps));
    buttons.push(...rateButtons(ref, deps));
  }
  const intakeAction = offerIntake ? KIND_INTENT_ACTION[offerIntake] : undefined;
  if (intakeAction && deps.isIntakeAvailable())
    buttons.push(quick(R.offerIntakeLabel(offerIntake as IntakeKind), actions.intent(intakeAction), deps));
  sayWith(turn, result.text.trim() === '' ? R.emptyAnswer : result.text, buttons, deps);
}
