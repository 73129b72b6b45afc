// The tickets context as the conversation core sees it: the TicketDesk port (lookup, typed dispute, one-tap
// question, "what do you keep about me" with the data itself, erasure) and the `tk:` button handler
// (resolved? / 1–5 rating / dispute / keep / lookup), and the dialogues it adds (intake, dispute reason).
import {
  type ActionHandler,
  actions,
  type ChannelName,
  type DialogueDefinition,
  type DialogueTransition,
  type DisputeOfferResult,
  type ResidentDataItem,
  type TicketDesk,
  type TicketLookupResult,
} from '../conversation/index.js';
import { isAppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { createDisputeReasonDialogue, DISPUTE_REASON_DIALOGUE } from './dispute-reason-dialogue.js';
import { disputeExplanation, disputeTicket } from './dispute-ticket.js';
import { eraseResidentPersonalData } from './erase-resident-personal-data.js';
import { fileQuestion } from './file-question.js';
import { createComplaintIntake } from './intake/complaint-intake.js';
import { listDisputableTickets } from './list-disputable-tickets.js';
import {
  assertUnderWrongCodeLimit,
  LOOKUP_WINDOW_MS,
  lookupTicket,
  type Requester,
  rejectWrongCode,
  wrongCodeBudgets,
} from './lookup-ticket.js';
import {
  disputeKeptMessage,
  disputeOfferMessage,
  nothingToDisputeMessage,
  parseTicketAction,
  residentConsentLines,
  residentTicketLines,
  TICKET_ACTION_PREFIX,
} from './messages.js';
import { recordResolution } from './record-resolution.js';
import { recordSatisfaction } from './record-satisfaction.js';
import { showResidentPersonalData } from './show-resident-personal-data.js';

/** A code the resident typed that was mistyped or tried too often, as the port reports it; undefined otherwise. */
function codeFailure(
  error: unknown,
): { kind: 'rate_limited'; retryAfterSeconds: number } | { kind: 'invalid_code' } | undefined {
  if (isAppError(error, 'RATE_LIMITED')) return { kind: 'rate_limited', retryAfterSeconds: LOOKUP_WINDOW_MS / 1000 };
  if (isAppError(error, 'BAD_INPUT')) return { kind: 'invalid_code' };
  return undefined;
}

export function createTicketDesk(deps: TicketDeps): TicketDesk {
  return {
    async lookupTicket(input): Promise<TicketLookupResult> {
      try {
        const result = await lookupTicket(deps, {
          code: input.code,
          requester: { channel: input.channel, channelUserId: input.channelUserId, clientAddress: input.clientAddress },
        });
        return { kind: 'found', text: result.text };
      } catch (error) {
        const failure = codeFailure(error);
        if (failure) return failure;
        if (isAppError(error, 'NOT_FOUND')) return { kind: 'not_found' };
        throw error;
      }
    },

    async offerDispute(input): Promise<DisputeOfferResult> {
      const form = deps.addressForm ?? 'Bạn';
      try {
        const tickets = await listDisputableTickets(deps, {
          code: input.code,
          resident: { channel: input.channel, channelUserId: input.channelUserId, clientAddress: input.clientAddress },
        });
        if (tickets.length === 0) {
          const none = nothingToDisputeMessage(form, deps.settings.deadlines.disputeWindowDays);
          return {
            kind: 'reply',
            text: none.text,
            quickReplies: [
              { label: 'Tra cứu mã phản ánh', action: actions.intent('track') },
              { label: 'Gửi phản ánh, kiến nghị', action: actions.intent('petition') },
            ],
          };
        }
        // a complaint's answer: the window for a second-time complaint, said before the resident decides
        const offer = disputeOfferMessage(tickets, form, (t) => disputeExplanation(t, deps.settings, form));
        return { kind: 'reply', text: offer.text, quickReplies: offer.quickReplies };
      } catch (error) {
        const failure = codeFailure(error);
        if (failure) return failure;
        if (isAppError(error) && error.code !== 'INTERNAL') return { kind: 'reply', text: error.userMessage };
        throw error;
      }
    },

    async fileQuestion(input) {
      const result = await fileQuestion(deps, {
        question: input.question,
        resident: { channel: input.channel, channelUserId: input.channelUserId },
        sourceKey: input.messageKey,
      });
      return { text: result.reply, code: result.ticket.code };
    },

    async describeResidentData({ residentId }) {
      // the resident asking is the one whose data this is: shown in full, never masked, never anyone else's
      const data = await showResidentPersonalData(deps, { resident: { residentId } });
      const items: ResidentDataItem[] = [
        {
          label:
            'Phản ánh, kiến nghị, khiếu nại, tố cáo, câu hỏi đã gửi (kèm họ tên, số điện thoại, địa chỉ đã cung cấp)',
          count: data.ticketCount,
          details: residentTicketLines(data.tickets, data.ticketCount),
        },
        {
          label: 'Lần đồng ý cho phép xử lý thông tin cá nhân',
          count: data.consentCount,
          details: residentConsentLines(data.consents, data.consentCount),
        },
      ];
      return items.filter((i) => i.count > 0);
    },

    async eraseResidentData({ residentId }) {
      const result = await eraseResidentPersonalData(deps, { resident: { residentId } });
      return { keepIdentity: result.keepIdentity };
    },
  };
}

/** The dialogues the tickets context adds to the conversation: the intake, and the reason after a dispute. */
export function createTicketDialogues(deps: TicketDeps): DialogueDefinition[] {
  return [createComplaintIntake(deps), createDisputeReasonDialogue(deps)];
}

/**
 * Handles the `tk:` buttons that the outbox sends after an answer. A button names a tracking code, and anyone can
 * forge one: a press on an unknown code or on someone else's ticket gets the unknown-code answer and counts as a
 * wrong code, like a typed lookup, so buttons cannot be used to find out which codes exist.
 */
export function createTicketActionHandler(deps: TicketDeps): ActionHandler {
  return {
    prefix: TICKET_ACTION_PREFIX,
    async handle({ args, ctx }): Promise<DialogueTransition> {
      const action = parseTicketAction([TICKET_ACTION_PREFIX, ...args].join(':'));
      if (!action) return { type: 'end', say: ['Nút này không còn hiệu lực.'] };
      const resident = { channel: ctx.resident.channel, channelUserId: ctx.resident.channelUserId };
      const requester = { ...resident, clientAddress: ctx.resident.clientAddress };
      const budgets = wrongCodeBudgets(requester);
      const now = deps.clock.now();
      try {
        if (action.type !== 'keep' && action.type !== 'lookup') await assertUnderWrongCodeLimit(deps, budgets, now);
        try {
          return await runTicketAction(deps, action, resident, requester);
        } catch (error) {
          // lookups count their own wrong codes
          if (action.type !== 'lookup' && (isAppError(error, 'NOT_FOUND') || isAppError(error, 'BAD_INPUT')))
            await rejectWrongCode(deps, budgets, now, error);
          throw error;
        }
      } catch (error) {
        if (isAppError(error) && error.code !== 'INTERNAL') return { type: 'end', say: [error.userMessage] };
        throw error;
      }
    },
  };
}

async function runTicketAction(
  deps: TicketDeps,
  action: NonNullable<ReturnType<typeof parseTicketAction>>,
  resident: { channel: ChannelName; channelUserId: string },
  requester: Requester,
): Promise<DialogueTransition> {
  switch (action.type) {
    case 'resolved':
    case 'unresolved': {
      const r = await recordResolution(deps, { code: action.code, resident, resolved: action.type === 'resolved' });
      return { type: 'end', say: [r.reply] };
    }
    case 'rate': {
      const r = await recordSatisfaction(deps, { code: action.code, resident, stars: action.stars });
      return { type: 'end', say: [r.reply] };
    }
    case 'dispute': {
      const r = await disputeTicket(deps, { code: action.code, resident });
      // reopened: then the optional "what is still wrong?" step
      return { type: 'start', dialogue: DISPUTE_REASON_DIALOGUE, seed: { code: r.ticket.code }, say: [r.reply.text] };
    }
    case 'keep':
      return {
        type: 'end',
        say: [
          disputeKeptMessage(deps.addressForm ?? 'Bạn', deps.settings.deadlines.disputeWindowDays, action.code).text,
        ],
      };
    case 'lookup': {
      const r = await lookupTicket(deps, { code: action.code, requester });
      return { type: 'end', say: [r.text] };
    }
  }
}
