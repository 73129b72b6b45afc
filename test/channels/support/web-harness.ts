// Serves the web chat on the real HTTP app (port 0) with a fresh embedded database; a tiny cookie-keeping client.
import type { ConversationPort } from '../../../src/channels/shared/index.js';
import { type CreateWebChatOptions, createWebChat, type WebChat } from '../../../src/channels/web/index.js';
import type { Database } from '../../../src/db/index.js';
import { createPrismaWebChatStore } from '../../../src/db/stores/web-chat-store.js';
import { createHttpApp, listen, type RunningServer } from '../../../src/http/index.js';
import { createTestDatabase } from '../../support/database.js';
import { captureLogger } from './capture-logger.js';

export interface WebHarness {
  url: string;
  db: Database;
  webChat: WebChat;
  server: RunningServer;
  logs: string[];
  close(): Promise<void>;
}

export async function startWebHarness(
  options: { handler: ConversationPort; db?: Database } & Pick<
    CreateWebChatOptions,
    'embedOrigins' | 'clientKey' | 'allowNewSession' | 'attachments'
  >,
): Promise<WebHarness> {
  const db = options.db ?? (await createTestDatabase());
  const { logger, lines } = captureLogger();
  const webChat = createWebChat({
    store: createPrismaWebChatStore({ prisma: db.prisma }),
    handler: options.handler,
    logger,
    embedOrigins: options.embedOrigins,
    clientKey: options.clientKey,
    allowNewSession: options.allowNewSession,
    attachments: options.attachments,
  });
  const app = createHttpApp({ logger, mounts: [webChat.mount], health: async () => ({}) });
  const server = await listen(app, '127.0.0.1', 0);
  return {
    url: `http://127.0.0.1:${server.port}`,
    db,
    webChat,
    server,
    logs: lines,
    async close() {
      await server.close();
      await webChat.drain();
      if (!options.db) await db.close();
    },
  };
}

export interface ChatMessage {
  id: number;
  from: 'resident' | 'bot';
  text: string;
  quickReplies: Array<{ label: string; action: string }>;
  replyTo: number | null;
}

/** A browser-like client: keeps the session cookie between requests. */
export class ChatClient {
  cookie: string | undefined;

  constructor(private readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const response = await fetch(`${this.base}${path}`, { ...init, headers });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    return response;
  }

  async post(body: unknown): Promise<{
    status: number;
    json: { messages?: ChatMessage[]; message?: string; error?: string; sessionId?: string };
  }> {
    const response = await this.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as never };
  }

  /** Sends text (or a button's action with its label) and returns the bot lines of the answer. */
  async say(text: string, action?: string): Promise<ChatMessage[]> {
    const { status, json } = await this.post({ text, ...(action ? { action } : {}) });
    if (status !== 200) throw new Error(`chat API answered ${status}: ${json.message}`);
    return (json.messages ?? []).filter((m) => m.from === 'bot');
  }

  async transcript(after = 0): Promise<ChatMessage[]> {
    const response = await this.request(`/api/chat/messages?after=${after}`);
    return ((await response.json()) as { messages: ChatMessage[] }).messages;
  }
}
