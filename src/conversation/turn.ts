// One message's turn: the state it changes and the replies it gathers, and what every handler of a turn may use.
import type { Logger } from '../shared/logger.js';
import type { DialogueRegistry } from './dialogues/dialogue.js';
import type {
  Answerer,
  ConversationContext,
  ConversationStore,
  Intent,
  IntentClassifier,
  JsonObject,
  OpenedConversation,
  ResidentDataHolder,
  StoreEffect,
  TicketDesk,
} from './ports.js';
import type { AddressForm, Replies } from './replies.js';
import type { CleanInput } from './sanitize-input.js';
import type { ChannelCapabilities, ChannelName, IncomingMessage, OutgoingReply } from './types.js';

/** Everything one message changes, gathered before a single commit. */
export class Turn {
  readonly replies: OutgoingReply[] = [];
  readonly effects: StoreEffect[] = [];
  dialog: string | null;
  step: string | null;
  data: JsonObject;
  readonly context: ConversationContext;
  private readonly initial: string;

  constructor(
    readonly opened: OpenedConversation,
    readonly message: IncomingMessage,
    readonly input: CleanInput,
    readonly messageKey: string,
    readonly now: Date,
  ) {
    const state = opened.state;
    this.dialog = state.dialog;
    this.step = state.step;
    this.data = structuredClone(state.data ?? {});
    this.context = structuredClone(state.context ?? {});
    this.initial = this.serialise();
  }

  serialise(): string {
    return JSON.stringify([this.dialog, this.step, this.data, this.context]);
  }

  get isStateChanged(): boolean {
    return this.serialise() !== this.initial;
  }

  get residentId(): number {
    return this.opened.residentId;
  }
}

/** The engine's ports and settings, built once per engine and handed to every handler of a turn. */
export interface TurnDeps {
  store: ConversationStore;
  answerer: Answerer;
  /** Absent ⇒ tracking and intake reply that the feature is not enabled. */
  tickets: TicketDesk | undefined;
  /** Every context holding residents' personal data, `tickets` included. */
  holders: ResidentDataHolder[];
  registry: DialogueRegistry;
  replies: Replies;
  addressForm: AddressForm;
  /** Free text's classifier; undefined ⇒ the rules. */
  classifier: IntentClassifier | undefined;
  logger: Logger | undefined;
  supportContact: string | undefined;
  followUpWindowMs: number;
  maxQuestionChars: number;
  /** A function, not a flag: the built-in dialogues are made before other contexts register the intake. */
  isIntakeAvailable: () => boolean;
  /** What a channel declares it can do (undefined: nothing declared). */
  capabilitiesOf: (channel: ChannelName) => ChannelCapabilities | undefined;
}

/** The intent of one kind, e.g. `IntentOf<'ask'>`. */
export type IntentOf<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** What handles one kind of intent: `(turn, intent, deps)`. */
export type IntentHandler<K extends Intent['kind']> = (
  turn: Turn,
  intent: IntentOf<K>,
  deps: TurnDeps,
) => void | Promise<void>;
