// Helpers every channel adapter shares: text cleaning, failure-proof answering, and options laid out per capability.
export { type AnswerIncomingOptions, answerIncoming, type ConversationPort } from './answer-incoming.js';
export { type AttachmentStore, isStoredRef, recogniseContent, type StoredAttachment } from './attachments.js';
export { CHANNEL_REPLIES, MAX_INCOMING_CHARS, sanitizeText, textReply } from './incoming-guard.js';
export {
  ACTION_TEXT_PREFIX,
  actionFromText,
  actionToText,
  OPTIONS_HEADING,
  type PresentedReplies,
  type PresentedReply,
  presentReplies,
  typedOption,
} from './present-options.js';
