// Multi-step dialogues as data: steps with prompts, choices and handlers; the registry other contexts add theirs to.
import type { ConversationContext, Intent, JsonObject, StoreEffect } from '../ports.js';
import type { AddressForm } from '../replies.js';
import type { Attachment, ChannelCapabilities, ChannelName, OutgoingReply } from '../types.js';

/** Name under which the tickets context registers its complaint intake. */
export const INTAKE_DIALOGUE = 'complaint-intake';

/** A button of a step. `value` travels in the action `d:<step>:<value>`, which must stay within 64 bytes. */
export interface StepChoice {
  label: string;
  value: string;
}

export interface StepPrompt {
  text: string;
  choices?: StepChoice[] | undefined;
  /** Show the "Hủy" button (default true). Typing "hủy" cancels anyway. */
  cancellable?: boolean | undefined;
}

/** What a resident sent to a step. */
export interface StepInput {
  /** Cleaned text ('' for a button press). */
  text: string;
  /** Value of the pressed (or typed-in) choice of this step. */
  choice?: string | undefined;
  /** Attachments of a kind the step accepts. */
  attachments: Attachment[];
}

export interface DialogueContext {
  /** Who sent the message; `clientAddress` is the network address key, when the channel sees one (never stored). */
  readonly resident: { id: number; channel: ChannelName; channelUserId: string; clientAddress?: string | undefined };
  /**
   * What the resident's channel can do, as the channel declares it; undefined when no channel declared anything
   * (the CLI, tests without channels). Steps read this, never the channel's name.
   */
  readonly capabilities: ChannelCapabilities | undefined;
  /**
   * Dedupe key of the message being handled (`${channel}:${messageId}`). Use it as the idempotency key of anything
   * a step creates (Ticket.sourceKey): a step may run more than once for the same message (version conflict redo).
   */
  readonly messageKey: string;
  readonly now: Date;
  /** The dialogue's data so far (a copy: return the new data in the transition). */
  readonly data: JsonObject;
  readonly addressForm: AddressForm;
  /** How to address the resident in text: "Bạn" or "Quý vị". */
  readonly you: AddressForm;
  /** The conversation context (recent answers, focus); changes are saved with the turn. */
  readonly conversation: ConversationContext;
}

/** Something to say: plain text or a full reply with buttons. */
export type Say = string | OutgoingReply;

/** What happens after a step handled its input (or after a dialogue started). */
export type DialogueTransition =
  /** Say `say`, then move to `step` and show its prompt. */
  | { type: 'goto'; step: string; data?: JsonObject | undefined; say?: Say[] | undefined; effects?: StoreEffect[] }
  /** Stay on the step (a validation error, or a partial input such as one photo of several); re-prompt unless false. */
  | {
      type: 'stay';
      data?: JsonObject | undefined;
      say?: Say[] | undefined;
      reprompt?: boolean | undefined;
      effects?: StoreEffect[];
    }
  /** Finish the dialogue. */
  | { type: 'end'; say?: Say[] | undefined; effects?: StoreEffect[] }
  /** Finish and start another dialogue (e.g. the hand-to-staff confirmation starts the intake). */
  | { type: 'start'; dialogue: string; seed?: JsonObject | undefined; say?: Say[] | undefined; effects?: StoreEffect[] }
  /** Finish and answer this question as if the resident had asked it. */
  | {
      type: 'ask';
      question: string;
      focusCode?: string | undefined;
      say?: Say[] | undefined;
      effects?: StoreEffect[];
    };

/** Ends the dialogue (after saying `say`) and handles the resident's text as a fresh message. */
export interface LeaveTransition {
  type: 'leave';
  say?: Say[] | undefined;
  effects?: StoreEffect[];
}

export interface DialogueStep {
  prompt(ctx: DialogueContext): StepPrompt;
  /**
   * What the step takes besides its choices. Text defaults to true when the step has no choices; typed text that
   * matches a choice label or number counts as that choice. Attachments default to none.
   */
  accepts?: { text?: boolean | undefined; attachments?: Attachment['kind'][] | undefined } | undefined;
  handle(input: StepInput, ctx: DialogueContext): DialogueTransition | Promise<DialogueTransition>;
  /**
   * For steps that wait for a short answer (a choice, a code, a 👎 reason): typed text that is clearly another
   * request (a question, a wish to file, a tracking code, help, a greeting… see `anotherRequest`) and matches no
   * choice comes here instead of `handle`, so it is not swallowed. Return `leave` to end the dialogue and handle the
   * text as a fresh message, another transition to use the text up, or undefined to give it to `handle` after all.
   * Steps taking free text that may read like anything (an intake's description) leave this unset.
   */
  onOtherRequest?(intent: Intent, ctx: DialogueContext): LeaveTransition | DialogueTransition | undefined;
}

export interface DialogueDefinition {
  name: string;
  /** Called when the dialogue starts; usually `{ type: 'goto', step: '<first>', data }`. */
  start(ctx: DialogueContext, seed: JsonObject): DialogueTransition | Promise<DialogueTransition>;
  steps: Record<string, DialogueStep>;
}

/** A handler for buttons with its own prefix (`<prefix>:a:b` → args ['a','b']), e.g. sent later by the outbox. */
export interface ActionHandler {
  prefix: string;
  handle(input: { args: string[]; ctx: DialogueContext }): DialogueTransition | Promise<DialogueTransition>;
}

/** Identity helper that checks a dialogue's shape at compile time. */
export function defineDialogue(definition: DialogueDefinition): DialogueDefinition {
  return definition;
}

const RESERVED_PREFIXES = new Set(['intent', 'rate', 'staff', 'd', 'cancel']);

/** Dialogues and action handlers by name; built-ins first, then whatever other contexts register. */
export class DialogueRegistry {
  private readonly dialogues = new Map<string, DialogueDefinition>();
  private readonly handlers = new Map<string, ActionHandler>();

  register(definition: DialogueDefinition): this {
    if (this.dialogues.has(definition.name)) throw new Error(`Dialogue "${definition.name}" is already registered`);
    for (const [name, step] of Object.entries(definition.steps)) {
      if (!/^[a-z0-9-]{1,16}$/.test(name)) throw new Error(`Dialogue "${definition.name}": bad step name "${name}"`);
      if (typeof step.prompt !== 'function' || typeof step.handle !== 'function')
        throw new Error(`Dialogue "${definition.name}": step "${name}" needs prompt and handle`);
    }
    this.dialogues.set(definition.name, definition);
    return this;
  }

  registerAction(handler: ActionHandler): this {
    if (!/^[a-z0-9]{1,12}$/.test(handler.prefix) || RESERVED_PREFIXES.has(handler.prefix))
      throw new Error(`Action prefix "${handler.prefix}" is reserved or malformed`);
    if (this.handlers.has(handler.prefix)) throw new Error(`Action prefix "${handler.prefix}" is already registered`);
    this.handlers.set(handler.prefix, handler);
    return this;
  }

  get(name: string): DialogueDefinition | undefined {
    return this.dialogues.get(name);
  }

  has(name: string): boolean {
    return this.dialogues.has(name);
  }

  action(prefix: string): ActionHandler | undefined {
    return this.handlers.get(prefix);
  }

  get actionPrefixes(): ReadonlySet<string> {
    return new Set(this.handlers.keys());
  }
}
