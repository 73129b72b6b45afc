// The conversation engine: one turn's life — per-resident queue, load (with a cache), dedupe, dispatch, commit, retry.
import { describeError } from '../shared/describe-error.js';
import { KeyedQueue } from '../shared/keyed-queue.js';
import type { Logger } from '../shared/logger.js';
import { LruMap } from '../shared/lru-map.js';
import { currentStep, endDialogue } from './dialogue-runner.js';
import { createBuiltinDialogues } from './dialogues/builtin.js';
import {
  type ActionHandler,
  type DialogueDefinition,
  DialogueRegistry,
  INTAKE_DIALOGUE,
} from './dialogues/dialogue.js';
import { handleAction } from './handle-action.js';
import { handleIdle } from './handle-idle.js';
import { handleInDialogue } from './handle-in-dialogue.js';
import { help } from './intents/menu.js';
import type {
  Answerer,
  Clock,
  ConversationStore,
  IntentClassifier,
  OpenedConversation,
  ResidentDataHolder,
  TicketDesk,
} from './ports.js';
import { type AddressForm, createReplies } from './replies.js';
import { say, toReply } from './reply-helpers.js';
import { MAX_QUESTION_CHARS, MAX_TEXT_CHARS, sanitizeIncoming } from './sanitize-input.js';
import { Turn, type TurnDeps } from './turn.js';
import type { ChannelCapabilities, ChannelName, IncomingMessage, MessageHandler, OutgoingReply } from './types.js';

export interface ConversationEngineOptions {
  store: ConversationStore;
  answerer: Answerer;
  /** The tickets context; absent ⇒ tracking and intake reply that the feature is not enabled. */
  tickets?: TicketDesk | undefined;
  /** Other contexts holding residents' personal data (listed and erased on request). `tickets` is included automatically. */
  dataHolders?: ResidentDataHolder[] | undefined;
  /** Extra dialogues, e.g. the tickets context's `complaint-intake`. */
  dialogues?: DialogueDefinition[] | undefined;
  /** Handlers for extra button prefixes. */
  actions?: ActionHandler[] | undefined;
  classifier?: IntentClassifier | undefined;
  addressForm?: AddressForm | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Shown when a resident asks for a person, e.g. "Bộ phận Một cửa UBND xã …, ĐT …". */
  supportContact?: string | undefined;
  /** How long after an answer a bare "còn lệ phí thì sao?" still refers to its procedure (default 30). */
  followUpWindowMinutes?: number | undefined;
  maxTextChars?: number | undefined;
  maxQuestionChars?: number | undefined;
  /** Residents whose state is kept in memory between messages (default 2,000, a few MB; 0 = always read the database). */
  maxCachedConversations?: number | undefined;
  /**
   * The capabilities each channel declares (its `Channel.capabilities`), handed to dialogues so that they ask what
   * a channel can do, never which channel it is. Read at each message: channels may register after the engine.
   */
  capabilitiesOf?: ((channel: ChannelName) => ChannelCapabilities | undefined) | undefined;
}

export type HandleStatus = 'processed' | 'duplicate' | 'failed';

export interface HandleResult {
  status: HandleStatus;
  /** What to send now. Empty for a duplicate. */
  replies: OutgoingReply[];
  /** For a duplicate: what was answered the first time (a channel that knows the first send failed may re-send it). */
  previousReplies?: OutgoingReply[] | undefined;
}

export interface ConversationEngine extends MessageHandler {
  /** Like `handle`, with the outcome spelled out. Never throws. */
  process(message: IncomingMessage): Promise<HandleResult>;
  /** Resolves when every message taken in so far has been handled (clean shutdown). */
  drain(): Promise<void>;
}

const MAX_ATTEMPTS = 4;

function createTurnDeps(options: ConversationEngineOptions): TurnDeps {
  const { tickets } = options;
  const addressForm: AddressForm = options.addressForm ?? 'Bạn';
  const replies = createReplies(addressForm);
  const holders: ResidentDataHolder[] = [...(tickets ? [tickets] : []), ...(options.dataHolders ?? [])];
  const registry = new DialogueRegistry();
  const isIntakeAvailable = () => registry.has(INTAKE_DIALOGUE);
  for (const d of createBuiltinDialogues({ replies, tickets, holders, isIntakeAvailable })) registry.register(d);
  for (const d of options.dialogues ?? []) registry.register(d);
  for (const a of options.actions ?? []) registry.registerAction(a);
  return {
    store: options.store,
    answerer: options.answerer,
    tickets,
    holders,
    registry,
    replies,
    addressForm,
    classifier: options.classifier,
    logger: options.logger,
    supportContact: options.supportContact,
    followUpWindowMs: (options.followUpWindowMinutes ?? 30) * 60_000,
    maxQuestionChars: options.maxQuestionChars ?? MAX_QUESTION_CHARS,
    isIntakeAvailable,
    capabilitiesOf: options.capabilitiesOf ?? (() => undefined),
  };
}

/** Routes the turn to the button, the dialogue in progress or the idle handler; every message gets a reply. */
async function dispatch(turn: Turn, deps: TurnDeps): Promise<void> {
  const R = deps.replies;
  const { input } = turn;
  if (input.truncatedFrom !== undefined) say(turn, R.truncated(input.truncatedFrom, input.text.length), deps);
  if (input.hadJunk && input.text !== '' && !input.isUnreadable) say(turn, R.junkDropped, deps);
  if (turn.dialog && !currentStep(turn, deps)) {
    // a dialogue saved by a version that had it (or by a context no longer registered)
    say(turn, R.dialogLost, deps);
    endDialogue(turn);
  }
  if (input.action) await handleAction(turn, input.action, deps);
  else if (turn.dialog) await handleInDialogue(turn, deps);
  else await handleIdle(turn, deps);
  if (turn.replies.length === 0) help(turn, { kind: 'help' }, deps);
}

/** Creates the channel-agnostic conversation engine. See /notes/conversation-api.md for the contract. */
export function createConversationEngine(options: ConversationEngineOptions): ConversationEngine {
  const { store, logger } = options;
  const deps = createTurnDeps(options);
  const R = deps.replies;
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const maxTextChars = options.maxTextChars ?? MAX_TEXT_CHARS;
  const queue = new KeyedQueue();
  /**
   * Each resident's state as last committed by this engine, so the common turn costs one statement (the commit)
   * instead of a read and a commit. Safe across processes: a turn computed from the cache always writes its state
   * with the version check, and a conflict drops the entry and redoes the turn from the database.
   */
  const conversations = new LruMap<string, OpenedConversation>(options.maxCachedConversations ?? 2_000);
  /** Message keys this engine committed lately: a redelivery is answered from the store without a turn. */
  const recentKeys = new LruMap<string, true>(options.maxCachedConversations === 0 ? 0 : 5_000);

  async function processOne(message: IncomingMessage): Promise<HandleResult> {
    const started = Date.now();
    const messageKey = `${message.channel}:${message.messageId}`;
    const userKey = `${message.channel}:${message.channelUserId}`;
    const input = sanitizeIncoming(message, maxTextChars);
    const duplicate = async (): Promise<HandleResult> => {
      const first = await store.findProcessed(messageKey);
      return { status: 'duplicate', replies: [], previousReplies: first?.replies ?? [] };
    };
    if (recentKeys.has(messageKey)) return duplicate();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const now = clock.now();
      // After a conflict, always read afresh: the cached state was someone else's past.
      const cached = attempt === 1 ? conversations.get(userKey) : undefined;
      const opened =
        cached ??
        (await store.openConversation({
          channel: message.channel,
          channelUserId: message.channelUserId,
          messageKey,
          now,
        }));
      if (opened.alreadyProcessed) {
        return { status: 'duplicate', replies: [], previousReplies: opened.alreadyProcessed.replies };
      }
      const turn = new Turn(opened, message, input, messageKey, now);
      await dispatch(turn, deps);
      const erases = turn.effects.some((e) => e.type === 'erase-resident');
      // A turn computed from the cache always writes its state, so the version check proves the cache was current.
      const nextState =
        (turn.isStateChanged || cached !== undefined) && !erases
          ? { dialog: turn.dialog, step: turn.step, data: turn.data, context: turn.context }
          : undefined;
      const result = await store.commit({
        messageKey,
        residentId: opened.residentId,
        expectedVersion: opened.state.version,
        stateExists: opened.stateExists,
        nextState,
        replies: turn.replies,
        effects: turn.effects,
        now,
      });
      if (result.status === 'committed') {
        recentKeys.set(messageKey, true);
        if (erases) conversations.delete(userKey);
        else {
          conversations.set(userKey, {
            residentId: opened.residentId,
            stateExists: opened.stateExists || nextState !== undefined,
            state: nextState ? { ...nextState, version: opened.state.version + 1 } : opened.state,
          });
        }
        logger?.debug(
          {
            channel: message.channel,
            residentId: opened.residentId,
            dialog: turn.dialog,
            attempt,
            ms: Date.now() - started,
          },
          'message handled',
        );
        return { status: 'processed', replies: turn.replies };
      }
      conversations.delete(userKey);
      if (result.status === 'duplicate') {
        recentKeys.set(messageKey, true);
        return duplicate();
      }
      logger?.debug({ residentId: opened.residentId, attempt }, 'conversation state changed meanwhile; redoing');
    }
    throw new Error(`Conversation state kept changing during ${MAX_ATTEMPTS} attempts`);
  }

  async function process(message: IncomingMessage): Promise<HandleResult> {
    if (
      !message ||
      typeof message.channel !== 'string' ||
      typeof message.channelUserId !== 'string' ||
      typeof message.messageId !== 'string' ||
      message.channelUserId === '' ||
      message.messageId === ''
    ) {
      logger?.warn({ channel: message?.channel }, 'malformed incoming message');
      return { status: 'failed', replies: [toReply(R.failed)] };
    }
    try {
      return await queue.run(`${message.channel}:${message.channelUserId}`, () => processOne(message));
    } catch (error) {
      // Nothing was committed: a redelivery of the same message is processed afresh.
      logger?.error({ channel: message.channel, ...describeError(error) }, 'conversation turn failed');
      return { status: 'failed', replies: [toReply(R.failed)] };
    }
  }

  return {
    process,
    async handle(message) {
      return (await process(message)).replies;
    },
    drain: () => queue.drain(),
  };
}
