// Public face of the conversation context: the engine, its ports, the dialogue API and the message types.
export {
  actionFits,
  actions,
  dialogueTag,
  INTENT_ACTIONS,
  type IntentAction,
  MAX_ACTION_BYTES,
  type ParsedAction,
  parseAction,
} from './actions.js';
export { BUILTIN_DIALOGUES, escalationEffect } from './dialogues/builtin.js';
export {
  type ActionHandler,
  type DialogueContext,
  type DialogueDefinition,
  DialogueRegistry,
  type DialogueStep,
  type DialogueTransition,
  defineDialogue,
  INTAKE_DIALOGUE,
  type LeaveTransition,
  type Say,
  type StepChoice,
  type StepInput,
  type StepPrompt,
} from './dialogues/dialogue.js';
export {
  type ConversationEngine,
  type ConversationEngineOptions,
  createConversationEngine,
  type HandleResult,
  type HandleStatus,
} from './engine.js';
export {
  type Confusion,
  evaluateIntents,
  INTENT_LABELS,
  type IntentEvalReport,
  type IntentSplit,
  type LabelledMessage,
  type LabelScore,
  outcomeOf,
  parseLabelledMessages,
  type SplitScore,
  splitOf,
} from './intents/evaluate-intents.js';
export {
  anotherRequest,
  classifyText,
  createRuleClassifier,
  foldForMatching,
  isAspectOnly,
  typedRating,
} from './intents/rule-classifier.js';
export type {
  Answerer,
  AskOptions,
  Clock,
  CommitInput,
  CommitResult,
  ConversationContext,
  ConversationSnapshot,
  ConversationStore,
  DisputeOfferResult,
  FeedbackReason,
  IntakeKind,
  Intent,
  IntentClassifier,
  JsonObject,
  JsonValue,
  OpenConversationInput,
  OpenedConversation,
  QueueReason,
  RecentAnswer,
  ResidentDataHolder,
  ResidentDataItem,
  ResidentDataSummary,
  StoreEffect,
  TicketDesk,
  TicketLookupResult,
} from './ports.js';
export { type AddressForm, addressWords, createReplies, type Replies } from './replies.js';
export { cutText, MAX_QUESTION_CHARS, MAX_TEXT_CHARS } from './sanitize-input.js';
export { findTrackingCode, TRACKING_CODE_PREFIXES } from './tracking-code.js';
export type {
  Attachment,
  Channel,
  ChannelCapabilities,
  ChannelName,
  IncomingMessage,
  MessageHandler,
  OutgoingReply,
  QuickReply,
} from './types.js';
