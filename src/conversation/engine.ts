// The conversation engine: one incoming message in, the replies out — identity, dedupe, ordering, intents, dialogues.
import { randomBytes } from 'node:crypto';
import { describeError } from '../shared/describe-error.js';
import { isAppError } from '../shared/errors.js';
import { KeyedQueue } from '../shared/keyed-queue.js';
import type { Logger } from '../shared/logger.js';
import { LruMap } from '../shared/lru-map.js';
import { actionFits, actions, type IntentAction, parseAction } from './actions.js';
import { describeResidentData } from './describe-resident-data.js';
import { BUILTIN_DIALOGUES, createBuiltinDialogues } from './dialogues/builtin.js';
import {
  type ActionHandler,
  type DialogueContext,
  type DialogueDefinition,
  DialogueRegistry,
  type DialogueTransition,
  INTAKE_DIALOGUE,
  type Say,
  type StepChoice,
} from './dialogues/dialogue.js';
import {
  anotherRequest,
  classifyText,
  createRuleClassifier,
  foldForMatching,
  followUpQuestion,
  typedRating,
} from './intents/rule-classifier.js';
import { lookUpTicket } from './look-up-ticket.js';
import { offerDispute } from './offer-dispute.js';
import type {
  Answerer,
  Clock,
  ConversationContext,
  ConversationStore,
  IntakeKind,
  Intent,
  IntentClassifier,
  JsonObject,
  OpenedConversation,
  RecentAnswer,
  ResidentDataHolder,
  StoreEffect,
  TicketDesk,
} from './ports.js';
import { type AddressForm, createReplies, type Replies } from './replies.js';
import { type CleanInput, cutText, MAX_QUESTION_CHARS, MAX_TEXT_CHARS, sanitizeIncoming } from './sanitize-input.js';
import type { IncomingMessage, MessageHandler, OutgoingReply, QuickReply } from './types.js';

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

const MAX_RECENT_ANSWERS = 5;
const MAX_STORED_ANSWER_CHARS = 1500;
const MAX_ATTEMPTS = 4;
const MAX_CHAINED_DIALOGUES = 4;

const INTENT_ACTION_KIND: Partial<Record<IntentAction, IntakeKind>> = {
  petition: 'petition',
  complaint: 'complaint',
  denunciation: 'denunciation',
};
const KIND_INTENT_ACTION: Partial<Record<IntakeKind, IntentAction>> = {
  petition: 'petition',
  complaint: 'complaint',
  denunciation: 'denunciation',
};

const YES_WORDS = new Set([
  'co',
  'dong y',
  'ok',
  'oke',
  'vang',
  'da',
  'u',
  'yes',
  'chuyen',
  'xoa',
  'gui',
  'co a',
  'vang a',
]);
const NO_WORDS = new Set(['khong', 'ko', 'k', 'no', 'khong can', 'khong a', 'thoi khoi']);

/** Everything one message changes, gathered before a single commit. */
class Turn {
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

function newRef(): string {
  return randomBytes(6).toString('base64url');
}

function toReply(say: Say): OutgoingReply {
  return typeof say === 'string' ? { text: say, quickReplies: [], attachments: [] } : say;
}

/** Creates the channel-agnostic conversation engine. See /notes/conversation-api.md for the contract. */
export function createConversationEngine(options: ConversationEngineOptions): ConversationEngine {
  const { store, answerer, tickets, logger } = options;
  const addressForm: AddressForm = options.addressForm ?? 'Bạn';
  const R: Replies = createReplies(addressForm);
  const clock: Clock = options.clock ?? { now: () => new Date() };
  const ruleClassifier = createRuleClassifier();
  const classifier = options.classifier ?? ruleClassifier;
  const holders: ResidentDataHolder[] = [...(tickets ? [tickets] : []), ...(options.dataHolders ?? [])];
  const followUpWindowMs = (options.followUpWindowMinutes ?? 30) * 60_000;
  const maxTextChars = options.maxTextChars ?? MAX_TEXT_CHARS;
  const maxQuestionChars = options.maxQuestionChars ?? MAX_QUESTION_CHARS;
  const queue = new KeyedQueue();
  /**
   * Each resident's state as last committed by this engine, so the common turn costs one statement (the commit)
   * instead of a read and a commit. Safe across processes: a turn computed from the cache always writes its state
   * with the version check, and a conflict drops the entry and redoes the turn from the database.
   */
  const conversations = new LruMap<string, OpenedConversation>(options.maxCachedConversations ?? 2_000);
  /** Message keys this engine committed lately: a redelivery is answered from the store without a turn. */
  const recentKeys = new LruMap<string, true>(options.maxCachedConversations === 0 ? 0 : 5_000);

  const registry = new DialogueRegistry();
  const isIntakeAvailable = () => registry.has(INTAKE_DIALOGUE);
  for (const d of createBuiltinDialogues({ replies: R, tickets, holders, isIntakeAvailable })) registry.register(d);
  for (const d of options.dialogues ?? []) registry.register(d);
  for (const a of options.actions ?? []) registry.registerAction(a);

  // ── replies ──

  function quick(label: string, action: string): QuickReply | undefined {
    if (actionFits(action)) return { label, action };
    logger?.warn({ bytes: Buffer.byteLength(action) }, 'quick-reply action longer than 64 bytes dropped');
    return undefined;
  }

  function say(turn: Turn, item: Say): void {
    const reply = toReply(item);
    turn.replies.push({
      text: reply.text,
      quickReplies: reply.quickReplies.filter((q) => quick(q.label, q.action) !== undefined),
      attachments: reply.attachments,
    });
  }

  function sayWith(turn: Turn, text: string, buttons: Array<QuickReply | undefined>): void {
    say(turn, { text, quickReplies: buttons.filter((b): b is QuickReply => b !== undefined), attachments: [] });
  }

  /** 👍 / 👎 under an answer. */
  function rateButtons(ref: string): Array<QuickReply | undefined> {
    return [quick(R.rateLabels.up, actions.rate('up', ref)), quick(R.rateLabels.down, actions.rate('down', ref))];
  }

  function menuButtons(): Array<QuickReply | undefined> {
    return [
      quick(R.menuLabels.ask, actions.intent('ask')),
      isIntakeAvailable() ? quick(R.menuLabels.petition, actions.intent('petition')) : undefined,
      tickets ? quick(R.menuLabels.track, actions.intent('track')) : undefined,
      quick(R.menuLabels.human, actions.intent('human')),
      quick(R.menuLabels.privacy, actions.intent('privacy')),
    ];
  }

  // ── dialogues ──

  function contextFor(turn: Turn): DialogueContext {
    return {
      resident: {
        id: turn.residentId,
        channel: turn.message.channel,
        channelUserId: turn.message.channelUserId,
        clientAddress: turn.message.clientAddress,
      },
      messageKey: turn.messageKey,
      now: turn.now,
      data: structuredClone(turn.data),
      addressForm,
      you: addressForm,
      conversation: turn.context,
    };
  }

  function currentStep(turn: Turn) {
    const definition = turn.dialog ? registry.get(turn.dialog) : undefined;
    return definition && turn.step && Object.hasOwn(definition.steps, turn.step)
      ? definition.steps[turn.step]
      : undefined;
  }

  function endDialogue(turn: Turn): void {
    turn.dialog = null;
    turn.step = null;
    turn.data = {};
  }

  function promptStep(turn: Turn): void {
    const step = currentStep(turn);
    if (!step) throw new Error(`Dialogue ${turn.dialog} has no step ${turn.step}`);
    const prompt = step.prompt(contextFor(turn));
    const buttons = (prompt.choices ?? []).map((c) => quick(c.label, actions.choice(turn.step as string, c.value)));
    if (prompt.cancellable !== false) buttons.push(quick(R.cancelLabel, actions.cancel()));
    sayWith(turn, prompt.text, buttons);
  }

  async function startDialogue(turn: Turn, name: string, seed: JsonObject, depth = 0): Promise<void> {
    const definition = registry.get(name);
    if (!definition) {
      // only the intake can be missing: it belongs to the tickets context
      say(turn, R.intakeNotEnabled);
      return;
    }
    if (depth > MAX_CHAINED_DIALOGUES) throw new Error(`Dialogues chained more than ${MAX_CHAINED_DIALOGUES} times`);
    turn.dialog = name;
    turn.step = null;
    turn.data = {};
    const transition = await guarded(() => definition.start(contextFor(turn), seed), 'end');
    await applyTransition(turn, transition, depth);
  }

  async function applyTransition(turn: Turn, transition: DialogueTransition, depth: number): Promise<void> {
    turn.effects.push(...(transition.effects ?? []));
    for (const item of transition.say ?? []) say(turn, item);
    switch (transition.type) {
      case 'goto':
        turn.step = transition.step;
        if (transition.data !== undefined) turn.data = transition.data;
        promptStep(turn);
        return;
      case 'stay':
        if (transition.data !== undefined) turn.data = transition.data;
        if (transition.reprompt !== false) promptStep(turn);
        return;
      case 'end':
        endDialogue(turn);
        return;
      case 'start':
        endDialogue(turn);
        await startDialogue(turn, transition.dialogue, transition.seed ?? {}, depth + 1);
        return;
      case 'ask':
        endDialogue(turn);
        await answer(turn, transition.question, transition.focusCode);
        return;
    }
  }

  /**
   * Runs a step, start or button handler of a dialogue. A deliberate AppError (e.g. BAD_INPUT from a validator or a
   * use case) is said to the resident and the step asked again (`stay`) or the dialogue ended (`end`); bugs propagate.
   */
  async function guarded(
    run: () => DialogueTransition | Promise<DialogueTransition>,
    onError: 'stay' | 'end' = 'stay',
  ): Promise<DialogueTransition> {
    try {
      return await run();
    } catch (error) {
      if (!isAppError(error) || error.code === 'INTERNAL') throw error;
      return onError === 'stay'
        ? { type: 'stay', say: [error.userMessage] }
        : { type: 'end', say: [error.userMessage] };
    }
  }

  function matchChoice(text: string, choices: StepChoice[]): StepChoice | undefined {
    const folded = foldForMatching(text);
    if (folded === '') return undefined;
    const number = /^\d{1,2}$/.test(folded) ? Number(folded) : undefined;
    if (number !== undefined) return choices[number - 1];
    const exact = choices.find((c) => foldForMatching(c.label) === folded || foldForMatching(c.value) === folded);
    if (exact) return exact;
    if (YES_WORDS.has(folded)) return choices.find((c) => c.value === 'yes');
    if (NO_WORDS.has(folded)) return choices.find((c) => c.value === 'no');
    return undefined;
  }

  async function handleStepInput(
    turn: Turn,
    raw: { text: string; choice?: string | undefined; attachments: IncomingMessage['attachments'] },
  ): Promise<void> {
    const step = currentStep(turn);
    if (!step) {
      say(turn, R.dialogLost);
      endDialogue(turn);
      return;
    }
    const ctx = contextFor(turn);
    const choices = step.prompt(ctx).choices ?? [];
    const acceptsText = step.accepts?.text ?? choices.length === 0;
    const acceptedKinds = step.accepts?.attachments ?? [];
    const accepted = raw.attachments.filter((a) => acceptedKinds.includes(a.kind));
    const rejected = raw.attachments.length - accepted.length;
    let choice = raw.choice;

    if (choice !== undefined) {
      if (!choices.some((c) => c.value === choice)) {
        say(turn, R.staleButton);
        promptStep(turn);
        return;
      }
    } else if (raw.text !== '') {
      choice = matchChoice(raw.text, choices)?.value;
      if (choice === undefined && !acceptsText) {
        say(turn, choices.length > 0 ? R.chooseOne : R.stepNeedsText);
        promptStep(turn);
        return;
      }
    }
    const hasInput = raw.text !== '' || choice !== undefined || accepted.length > 0;
    if (rejected > 0) {
      say(turn, hasInput ? R.stepIgnoresAttachments : choices.length > 0 ? R.chooseOne : R.stepNeedsText);
      if (!hasInput) {
        promptStep(turn);
        return;
      }
    } else if (!hasInput) {
      say(turn, R.stepEmpty);
      promptStep(turn);
      return;
    }
    const transition = await guarded(() => step.handle({ text: raw.text, choice, attachments: accepted }, ctx));
    await applyTransition(turn, transition, 0);
  }

  function cancelDialogue(turn: Turn): void {
    if (!turn.dialog) {
      sayWith(turn, R.nothingToCancel, menuButtons());
      return;
    }
    endDialogue(turn);
    sayWith(turn, R.cancelled, menuButtons());
  }

  function abandonDialogue(turn: Turn): void {
    if (!turn.dialog) return;
    endDialogue(turn);
    say(turn, R.dialogAbandoned);
  }

  // ── intents ──

  async function answer(
    turn: Turn,
    question: string,
    focusCode?: string | undefined,
    offerIntake?: IntakeKind | undefined,
  ): Promise<void> {
    let q = question;
    if (q.length > maxQuestionChars) {
      q = cutText(q, maxQuestionChars);
      say(turn, R.questionTruncated(q.length));
    }
    let result: Awaited<ReturnType<Answerer['ask']>>;
    try {
      result = await answerer.ask(q, focusCode ? { focusCode } : undefined);
    } catch (error) {
      logger?.error({ ...describeError(error), residentId: turn.residentId }, 'answerer failed');
      turn.effects.push({
        type: 'queue-question',
        channel: turn.message.channel,
        question: q,
        reason: 'error',
        docCodes: [],
      });
      say(turn, R.answererFailed);
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
      buttons.push(quick(R.handToStaffLabel, actions.staff(ref)));
      // the button above files it in one tap; this one is the intake, for a resident who wants to add more
      if (tickets?.fileQuestion && isIntakeAvailable())
        buttons.push(quick(R.handToStaffDetailsLabel, actions.staff(ref, 'details')));
    } else {
      buttons.push(...rateButtons(ref));
    }
    const intakeAction = offerIntake ? KIND_INTENT_ACTION[offerIntake] : undefined;
    if (intakeAction && isIntakeAvailable())
      buttons.push(quick(R.offerIntakeLabel(offerIntake as IntakeKind), actions.intent(intakeAction)));
    sayWith(turn, result.text.trim() === '' ? R.emptyAnswer : result.text, buttons);
  }

  async function ask(turn: Turn, intent: Extract<Intent, { kind: 'ask' }>): Promise<void> {
    if (!intent.aspectOnly) {
      await answer(turn, intent.question, undefined, intent.offerIntake);
      return;
    }
    const focus = turn.context.focus;
    if (focus && isWithinFollowUpWindow(turn, focus.at)) {
      await answer(turn, followUpQuestion(intent.question, focus.title), focus.code);
      return;
    }
    const seed: JsonObject = { question: cutText(intent.question, 200) };
    if (focus) {
      seed.recentCode = focus.code;
      seed.recentTitle = focus.title;
    }
    await startDialogue(turn, BUILTIN_DIALOGUES.clarify, seed);
  }

  async function rate(turn: Turn, rating: 'up' | 'down', ref: string): Promise<void> {
    const entry = turn.context.answers?.find((a) => a.ref === ref);
    const inDialogue = turn.dialog !== null && currentStep(turn) !== undefined;
    if (!entry || entry.rated) {
      say(turn, entry ? R.alreadyRated : R.ratingExpired);
      if (inDialogue) promptStep(turn);
      return;
    }
    entry.rated = rating;
    turn.effects.push({
      type: 'feedback',
      answerRef: ref,
      rating,
      question: entry.question,
      answer: entry.answer,
      docCodes: entry.docCodes,
    });
    if (rating === 'up') {
      say(turn, R.ratedUp);
      if (inDialogue) promptStep(turn);
      return;
    }
    if (!entry.abstained) {
      turn.effects.push({
        type: 'queue-question',
        answerRef: ref,
        channel: turn.message.channel,
        question: entry.question,
        reason: 'thumbs_down',
        docCodes: entry.docCodes,
      });
    }
    if (inDialogue) {
      say(turn, R.ratedDownNoted);
      promptStep(turn);
      return;
    }
    await startDialogue(turn, BUILTIN_DIALOGUES.rateAnswer, { ref });
  }

  function lastAnswer(turn: Turn): RecentAnswer | undefined {
    return turn.context.answers?.at(-1);
  }

  /** The last answer when it was an answer (not "nothing found") given within the follow-up window. */
  function recentRatableAnswer(turn: Turn): RecentAnswer | undefined {
    const last = lastAnswer(turn);
    if (!last || last.abstained) return undefined;
    return isWithinFollowUpWindow(turn, last.at) ? last : undefined;
  }

  /** True when `at` (an ISO time saved in the context) is recent enough for a follow-up to refer to it. */
  function isWithinFollowUpWindow(turn: Turn, at: string): boolean {
    return turn.now.getTime() - Date.parse(at) <= followUpWindowMs;
  }

  /** /danhgia: the rating buttons of the last answer again. */
  function ratePrompt(turn: Turn): void {
    const last = recentRatableAnswer(turn);
    if (!last) {
      say(turn, R.nothingRecentToRate);
      return;
    }
    if (last.rated) {
      say(turn, R.alreadyRated);
      return;
    }
    sayWith(turn, R.ratePrompt(cutText(last.question, 120)), rateButtons(last.ref));
  }

  async function startIntake(turn: Turn, seed: JsonObject): Promise<void> {
    if (!isIntakeAvailable()) {
      sayWith(turn, R.intakeNotEnabled, [quick(R.menuLabels.ask, actions.intent('ask'))]);
      return;
    }
    await startDialogue(turn, INTAKE_DIALOGUE, seed);
  }

  async function track(turn: Turn, code: string | undefined): Promise<void> {
    if (!tickets) {
      say(turn, R.trackingNotEnabled);
      return;
    }
    if (code) {
      for (const item of await lookUpTicket({ tickets, replies: R, code, ctx: contextFor(turn) })) say(turn, item);
      return;
    }
    await startDialogue(turn, BUILTIN_DIALOGUES.track, {});
  }

  async function dispute(turn: Turn, code: string | undefined): Promise<void> {
    if (!tickets) {
      say(turn, R.trackingNotEnabled);
      return;
    }
    for (const item of await offerDispute({ tickets, replies: R, code, ctx: contextFor(turn) })) say(turn, item);
  }

  function human(turn: Turn): void {
    const last = lastAnswer(turn);
    const canHand = last !== undefined && !last.escalated;
    sayWith(turn, R.human({ hasQuestion: canHand, intake: isIntakeAvailable(), contact: options.supportContact }), [
      canHand ? quick(R.handToStaffLabel, actions.staff(last.ref)) : undefined,
      isIntakeAvailable() ? quick(R.menuLabels.petition, actions.intent('petition')) : undefined,
    ]);
  }

  async function privacyReport(turn: Turn): Promise<void> {
    const { summary, others } = await describeResidentData({
      store,
      holders,
      residentId: turn.residentId,
      context: turn.context,
    });
    sayWith(turn, R.privacyReport(summary, others), [quick(R.eraseLabel, actions.intent('erase'))]);
  }

  async function runIntent(turn: Turn, intent: Intent): Promise<void> {
    switch (intent.kind) {
      case 'ask':
        return ask(turn, intent);
      case 'intake':
        if (intent.explicit) return startIntake(turn, intent.ticketKind ? { kind: intent.ticketKind } : {});
        if (!isIntakeAvailable() || !intent.description) {
          return answer(turn, intent.description ?? turn.input.text);
        }
        return startDialogue(turn, BUILTIN_DIALOGUES.offerIntake, {
          kind: intent.ticketKind ?? 'petition',
          description: intent.description,
          attachments: safeAttachments(turn),
        });
      case 'track':
        return track(turn, intent.code);
      case 'dispute':
        return dispute(turn, intent.code);
      case 'rate': {
        const last = lastAnswer(turn);
        if (!last) {
          say(turn, R.nothingToRate);
          return;
        }
        return rate(turn, intent.rating, last.ref);
      }
      case 'rate_prompt':
        return ratePrompt(turn);
      case 'human':
        return human(turn);
      case 'help':
        sayWith(turn, R.help({ intake: isIntakeAvailable(), tracking: tickets !== undefined }), menuButtons());
        return;
      case 'greeting':
        sayWith(turn, R.greeting, menuButtons());
        return;
      case 'thanks':
        say(turn, R.thanks);
        return;
      case 'privacy_report':
        return privacyReport(turn);
      case 'privacy_erase':
        return startDialogue(turn, BUILTIN_DIALOGUES.erase, {});
      case 'cancel':
        return cancelDialogue(turn);
      case 'unreadable':
        sayWith(turn, R.unreadable, menuButtons());
        return;
    }
  }

  /** Attachment references safe to carry into an intake seed: no shared contacts (phone numbers). */
  function safeAttachments(turn: Turn): JsonObject[] {
    return turn.input.attachments
      .filter((a) => a.kind === 'photo' || a.kind === 'file' || a.kind === 'location')
      .map((a) => {
        const item: JsonObject = { kind: a.kind };
        if (a.ref !== undefined) item.ref = a.ref;
        if (a.name !== undefined) item.name = a.name;
        if (a.mimeType !== undefined) item.mimeType = a.mimeType;
        if (typeof a.latitude === 'number') item.latitude = a.latitude;
        if (typeof a.longitude === 'number') item.longitude = a.longitude;
        return item;
      });
  }

  async function runIntentAction(turn: Turn, intent: IntentAction): Promise<void> {
    const kind = INTENT_ACTION_KIND[intent];
    if (kind) return startIntake(turn, { kind });
    switch (intent) {
      case 'ask':
        say(turn, R.askPrompt);
        return;
      case 'track':
        return track(turn, undefined);
      case 'human':
        return human(turn);
      case 'help':
        return runIntent(turn, { kind: 'help' });
      case 'privacy':
        return privacyReport(turn);
      case 'erase':
        return startDialogue(turn, BUILTIN_DIALOGUES.erase, {});
      default:
        return runIntent(turn, { kind: 'help' });
    }
  }

  // ── one message ──

  async function handleAction(turn: Turn, action: string): Promise<void> {
    const parsed = parseAction(action, registry.actionPrefixes);
    switch (parsed.type) {
      case 'cancel':
        return cancelDialogue(turn);
      case 'choice':
        if (turn.dialog && turn.step === parsed.step) {
          return handleStepInput(turn, { text: '', choice: parsed.value, attachments: [] });
        }
        if (turn.dialog && currentStep(turn)) {
          say(turn, R.staleButton);
          promptStep(turn);
          return;
        }
        sayWith(turn, R.unknownButton, menuButtons());
        return;
      case 'intent':
        abandonDialogue(turn);
        return runIntentAction(turn, parsed.intent);
      case 'rate':
        return rate(turn, parsed.rating, parsed.ref);
      case 'staff':
        abandonDialogue(turn);
        return startDialogue(
          turn,
          BUILTIN_DIALOGUES.handToStaff,
          parsed.details ? { ref: parsed.ref, details: true } : { ref: parsed.ref },
        );
      case 'custom': {
        const handler = registry.action(parsed.prefix);
        if (!handler) break;
        const transition = await guarded(() => handler.handle({ args: parsed.args, ctx: contextFor(turn) }), 'end');
        if (transition.type === 'start' || transition.type === 'ask') {
          abandonDialogue(turn);
          return applyTransition(turn, transition, 0);
        }
        // a later button (e.g. from the outbox) must not disturb a dialogue in progress: say, then re-prompt
        turn.effects.push(...(transition.effects ?? []));
        for (const item of transition.say ?? []) say(turn, item);
        if (turn.dialog && currentStep(turn)) promptStep(turn);
        return;
      }
      case 'unknown':
        break;
    }
    say(turn, R.unknownButton);
    if (turn.dialog && currentStep(turn)) promptStep(turn);
  }

  async function handleInDialogue(turn: Turn): Promise<void> {
    const { text, attachments } = turn.input;
    if (text !== '') {
      const folded = foldForMatching(text);
      const intent = classifyText(text, folded);
      if (intent.kind === 'cancel') return cancelDialogue(turn);
      const command = text.startsWith('/') ? intent : undefined;
      if (command?.kind === 'help' || command?.kind === 'greeting') {
        say(turn, R.help({ intake: isIntakeAvailable(), tracking: tickets !== undefined }));
        say(turn, R.inDialogueHelp);
        promptStep(turn);
        return;
      }
      if (command) {
        abandonDialogue(turn);
        return runIntent(turn, command);
      }
      const step = currentStep(turn);
      if (step?.onOtherRequest && matchChoice(text, step.prompt(contextFor(turn)).choices ?? []) === undefined) {
        const other = anotherRequest(text, intent, folded);
        const outcome = other ? step.onOtherRequest(other, contextFor(turn)) : undefined;
        if (outcome?.type === 'leave') {
          await applyTransition(turn, { ...outcome, type: 'end' }, 0);
          return handleIdle(turn, { folded, intent });
        }
        if (outcome) return applyTransition(turn, outcome, 0);
      }
    }
    return handleStepInput(turn, { text, attachments });
  }

  /** `read`: the text already folded and classified by the rules (a message that left a dialogue). */
  async function handleIdle(turn: Turn, read?: { folded: string; intent: Intent }): Promise<void> {
    const { text, attachments } = turn.input;
    if (text === '') {
      if (attachments.length === 0) {
        sayWith(turn, R.empty, menuButtons());
        return;
      }
      const hasMedia = attachments.some((a) => a.kind === 'photo' || a.kind === 'location' || a.kind === 'file');
      if (!hasMedia && attachments.some((a) => a.kind === 'contact')) {
        say(turn, R.contactNotNeeded);
        return;
      }
      if (hasMedia) {
        if (!isIntakeAvailable()) {
          say(turn, R.mediaWithoutIntake);
          return;
        }
        return startDialogue(turn, BUILTIN_DIALOGUES.offerIntake, {
          kind: 'petition',
          attachments: safeAttachments(turn),
        });
      }
      say(turn, R.attachmentUnsupported);
      return;
    }
    // "sai rồi", "hữu ích": a verdict on the answer just given; without one it is a message like any other
    const folded = read?.folded ?? foldForMatching(text);
    const typed = attachments.length === 0 ? typedRating(text, folded) : undefined;
    const rated = typed ? recentRatableAnswer(turn) : undefined;
    if (typed && rated) return rate(turn, typed, rated.ref);
    const intent = await classify(text, folded, read?.intent);
    if (attachments.length > 0 && intent.kind !== 'intake') say(turn, R.attachmentsIgnored);
    return runIntent(turn, intent);
  }

  /**
   * Commands are always read by the rules (they are exact); free text goes to the configured classifier, and to the
   * rules again when that one fails (an LLM classifier timing out must not cost the resident an answer).
   * `ruleIntent`: what the rules already made of this text, if they were asked.
   */
  async function classify(text: string, folded: string, ruleIntent?: Intent): Promise<Intent> {
    const byRules = () => ruleIntent ?? classifyText(text, folded);
    if (text.startsWith('/') || classifier === ruleClassifier) return byRules();
    try {
      return await classifier.classify({ text });
    } catch (error) {
      logger?.warn(describeError(error), 'intent classifier failed; using the rules');
      return byRules();
    }
  }

  async function runTurn(turn: Turn): Promise<void> {
    const { input } = turn;
    if (input.truncatedFrom !== undefined) say(turn, R.truncated(input.truncatedFrom, input.text.length));
    if (input.hadJunk && input.text !== '' && !input.isUnreadable) say(turn, R.junkDropped);
    if (turn.dialog && !currentStep(turn)) {
      // a dialogue saved by a version that had it (or by a context no longer registered)
      say(turn, R.dialogLost);
      endDialogue(turn);
    }
    if (input.action) return handleAction(turn, input.action);
    if (turn.dialog) return handleInDialogue(turn);
    return handleIdle(turn);
  }

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
      await runTurn(turn);
      if (turn.replies.length === 0)
        sayWith(turn, R.help({ intake: isIntakeAvailable(), tracking: !!tickets }), menuButtons());
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
