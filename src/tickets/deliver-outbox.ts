// Use case: deliver queued replies to residents. A worker claims due rows (pending → sending, with a lease)
// before sending, so two workers never send the same row; it records sentAt, retries transient failures with
// exponential backoff, and records permanent failures (e.g. a closed Zalo reply window) for officers. State lives
// in the database, so a restarted worker carries on where the old one stopped.
import { isAppError } from '../shared/errors.js';
import { scrubSecrets } from '../shared/logger.js';
import { type ChannelRegistry, type Clock, type OutboxNotifier, type OutboxStore, systemClock } from './ports.js';
import type { OutboxMessage } from './types.js';

/**
 * How a channel says "retrying will not help": throw an AppError (code CHANNEL_FAILED) with
 * `details.permanent === true` (and optionally `details.reason`, e.g. 'zalo_window_closed', 'blocked').
 * `details.retryAfterSeconds` asks for a later retry (Telegram 429).
 */
export function isPermanentDeliveryFailure(error: unknown): boolean {
  if (isAppError(error)) return error.details?.permanent === true;
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}

function retryAfterMs(error: unknown): number {
  if (!isAppError(error)) return 0;
  const s = error.details?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? s * 1000 : 0;
}

function describe(error: unknown): string {
  const base = isAppError(error)
    ? `${error.code}${error.details?.reason ? ` (${String(error.details.reason)})` : ''}: ${error.userMessage}`
    : error instanceof Error
      ? error.message
      : String(error);
  return scrubSecrets(base).slice(0, 500);
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  channels: ChannelRegistry;
  clock?: Clock | undefined;
  logger?: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** How often to look for due rows when nothing woke the worker (ms). */
  pollMs?: number | undefined;
  batchSize?: number | undefined;
  /** How long a claimed row stays ours; a row still `sending` after that belonged to a dead process. */
  leaseMs?: number | undefined;
  /** Tries before a transient failure becomes permanent. */
  maxAttempts?: number | undefined;
  baseDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  markedUncertain: number;
}

/** Delay before try n+1 after n failed tries: base·2^(n−1), capped. */
export function backoffDelay(attempts: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export class OutboxWorker implements OutboxNotifier {
  private readonly store: OutboxStore;
  private readonly channels: ChannelRegistry;
  private readonly clock: Clock;
  private readonly log: OutboxWorkerOptions['logger'];
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;

  constructor(options: OutboxWorkerOptions) {
    this.store = options.store;
    this.channels = options.channels;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger;
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 50;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
  }

  /** One pass: mark abandoned sends uncertain, then claim and deliver due rows until none are due. */
  async runOnce(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, markedUncertain: 0 };
    report.markedUncertain = await this.store.markStaleUncertain(this.clock.now());
    if (report.markedUncertain > 0)
      this.log?.warn({ count: report.markedUncertain }, 'outbox: sends interrupted by a crash marked uncertain');
    for (;;) {
      const claimed = await this.store.claimDue(this.clock.now(), this.batchSize, this.leaseMs);
      if (claimed.length === 0) break; // a racing worker may take part of a batch: go on until none are left
      await this.deliverBatch(claimed, report);
    }
    return report;
  }

  /**
   * Different residents at the same time (one slow chat must not hold up everyone's answers), each resident's
   * messages one after another in the order they were queued. When one fails, that resident's later messages
   * wait for it (released unsent), so a status change never overtakes the answer before it.
   */
  private async deliverBatch(messages: OutboxMessage[], report: DeliveryReport): Promise<void> {
    const byRecipient = new Map<string, OutboxMessage[]>();
    for (const m of messages) {
      const key = `${m.channel}\u0000${m.channelUserId}`;
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), m]);
    }
    await Promise.all(
      [...byRecipient.values()].map(async (queue) => {
        for (const [i, message] of queue.entries()) {
          const outcome = await this.deliver(message, report);
          if (outcome.delivered) continue;
          // retried together with the failed one (same time, claimed in id order), or at once after a final failure
          const at = outcome.retryAt ?? this.clock.now();
          for (const rest of queue.slice(i + 1)) await this.store.release(rest.id, at);
          return;
        }
      }),
    );
  }

  /** Sends one message and records the outcome. */
  private async deliver(
    message: OutboxMessage,
    report: DeliveryReport,
  ): Promise<{ delivered: true } | { delivered: false; retryAt?: Date }> {
    const channel = this.channels(message.channel);
    try {
      if (!channel) throw new Error(`kênh "${message.channel}" chưa được bật`);
      await channel.send(message.channelUserId, message.payload);
    } catch (error) {
      const reason = describe(error);
      if (isPermanentDeliveryFailure(error)) {
        await this.store.markFailed(message.id, reason);
        report.failed++;
        this.log?.warn({ outboxId: message.id, channel: message.channel, reason }, 'outbox: permanent failure');
      } else if (message.attempts >= this.maxAttempts) {
        await this.store.markFailed(message.id, `đã thử ${message.attempts} lần: ${reason}`);
        report.failed++;
        this.log?.warn({ outboxId: message.id, channel: message.channel, reason }, 'outbox: retries exhausted');
      } else {
        const delay = Math.max(backoffDelay(message.attempts, this.baseDelayMs, this.maxDelayMs), retryAfterMs(error));
        const retryAt = new Date(this.clock.now().getTime() + delay);
        await this.store.markRetry(message.id, retryAt, reason);
        report.retried++;
        return { delivered: false, retryAt };
      }
      return { delivered: false };
    }
    await this.store.markSent(message.id, this.clock.now());
    report.sent++;
    return { delivered: true };
  }

  /** Deliver soon (called after a commit that queued messages). */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      try {
        await this.runOnce();
      } catch (error) {
        this.log?.error({ err: describe(error) }, 'outbox: pass failed');
      }
      if (!this.running) break;
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Stops after the message being sent (if any) is recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }
}
