// Helpers every channel adapter shares: text cleaning and failure-proof answering.
export { type AnswerIncomingOptions, answerIncoming, type ConversationPort } from './answer-incoming.js';
export { CHANNEL_REPLIES, MAX_INCOMING_CHARS, sanitizeText, textReply } from './incoming-guard.js';
