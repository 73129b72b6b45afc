// Which handler runs for each intent, typed or from an `intent:` button: one table each, complete by type.
import type { IntentAction } from '../actions.js';
import type { Intent } from '../ports.js';
import type { IntentHandler, Turn, TurnDeps } from '../turn.js';
import { ask, inviteQuestion } from './ask.js';
import { dispute } from './dispute.js';
import { human } from './human.js';
import { intake } from './intake.js';
import { cancel, greeting, help, thanks, unreadable } from './menu.js';
import { privacyErase, privacyReport } from './privacy.js';
import { rateLastAnswer, ratePrompt } from './rate.js';
import { track } from './track.js';

// A mapped type, not a switch: a new Intent kind without a handler does not compile.
const INTENT_HANDLERS: { [K in Intent['kind']]: IntentHandler<K> } = {
  ask,
  intake,
  track,
  dispute,
  rate: rateLastAnswer,
  rate_prompt: ratePrompt,
  human,
  help,
  greeting,
  thanks,
  privacy_report: privacyReport,
  privacy_erase: privacyErase,
  cancel,
  unreadable,
};

/** The intent each `intent:` button stands for ("ask" has none: it only invites the question). */
const BUTTON_INTENTS: Record<Exclude<IntentAction, 'ask'>, Intent> = {
  petition: { kind: 'intake', explicit: true, ticketKind: 'petition' },
  complaint: { kind: 'intake', explicit: true, ticketKind: 'complaint' },
  denunciation: { kind: 'intake', explicit: true, ticketKind: 'denunciation' },
  track: { kind: 'track' },
  human: { kind: 'human' },
  help: { kind: 'help' },
  privacy: { kind: 'privacy_report' },
  erase: { kind: 'privacy_erase' },
};

export async function runIntent(turn: Turn, intent: Intent, deps: TurnDeps): Promise<void> {
  const handler = INTENT_HANDLERS[intent.kind] as IntentHandler<Intent['kind']>;
  await handler(turn, intent, deps);
}

export async function runIntentAction(turn: Turn, action: IntentAction, deps: TurnDeps): Promise<void> {
  if (action === 'ask') return inviteQuestion(turn, deps);
  await runIntent(turn, BUTTON_INTENTS[action], deps);
}
