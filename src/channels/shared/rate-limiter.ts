// Outgoing pacing shared by the channels: a sustained rate per chat and overall, with short bursts, and pauses after a 429.

export interface RateLimiterOptions {
  /** Sustained messages per second to one chat (Telegram: about 1). */
  perChatPerSecond: number;
  /** Messages one chat may receive at once before pacing starts (an answer split in parts). */
  perChatBurst: number;
  /** Sustained messages per second over all chats (Telegram: about 30). */
  globalPerSecond: number;
  globalBurst: number;
  /** Injected in tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const TELEGRAM_LIMITS = {
  perChatPerSecond: 1,
  perChatBurst: 3,
  globalPerSecond: 30,
  globalBurst: 30,
} as const;

/** Theoretical arrival time (ms) of the next message on one stream, per the generic cell rate algorithm. */
interface Stream {
  tat: number;
}

const IDLE_FORGET_MS = 60_000;

/**
 * Generic cell rate algorithm on two levels (the chat and the whole bot). Each `acquire` reserves the
 * earliest slot both levels allow, in call order, then waits for it: no polling, no timers left behind.
 * Small and deterministic with an injected clock, which is why it is not a library.
 */
export class RateLimiter {
  private readonly chats = new Map<string, Stream>();
  private readonly global: Stream = { tat: 0 };
  private readonly chatInterval: number;
  private readonly chatTolerance: number;
  private readonly globalInterval: number;
  private readonly globalTolerance: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private acquiredSinceSweep = 0;

  constructor(options: RateLimiterOptions) {
    this.chatInterval = 1000 / options.perChatPerSecond;
    this.chatTolerance = this.chatInterval * (Math.max(1, options.perChatBurst) - 1);
    this.globalInterval = 1000 / options.globalPerSecond;
    this.globalTolerance = this.globalInterval * (Math.max(1, options.globalBurst) - 1);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Milliseconds a message to `chatId` would wait if reserved now (0 = may go at once). Reserves nothing. */
  delayFor(chatId: string): number {
    const now = this.now();
    const chat = this.chats.get(chatId);
    const at = Math.max(now, (chat?.tat ?? 0) - this.chatTolerance, this.global.tat - this.globalTolerance);
    return at - now < 0.001 ? 0 : at - now;
  }

  /** Reserves the next slot for `chatId` and resolves when it is due. */
  async acquire(chatId: string): Promise<void> {
    const now = this.now();
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { tat: 0 };
      this.chats.set(chatId, chat);
    }
    let at = Math.max(now, chat.tat - this.chatTolerance, this.global.tat - this.globalTolerance);
    // 1000/30 is not exact in floating point: a microsecond of rounding error is not a reason to wait
    if (at - now < 0.001) at = now;
    chat.tat = Math.max(chat.tat, at) + this.chatInterval;
    this.global.tat = Math.max(this.global.tat, at) + this.globalInterval;
    if (++this.acquiredSinceSweep >= 1000) this.sweep(now);
    if (at > now) await this.sleep(at - now);
  }

  /** After a 429 for `chatId`: nothing more goes to that chat for `ms`. */
  pause(chatId: string, ms: number): void {
    const until = this.now() + ms;
    const chat = this.chats.get(chatId) ?? { tat: 0 };
    chat.tat = Math.max(chat.tat, until + this.chatTolerance);
    this.chats.set(chatId, chat);
  }

  /**
   * After a 429 that may be the bot's flood control (Telegram counts per bot, not per chat): nothing goes to
   * any chat for `ms`.
   */
  pauseAll(ms: number): void {
    this.global.tat = Math.max(this.global.tat, this.now() + ms + this.globalTolerance);
  }

  /** Number of chats with pacing state (for tests of forgetting). */
  get trackedChats(): number {
    return this.chats.size;
  }

  /** Forgets chats idle long enough that their state no longer constrains anything. */
  sweep(now: number = this.now()): void {
    this.acquiredSinceSweep = 0;
    for (const [chatId, stream] of this.chats) {
      if (stream.tat + IDLE_FORGET_MS < now) this.chats.delete(chatId);
    }
  }
}
