// Quick-reply action strings: how buttons are encoded (≤ 64 bytes, Telegram's callback_data limit) and parsed.
import { createHash } from 'node:crypto';

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
  /** `dialogue`: a short tag of the dialogue the button belongs to (undefined for buttons of older versions). */
  | { type: 'choice'; dialogue: string | undefined; step: string; value: string }
  | { type: 'cancel' }
  /** "Xem đủ": the whole section (`aspect`) of the document (`code`) a short answer quoted one line of. */
  | { type: 'more'; code: string; aspect: string }
  | { type: 'custom'; prefix: string; args: string[] }
  | { type: 'unknown' };

export const actions = {
  intent: (intent: IntentAction) => `intent:${intent}`,
  rate: (rating: 'up' | 'down', ref: string) => `rate:${rating}:${ref}`,
  staff: (ref: string, details?: 'details') => (details ? `staff:${ref}:more` : `staff:${ref}`),
  /**
   * A step's choice. The dialogue's tag is part of it: dialogues share step names (`confirm`) and values (`yes`), and
   * an old "Đồng ý" of one dialogue must never confirm another's step (erasing a resident's data).
   */
  choice: (dialogue: string, step: string, value: string) => `d:${dialogueTag(dialogue)}.${step}:${value}`,
  cancel: () => 'cancel',
  more: (code: string, aspect: string) => `more:${code}:${aspect}`,
};

/** Four characters naming a dialogue in its buttons (a hash: names are long, actions must stay within 64 bytes). */
export function dialogueTag(dialogue: string): string {
  return createHash('sha256').update(dialogue).digest('base64url').slice(0, 4).replace(/[.:]/g, '_');
}

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
    case 'more': {
      const [code, aspect] = rest;
      return rest.length === 2 && code && aspect && /^[a-z_]+$/.test(aspect)
        ? { type: 'more', code, aspect }
        : { type: 'unknown' };
    }
    case 'd': {
      const [tagged, ...value] = rest;
      if (!tagged || value.length === 0) return { type: 'unknown' };
      const dot = tagged.indexOf('.');
      const [dialogue, step] = dot > 0 ? [tagged.slice(0, dot), tagged.slice(dot + 1)] : [undefined, tagged];
      return step ? { type: 'choice', dialogue, step, value: value.join(':') } : { type: 'unknown' };
    }
    default:
      return head && customPrefixes.has(head) ? { type: 'custom', prefix: head, args: rest } : { type: 'unknown' };
  }
}
