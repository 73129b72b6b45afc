// Delivers the replies of one batch through /v3.0/oa/message/cs: paced, the token refreshed once on -216, network
// failures retried with backoff, and the numbered options remembered so a typed number can be read back.
import type { OutgoingReply, QuickReply } from '../../conversation/types.js';
import type { Logger } from '../../shared/logger.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import type { ZaloClient } from './client.js';
import { ZALO_TOKEN_INVALID, ZaloApiError, ZaloNetworkError } from './errors.js';
import { type ReplyWindow, replyWindow } from './reply-window.js';
import type { ZaloResidentStore } from './state-store.js';
import { toZaloMessages, type ZaloSendBody } from './to-zalo.js';
import type { ZaloTokenManager } from './tokens.js';

export interface ZaloSenderOptions {
  client: ZaloClient;
  tokens: ZaloTokenManager;
  limiter: RateLimiter;
  residents: ZaloResidentStore;
  logger: Logger;
  /** Tries per message when Zalo cannot be reached (default 3). */
  networkAttempts?: number;
  /** First backoff pause (ms, default 200), doubled each time. */
  backoffMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ZaloSender {
  /**
   * Options numbered for a resident whose write to the store has not finished. Nobody waits for that write (the
   * resident's next message would queue behind it); the next message reads its options from here meanwhile.
   */
  private readonly remembering = new Map<string, { options: QuickReply[]; write: Promise<void> }>();
  /** Every write of what was sent still on its way. */
  private readonly writing = new Set<Promise<void>>();

  constructor(private readonly options: ZaloSenderOptions) {}

  /** The options last numbered for the resident by this process, while their write is still on its way. */
  pendingOptions(userId: string): QuickReply[] | undefined {
    return this.remembering.get(userId)?.options;
  }

  /** Resolves once every numbered option list is written (a stop waits for it). */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.all([...this.writing]);
  }

  /**
   * Sends every part in order. Rejects with ZaloApiError (Zalo said no; -230 when the reply window is closed) or
   * ZaloNetworkError (still unreachable after the retries: a message may or may not have arrived).
   * `forgetsOptions`: the resident had numbered options, forgotten when these replies number none.
   */
  async deliver(userId: string, replies: OutgoingReply[], options: { forgetsOptions?: boolean } = {}): Promise<void> {
    const { bodies, numbered } = toZaloMessages(userId, replies);
    let sent = 0;
    try {
      for (const body of bodies) {
        await this.sendOne(body);
        sent++;
      }
    } catch (error) {
      // what did go out still counts against the free replies
      if (sent > 0) this.record(userId, sent, undefined);
      throw error;
    }
    // a newer answer without options makes the earlier numbers stale: "1" must not pick what is no longer on screen
    const remembers = numbered.length > 0 || options.forgetsOptions === true;
    if (sent > 0 || remembers) this.record(userId, sent, remembers ? numbered : undefined);
  }

  /** Where a send to the resident falls in Zalo's reply window now (free, beyond the free replies, closed). */
  async replyWindow(userId: string, now = new Date()): Promise<ReplyWindow> {
    await this.settled();
    return replyWindow({ ...(await this.options.residents.windowState(userId)), now });
  }

  private record(userId: string, sent: number, numbered: QuickReply[] | undefined): void {
    const write: Promise<void> = this.options.residents
      .recordSent(userId, sent, numbered)
      .catch((error: unknown) => {
        this.options.logger.warn({ err: String(error) }, 'could not record the messages sent');
      })
      .finally(() => {
        this.writing.delete(write);
        if (this.remembering.get(userId)?.write === write) this.remembering.delete(userId);
      });
    this.writing.add(write);
    if (numbered) this.remembering.set(userId, { options: numbered, write });
  }

  private async sendOne(body: ZaloSendBody): Promise<void> {
    const { client, tokens, limiter, logger } = this.options;
    const attempts = this.options.networkAttempts ?? 3;
    let pause = this.options.backoffMs ?? 200;
    let hasRefreshed = false;
    let token = await tokens.accessToken();
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire(body.recipient.user_id);
      try {
        await client.send(token, body);
        return;
      } catch (error) {
        if (error instanceof ZaloApiError && error.errorCode === ZALO_TOKEN_INVALID && !hasRefreshed) {
          // expired or revoked mid-send: one refresh (shared with every other send waiting), then the same message
          hasRefreshed = true;
          token = await tokens.afterInvalid(token);
          attempt--;
          continue;
        }
        if (error instanceof ZaloNetworkError && attempt < attempts) {
          logger.warn(
            { endpoint: error.endpoint, attempt, retryInMs: pause, err: error.message },
            'zalo unreachable; retrying',
          );
          await sleep(pause);
          pause *= 2;
          continue;
        }
        throw error;
      }
    }
  }
}
