// Public face of the Telegram channel: start the bot, the Channel for later deliveries, and the pure converters.
export { TelegramApiError, TelegramNetworkError, toTelegramError } from './errors.js';
export { type ProcessOutcome, UpdateProcessor, type UpdateProcessorOptions } from './process-update.js';
export { RateLimiter, type RateLimiterOptions, TELEGRAM_LIMITS } from './rate-limiter.js';
export { type BotApi, callTelegram, type SendReplyOptions, sendReply } from './send.js';
export {
  ALLOWED_UPDATES,
  type StartTelegramOptions,
  startTelegram,
  type TelegramRuntime,
} from './start-telegram.js';
export { TelegramChannel, type TelegramChannelOptions } from './telegram-channel.js';
export { type TelegramInbound, toIncoming } from './to-incoming.js';
export {
  escapeHtml,
  MAX_CALLBACK_BYTES,
  MAX_MESSAGE_CHARS,
  splitText,
  type TelegramCall,
  toInlineKeyboard,
  toTelegramCalls,
} from './to-telegram.js';
export type { TelegramUpdateStore } from './update-store.js';
export { SECRET_HEADER, verifyWebhookSecret } from './verify-webhook.js';
export { WEBHOOK_PATH, webhookPathsFor } from './webhook-route.js';
