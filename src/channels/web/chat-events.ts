// New transcript lines pushed to open chat pages (Server-Sent Events). A line written by this process wakes its
// session's listeners at once; a line written by another instance (an officer's answer delivered by that instance's
// outbox worker) is noticed by one shared query a second, made only while some page is listening.
import type { Logger } from '../../shared/logger.js';
import type { WebChatStore } from './chat-store.js';

export interface ChatEvents {
  /** Calls `listener` whenever the session may have new lines; returns the unsubscribe. */
  subscribe(sessionId: string, listener: () => void): () => void;
  /** Tells the session's listeners (in this process) that it has new lines. */
  notify(sessionId: string): void;
  /** Starts watching for lines written by other processes. */
  start(): void;
  stop(): void;
}

export function createChatEvents(options: {
  store: Pick<WebChatStore, 'sessionsWithLinesAfter'>;
  logger: Logger;
  /** How often other instances' lines are looked for, while pages listen (default 1 s). */
  watchMs?: number;
}): ChatEvents {
  const listeners = new Map<string, Set<() => void>>();
  let cursor: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let watching = false;

  const notify = (sessionId: string) => {
    for (const listener of listeners.get(sessionId) ?? []) listener();
  };

  const watch = async () => {
    // the first look (at start) only sets where to begin; later ones run while some page listens
    if (watching || (listeners.size === 0 && cursor !== undefined)) return;
    watching = true;
    try {
      const found = await options.store.sessionsWithLinesAfter(cursor);
      if (cursor !== undefined)
        for (const sessionId of found.sessionIds) if (listeners.has(sessionId)) notify(sessionId);
      cursor = found.maxId;
    } catch (error) {
      options.logger.warn({ err: error instanceof Error ? error.name : String(error) }, 'chat line watch failed');
    } finally {
      watching = false;
    }
  };

  return {
    subscribe(sessionId, listener) {
      let set = listeners.get(sessionId);
      if (!set) {
        set = new Set();
        listeners.set(sessionId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
    notify,
    start() {
      if (timer) return;
      void watch();
      timer = setInterval(() => void watch(), options.watchMs ?? 1000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
