// Public face of the web chat channel: the page at /, /embed.js, the JSON API, and the Channel for later deliveries.
export type { ChatLine, ChatSender, NewBotLine, WebChatStore } from './chat-store.js';
export { type CreateWebChatOptions, createWebChat, type WebChat } from './create-web-chat.js';
export { WEB_CAPABILITIES } from './web-channel.js';
