// Assembles the web chat: routes for the page and the API, and the Channel for later deliveries, sharing one queue.
import type { Context, Hono } from 'hono';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import type { ConversationPort } from '../shared/answer-incoming.js';
import type { AttachmentStore } from '../shared/attachments.js';
import { createChatEvents } from './chat-events.js';
import type { WebChatStore } from './chat-store.js';
import { mountWebChat } from './routes.js';
import { WebChannel } from './web-channel.js';

export interface CreateWebChatOptions {
  store: WebChatStore;
  handler: ConversationPort;
  logger: Logger;
  /** Sessions (and their transcripts) unused this many days are deleted (default 30, the cookie's lifetime). */
  retentionDays?: number;
  /** The requester's network address key (TRUST_PROXY-aware), for rate limits. */
  clientKey?: ((c: Context) => string | undefined) | undefined;
  /** Portals that may frame the chat (EMBED_ORIGINS). */
  embedOrigins?: string[] | undefined;
  /** Whether a new session may be stored for this address (a limit per address); absent: always. */
  allowNewSession?: ((clientKey: string | undefined) => Promise<boolean>) | undefined;
  /** Where attached photos and files are kept (POST /api/chat/attachments); absent: no uploads. */
  attachments?: AttachmentStore | undefined;
  /** Whether this session may store one more upload (a limit per session); absent: always. */
  allowUpload?: ((sessionId: string) => Promise<boolean>) | undefined;
}

export interface WebChat {
  channel: WebChannel;
  mount: (app: Hono) => void;
  /** Stops the pruning timer and waits for requests being answered (clean shutdown). */
  drain(): Promise<void>;
}

export function createWebChat(options: CreateWebChatOptions): WebChat {
  const { store, handler, logger, retentionDays = 30 } = options;
  const queue = new KeyedQueue();
  const log = logger.child({ channel: 'web' });
  const events = createChatEvents({ store, logger: log });
  events.start();
  // transcripts are residents' personal data: keep them no longer than a session can be resumed
  const prune = () =>
    store
      .pruneIdle(new Date(Date.now() - retentionDays * 24 * 3600 * 1000))
      .then((count) => {
        if (count > 0) log.info({ count }, 'idle web chat sessions deleted');
      })
      .catch((error: unknown) => log.warn({ err: String(error) }, 'pruning web chat sessions failed'));
  const timer = setInterval(() => void prune(), 6 * 3600 * 1000);
  timer.unref();
  void prune();
  return {
    channel: new WebChannel({ store, queue, events }),
    mount: (app) =>
      mountWebChat(app, {
        store,
        handler,
        queue,
        logger: log,
        clientKey: options.clientKey,
        embedOrigins: options.embedOrigins,
        allowNewSession: options.allowNewSession,
        attachments: options.attachments,
        allowUpload: options.allowUpload,
        events,
      }),
    async drain() {
      clearInterval(timer);
      events.stop();
      await queue.drain();
    },
  };
}
