// Helpers every channel adapter shares: text cleaning, per-resident ordering, failure-proof answering.

export { KeyedQueue } from '../../shared/keyed-queue.js';
export { type AnswerIncomingOptions, answerIncoming, type ConversationPort } from './answer-incoming.js';
export { CHANNEL_REPLIES, MAX_INCOMING_CHARS, sanitizeText, textReply } from './incoming-guard.js';
