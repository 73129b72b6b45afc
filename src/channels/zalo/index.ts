// Public face of the Zalo OA channel: start it, its pure converters, and the ports the database implements.
export { createZaloClient, type ZaloClient, type ZaloTokenPair } from './client.js';
export { WINDOW_CLOSED_REASON, ZaloApiError, ZaloNetworkError } from './errors.js';
export type { HeldAnswers } from './process-event.js';
export {
  CLOSED_AFTER_MS,
  FREE_REPLIES,
  FREE_WINDOW_MS,
  type ReplyWindow,
  replyWindow,
} from './reply-window.js';
export { type StartZaloOptions, startZalo, type ZaloRuntime } from './start-zalo.js';
export type {
  ClaimOutcome,
  InboundRecord,
  WindowClosedNotice,
  ZaloEventStore,
  ZaloResidentStore,
} from './state-store.js';
export { toIncoming as zaloToIncoming, type ZaloInbound } from './to-incoming.js';
export { toZaloMessages, ZALO_CAPABILITIES, type ZaloSendBody } from './to-zalo.js';
export type { StoredZaloTokens, ZaloTokenStore } from './token-store.js';
export { BROKEN_ADVICE, hashSeed, type ZaloTokenState } from './tokens.js';
export { zaloSignature } from './verify-signature.js';
export { ZALO_WEBHOOK_PATH } from './webhook-route.js';
