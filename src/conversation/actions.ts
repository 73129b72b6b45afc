// Quick-reply action strings: how buttons are encoded (≤ 64 bytes, Telegram's callback_data limit) and parsed.

/** Telegram's callback_data limit; every channel keeps to it. */
export const MAX_ACTION_BYTES = 64;

/** Intents a button can start. */
export const INTENT_ACTIONS = [
  'ask',
  'petition',
  'complaint',
  'denunciation',
  'track',
  'human',
  'help',
  'privacy',
  'erase',
] as const;
export type IntentAction = (typeof INTENT_ACTIONS)[number];

export type ParsedAction =
  | { type: 'intent'; intent: IntentAction }
  | { type: 'rate'; rating: 'up' | 'down'; ref: string }
  /** details: the resident wants to add details or contact first (the intake) rather than the one-tap hand-over. */
  | { type: 'staff'; ref: string; details?: true | undefined }
  | { type: 'choice'; step: string; value: string }
  | { type: 'cancel' }
  | { type: 'custom'; prefix: string; args: string[] }
  | { type: 'unknown' };

export const actions = {
  intent: (intent: IntentAction) => `intent:${intent}`,
  rate: (rating: 'up' | 'down', ref: string) => `rate:${rating}:${ref}`,
  staff: (ref: string, details?: 'details') => (details ? `staff:${ref}:more` : `staff:${ref}`),
  choice: (step: string, value: string) => `d:${step}:${value}`,
  cancel: () => 'cancel',
};

export function actionFits(action: string): boolean {
  const bytes = Buffer.byteLength(action, 'utf8');
  return bytes > 0 && bytes <= MAX_ACTION_BYTES;
}

/** Parses a button payload; anything malformed is `unknown` (a forged or stale button), never an exception. */
export function parseAction(action: string, customPrefixes: ReadonlySet<string> = new Set()): ParsedAction {
  if (!actionFits(action)) return { type: 'unknown' };
  if (action === 'cancel') return { type: 'cancel' };
  const [head, ...rest] = action.split(':');
  switch (head) {
    case 'intent': {
      const intent = rest[0] as IntentAction;
      return rest.length === 1 && INTENT_ACTIONS.includes(intent) ? { type: 'intent', intent } : { type: 'unknown' };
    }
    case 'rate': {
      const [rating, ref] = rest;
      return (rating === 'up' || rating === 'down') && ref && rest.length === 2
        ? { type: 'rate', rating, ref }
        : { type: 'unknown' };
    }
    case 'staff':
      if (rest.length === 2 && rest[0] && rest[1] === 'more') return { type: 'staff', ref: rest[0], details: true };
      return rest.length === 1 && rest[0] ? { type: 'staff', ref: rest[0] } : { type: 'unknown' };
    case 'd': {
      const [step, ...value] = rest;
      return step && value.length > 0 ? { type: 'choice', step, value: value.join(':') } : { type: 'unknown' };
    }
    default:
      return head && customPrefixes.has(head) ? { type: 'custom', prefix: head, args: rest } : { type: 'unknown' };
  }
}
