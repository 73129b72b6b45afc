// The core's own dialogues: clarify a vague question, choose a procedure's variant, hand a question to staff, why an answer was wrong,
// tracking-code lookup, erase my data, and the offer to file what looks like a petition.

import { actions } from '../actions.js';
import { eraseResidentData } from '../erase-resident-data.js';
import { foldForMatching, followUpQuestion, namesSomething } from '../intents/rule-classifier.js';
import { lookUpTicket } from '../look-up-ticket.js';
import type {
  FeedbackReason,
  IntakeKind,
  JsonObject,
  RecentAnswer,
  ResidentDataHolder,
  StoreEffect,
  TicketDesk,
} from '../ports.js';
import type { Replies } from '../replies.js';
import { cutText } from '../sanitize-input.js';
import { findTrackingCode } from '../tracking-code.js';
import { CHOOSE_VARIANT_DIALOGUE, createChooseVariantDialogue } from './choose-variant.js';
import {
  type DialogueContext,
  type DialogueDefinition,
  type DialogueTransition,
  defineDialogue,
  INTAKE_DIALOGUE,
  type LeaveTransition,
} from './dialogue.js';

export const BUILTIN_DIALOGUES = {
  clarify: 'clarify-procedure',
  chooseVariant: CHOOSE_VARIANT_DIALOGUE,
  handToStaff: 'hand-to-staff',
  rateAnswer: 'rate-answer',
  track: 'track-ticket',
  erase: 'erase-data',
  offerIntake: 'offer-intake',
} as const;

export interface BuiltinDialogueDeps {
  replies: Replies;
  tickets: TicketDesk | undefined;
  holders: ResidentDataHolder[];
  isIntakeAvailable: () => boolean;
}

const MAX_COMMENT_CHARS = 1000;
const MAX_TRACK_ATTEMPTS = 3;

function str(data: JsonObject, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' ? value : undefined;
}

/** Another request typed at a step: the step is dropped quietly and the request answered instead. */
const LEAVE: LeaveTransition = { type: 'leave' };

function findAnswer(ctx: DialogueContext, ref: string | undefined): RecentAnswer | undefined {
  return ref === undefined ? undefined : ctx.conversation.answers?.find((a) => a.ref === ref);
}

/** The effect that queues an answered-badly or unanswered question for staff (the intake uses it too). */
export function escalationEffect(
  answer: Pick<RecentAnswer, 'ref' | 'question' | 'docCodes'>,
  ctx: Pick<DialogueContext, 'resident'>,
  ticketCode?: string | undefined,
): StoreEffect {
  return {
    type: 'escalate-question',
    answerRef: answer.ref,
    channel: ctx.resident.channel,
    question: answer.question,
    docCodes: answer.docCodes,
    ...(ticketCode ? { ticketCode } : {}),
  };
}

export function createBuiltinDialogues(deps: BuiltinDialogueDeps): DialogueDefinition[] {
  const R = deps.replies;

  const clarify = defineDialogue({
    name: BUILTIN_DIALOGUES.clarify,
    start: (_ctx, seed) => ({ type: 'goto', step: 'procedure', data: seed }),
    steps: {
      procedure: {
        prompt: (ctx) => {
          const title = str(ctx.data, 'recentTitle');
          return {
            text: R.clarifyProcedure(str(ctx.data, 'question') ?? ''),
            choices: title && str(ctx.data, 'recentCode') ? [{ label: cutText(title, 60), value: 'recent' }] : [],
          };
        },
        accepts: { text: true },
        handle: (input, ctx) => {
          const question = str(ctx.data, 'question') ?? '';
          if (input.choice === 'recent') {
            return {
              type: 'ask',
              question: followUpQuestion(question, str(ctx.data, 'recentTitle') ?? ''),
              focusCode: str(ctx.data, 'recentCode'),
            };
          }
          const folded = foldForMatching(input.text);
          if (!namesSomething(folded)) return { type: 'stay', say: [R.clarifyNeedsName], reprompt: false };
          return { type: 'ask', question: `${input.text} ${question}` };
        },
        // "khai sinh thì sao?" names the procedure asked for; a wish to file, a code or help is something else
        onOtherRequest: (intent) => (intent.kind === 'ask' ? undefined : LEAVE),
      },
    },
  });

  /** The intake, pre-filled with the question; the ticket it creates is the hand-over. */
  const questionIntake = (answer: RecentAnswer): DialogueTransition => ({
    type: 'start',
    dialogue: INTAKE_DIALOGUE,
    seed: {
      kind: 'question',
      description: answer.question,
      question: { text: answer.question, docCodes: answer.docCodes, ref: answer.ref },
    },
  });

  const handToStaff = defineDialogue({
    name: BUILTIN_DIALOGUES.handToStaff,
    start: async (ctx, seed) => {
      const answer = findAnswer(ctx, str(seed, 'ref'));
      if (!answer) return { type: 'end', say: [R.handToStaffUnknown] };
      if (answer.escalated) return { type: 'end', say: [R.alreadyHanded] };
      // "Thêm chi tiết / để lại liên hệ": the long way, through the intake
      if (seed.details === true && deps.isIntakeAvailable()) return questionIntake(answer);
      if (deps.tickets?.fileQuestion) {
        // one tap: a ticket at once (idempotent on this message), its answer coming back to this chat
        const filed = await deps.tickets.fileQuestion({
          question: answer.question,
          residentId: ctx.resident.id,
          channel: ctx.resident.channel,
          channelUserId: ctx.resident.channelUserId,
          messageKey: ctx.messageKey,
        });
        answer.escalated = true;
        return {
          type: 'end',
          say: [filed.text],
          effects: [escalationEffect(answer, ctx, filed.code)],
        };
      }
      return { type: 'goto', step: 'confirm', data: { ref: answer.ref } };
    },
    steps: {
      confirm: {
        prompt: (ctx) => ({
          text: R.handToStaffConfirm(findAnswer(ctx, str(ctx.data, 'ref'))?.question ?? '', deps.isIntakeAvailable()),
          choices: [
            { label: R.handToStaffYes, value: 'yes' },
            { label: R.handToStaffNo, value: 'no' },
          ],
        }),
        handle: (input, ctx) => {
          const answer = findAnswer(ctx, str(ctx.data, 'ref'));
          if (!answer) return { type: 'end', say: [R.handToStaffUnknown] };
          if (input.choice !== 'yes') return { type: 'end', say: [R.handToStaffDeclined] };
          // with the intake, the ticket it creates is the hand-over; cancelling it leaves the question free to hand again
          if (deps.isIntakeAvailable()) return questionIntake(answer);
          answer.escalated = true;
          return {
            type: 'end',
            say: [R.handedToStaffQueue],
            effects: [escalationEffect(answer, ctx)],
          };
        },
        onOtherRequest: () => LEAVE,
      },
    },
  });

  const reasons: FeedbackReason[] = ['wrong_procedure', 'missing_info', 'incorrect', 'unclear'];
  const rateAnswer = defineDialogue({
    name: BUILTIN_DIALOGUES.rateAnswer,
    start: (_ctx, seed) => ({ type: 'goto', step: 'reason', data: { ref: str(seed, 'ref') ?? '' } }),
    steps: {
      reason: {
        prompt: () => ({
          text: R.ratingReasonPrompt,
          choices: [
            ...reasons.map((r) => ({ label: R.ratingReasonLabels[r as keyof typeof R.ratingReasonLabels], value: r })),
            { label: R.ratingReasonLabels.skip, value: 'skip' },
          ],
          cancellable: false,
        }),
        accepts: { text: true },
        handle: (input, ctx) => {
          const ref = str(ctx.data, 'ref') ?? '';
          if (input.choice === 'skip') return { type: 'end', say: [R.ratingReasonSkipped] };
          const reason: FeedbackReason =
            input.choice && (reasons as string[]).includes(input.choice) ? (input.choice as FeedbackReason) : 'other';
          const comment = reason === 'other' ? cutText(input.text, MAX_COMMENT_CHARS) : undefined;
          const answer = findAnswer(ctx, ref);
          const offerStaff = answer !== undefined && !answer.escalated;
          return {
            type: 'end',
            effects: [{ type: 'feedback-detail', answerRef: ref, reason, comment }],
            say: [
              {
                text: R.ratingReasonThanks,
                quickReplies: offerStaff ? [{ label: R.handToStaffLabel, action: actions.staff(ref) }] : [],
                attachments: [],
              },
            ],
          };
        },
        // What a resident types here is the reason, even when it reads like a question ("sai rồi, tôi hỏi khai sinh
        // quá hạn cơ mà?"): it is recorded, and the question in it is answered too. A request of another kind (a
        // code to look up, filing, help, a person) leaves the 👎 without a reason and is handled as such.
        onOtherRequest: (intent, ctx) => {
          if (intent.kind === 'thanks') return { type: 'end', say: [R.ratingReasonSkipped] };
          if (intent.kind !== 'ask') return { type: 'leave', say: [R.ratingReasonSkipped] };
          const ref = str(ctx.data, 'ref') ?? '';
          return {
            type: 'ask',
            question: intent.question,
            say: [R.ratingReasonThanks],
            effects: [
              {
                type: 'feedback-detail',
                answerRef: ref,
                reason: 'other',
                comment: cutText(intent.question, MAX_COMMENT_CHARS),
              },
            ],
          };
        },
      },
    },
  });

  const track = defineDialogue({
    name: BUILTIN_DIALOGUES.track,
    start: async (ctx, seed) => {
      const code = str(seed, 'code');
      if (code && deps.tickets)
        return { type: 'end', say: await lookUpTicket({ tickets: deps.tickets, replies: R, code, ctx }) };
      return { type: 'goto', step: 'code', data: { attempts: 0 } };
    },
    steps: {
      code: {
        prompt: () => ({ text: R.trackPrompt }),
        handle: async (input, ctx) => {
          const code = findTrackingCode(input.text);
          if (code && deps.tickets)
            return { type: 'end', say: await lookUpTicket({ tickets: deps.tickets, replies: R, code, ctx }) };
          const attempts = (typeof ctx.data.attempts === 'number' ? ctx.data.attempts : 0) + 1;
          if (attempts >= MAX_TRACK_ATTEMPTS) return { type: 'end', say: [R.trackGaveUp] };
          return { type: 'stay', data: { ...ctx.data, attempts }, say: [R.trackBadFormat], reprompt: false };
        },
        // a code (or "tra cứu" again) is this step's input; "tôi muốn gửi phản ánh" is not a malformed code
        onOtherRequest: (intent) => (intent.kind === 'track' ? undefined : LEAVE),
      },
    },
  });

  const erase = defineDialogue({
    name: BUILTIN_DIALOGUES.erase,
    start: () => ({ type: 'goto', step: 'confirm', data: {} }),
    steps: {
      confirm: {
        prompt: () => ({
          text: R.eraseConfirm,
          choices: [
            { label: R.eraseYes, value: 'yes' },
            { label: R.eraseNo, value: 'no' },
          ],
        }),
        handle: async (input, ctx) => {
          if (input.choice !== 'yes') return { type: 'end', say: [R.eraseDeclined] };
          const { keepIdentity, effect } = await eraseResidentData({
            holders: deps.holders,
            residentId: ctx.resident.id,
            messageKey: ctx.messageKey,
          });
          ctx.conversation.answers = undefined;
          ctx.conversation.focus = undefined;
          return { type: 'end', effects: [effect], say: [R.erased(keepIdentity)] };
        },
        onOtherRequest: () => LEAVE,
      },
    },
  });

  const offerIntake = defineDialogue({
    name: BUILTIN_DIALOGUES.offerIntake,
    start: (_ctx, seed) => ({ type: 'goto', step: 'confirm', data: seed }),
    steps: {
      confirm: {
        prompt: (ctx) => {
          const kind = (str(ctx.data, 'kind') ?? 'petition') as IntakeKind;
          const description = str(ctx.data, 'description');
          // the message's question was answered just before: the offer is about the grievance it told
          if (description && ctx.data.answered === true)
            return {
              text: R.offerIntakeAfterAnswer(kind),
              choices: [
                { label: R.offerIntakeLabel(kind), value: 'yes' },
                { label: R.offerIntakeAfterAnswerNo, value: 'no' },
              ],
            };
          return {
            text: description ? R.offerIntake(kind) : R.mediaOfferIntake,
            choices: [
              { label: R.offerIntakeLabel(kind), value: 'yes' },
              { label: description ? R.offerIntakeNo : R.handToStaffNo, value: 'no' },
            ],
          };
        },
        handle: (input, ctx) => {
          const description = str(ctx.data, 'description');
          if (input.choice === 'yes') {
            const { answered: _answered, ...seed } = ctx.data;
            return { type: 'start', dialogue: INTAKE_DIALOGUE, seed };
          }
          if (description && ctx.data.answered === true)
            return { type: 'end', say: [R.offerIntakeAfterAnswerDeclined] };
          if (description) return { type: 'ask', question: description };
          return { type: 'end', say: [R.handToStaffDeclined] };
        },
        // "tôi muốn gửi phản ánh" after sharing a photo or a place means yes, and keeps what was shared
        onOtherRequest: (intent, ctx) =>
          intent.kind === 'intake'
            ? {
                type: 'start',
                dialogue: INTAKE_DIALOGUE,
                seed: { ...ctx.data, kind: intent.ticketKind ?? str(ctx.data, 'kind') ?? 'petition' },
              }
            : LEAVE,
      },
    },
  });

  return [clarify, createChooseVariantDialogue(), handToStaff, rateAnswer, track, erase, offerIntake];
}
