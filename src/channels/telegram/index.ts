// Public face of the Telegram channel: start the bot, and the pure converter of replies to Bot API calls.
export {
  type StartTelegramOptions,
  startTelegram,
  type TelegramRuntime,
} from './start-telegram.js';
export { TELEGRAM_CAPABILITIES } from './telegram-channel.js';
export { type TelegramCall, toTelegramCalls } from './to-telegram.js';
export type { TelegramUpdateStore } from './update-store.js';
