// Public face of the web chat channel: the page at /, /embed.js, the JSON API, and the Channel for later deliveries.
export { type AnswerWebMessageOptions, answerWebMessage } from './answer-web-message.js';
export type { ChatLine, ChatSender, NewBotLine, WebChatStore } from './chat-store.js';
export { type CreateWebChatOptions, createWebChat, type WebChat } from './create-web-chat.js';
export { type ChatMessageJson, mountWebChat, SESSION_COOKIE, SESSION_HEADER } from './routes.js';
export { readWebInput, toIncoming as toWebIncoming, type WebInput } from './to-incoming.js';
export { WebChannel } from './web-channel.js';
