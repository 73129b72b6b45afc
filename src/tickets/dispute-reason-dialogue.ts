// The step after the dispute button: what is still wrong, in the resident's words, for the officer who looks again.
// Optional ("Bỏ qua"); a tracking code, a dispute, help or the menu typed instead leave the step and are handled as
// such, while anything else typed — a question included ("sao đường vẫn ngập?") — is the reason.
import {
  type DialogueDefinition,
  type DialogueTransition,
  defineDialogue,
  type Intent,
} from '../conversation/index.js';
import { isAppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { giveDisputeReason } from './give-dispute-reason.js';
import { disputeReasonPrompt, disputeReasonSkipped, disputeReasonThanks } from './messages.js';

export const DISPUTE_REASON_DIALOGUE = 'ticket-dispute-reason';

/** Intents that are clearly not a reason: they leave the step (the dispute itself is already recorded). */
const NOT_A_REASON: ReadonlySet<Intent['kind']> = new Set([
  'track',
  'dispute',
  'help',
  'greeting',
  'human',
  'privacy_report',
  'privacy_erase',
  'cancel',
  'unreadable',
  'rate_prompt',
]);

export function createDisputeReasonDialogue(deps: TicketDeps): DialogueDefinition {
  return defineDialogue({
    name: DISPUTE_REASON_DIALOGUE,
    start: (_ctx, seed) => ({ type: 'goto', step: 'reason', data: { code: String(seed.code ?? '') } }),
    steps: {
      reason: {
        prompt: (ctx) => ({
          text: disputeReasonPrompt(String(ctx.data.code), ctx.you),
          choices: [{ label: 'Bỏ qua', value: 'skip' }],
          cancellable: false,
        }),
        accepts: { text: true },
        handle: async (input, ctx): Promise<DialogueTransition> => {
          const code = String(ctx.data.code);
          if (input.choice === 'skip') return { type: 'end', say: [disputeReasonSkipped(code)] };
          try {
            await giveDisputeReason(deps, {
              code,
              resident: { channel: ctx.resident.channel, channelUserId: ctx.resident.channelUserId },
              reason: input.text,
            });
          } catch (error) {
            if (!isAppError(error) || error.code === 'INTERNAL') throw error;
            return error.code === 'BAD_INPUT'
              ? { type: 'stay', say: [error.userMessage] }
              : { type: 'end', say: [error.userMessage] };
          }
          return { type: 'end', say: [disputeReasonThanks(code, ctx.you)] };
        },
        onOtherRequest: (intent, ctx) => {
          if (intent.kind === 'thanks') return { type: 'end', say: [disputeReasonSkipped(String(ctx.data.code))] };
          return NOT_A_REASON.has(intent.kind) ? { type: 'leave' } : undefined;
        },
      },
    },
  });
}
