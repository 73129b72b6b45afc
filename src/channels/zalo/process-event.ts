// Handles one verified webhook event end to end: convert, dedupe by msg_id, read typed numbers, fetch media, ask
// the core, tell the resident about answers a closed window held back, send the replies.
import type { IncomingMessage, OutgoingReply } from '../../conversation/types.js';
import type { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import { answerIncoming, type ConversationPort } from '../shared/answer-incoming.js';
import type { AttachmentStore } from '../shared/attachments.js';
import { textReply } from '../shared/incoming-guard.js';
import { typedOption } from '../shared/present-options.js';
import { downloadAttachment } from './download.js';
import { ZaloApiError } from './errors.js';
import type { ZaloSender } from './send.js';
import type { ClaimOutcome, WindowClosedNotice, ZaloEventStore, ZaloResidentStore } from './state-store.js';
import { toIncoming, type ZaloDownload } from './to-incoming.js';

/** What the channel needs of the tickets outbox: put a refused answer back in the queue once the window is open. */
export interface HeldAnswers {
  requeue(outboxId: number): Promise<boolean>;
}

export interface ZaloEventProcessorOptions {
  handler: ConversationPort;
  events: ZaloEventStore;
  residents: ZaloResidentStore;
  sender: ZaloSender;
  /** Shared with the Zalo Channel, so an officer's answer never lands between the parts of another reply. */
  queue: KeyedQueue;
  logger: Logger;
  attachments?: AttachmentStore | undefined;
  maxDownloadBytes?: number;
  heldAnswers?: HeldAnswers | undefined;
}

export type ZaloOutcome = 'answered' | 'duplicate' | 'ignored';

/** "Cơ quan đã trả lời phản ánh PA-…": told at the resident's next message, before the answer itself is resent. */
export function windowNoticeText(notices: WindowClosedNotice[]): string {
  const codes = [...new Set(notices.map((n) => n.ticketCode).filter((c): c is string => Boolean(c)))];
  const what = codes.length > 0 ? `phản ánh ${codes.join(', ')}` : 'yêu cầu của bạn';
  return `Cơ quan đã trả lời ${what}. Vì bạn chưa nhắn tin trong 7 ngày nên Zalo chưa cho gửi; câu trả lời được gửi ngay sau đây.`;
}

export class ZaloEventProcessor {
  /** "Done" marks on their way to the database (they are batched): a stop waits for them. */
  private readonly completing = new Set<Promise<void>>();

  constructor(private readonly options: ZaloEventProcessorOptions) {}

  /**
   * Resolves once every event handled so far is marked done in the database. Without it, a process stopped right
   * after answering left its events "processing", and the next process answered Zalo's redelivery a second time.
   */
  async settled(): Promise<void> {
    await this.options.sender.settled();
    while (this.completing.size > 0) await Promise.all([...this.completing]);
  }

  async process(event: unknown, receivedAt: Date = new Date()): Promise<ZaloOutcome> {
    const { events, logger } = this.options;
    const inbound = toIncoming(event, receivedAt);
    if (inbound.kind === 'ignore') {
      logger.info({ event: inbound.eventName, reason: inbound.reason }, 'zalo event acknowledged, nothing to do');
      return 'ignored';
    }
    if (inbound.kind === 'unfollow') {
      // kept: tickets and their answers stay; an answer sent later will be refused by Zalo and shown to officers
      logger.info({ event: 'unfollow' }, 'a resident unfollowed the OA');
      return 'ignored';
    }
    let claim: ClaimOutcome | undefined;
    try {
      // claimed inside the resident's queue: a redelivery waits for the first delivery's answer, then finds it
      // claimed; and the claim reads the resident's options after the previous message's replies set them
      await this.options.queue.run(inbound.userId, async () => {
        claim = await events.claim(inbound.eventKey, { userId: inbound.userId, at: receivedAt });
        if (claim.status === 'duplicate') return;
        const { notices } = claim;
        // numbered by this process a moment ago, still on its way to the database: newer than what was read
        const options = this.options.sender.pendingOptions(inbound.userId) ?? claim.options;
        let message = inbound.message;
        if (inbound.kind === 'message') {
          message = this.readOption(message, options);
          if (inbound.downloads.length > 0) message = await this.fetchMedia(message, inbound.downloads);
        }
        const replies: OutgoingReply[] = [];
        if (notices.length > 0) replies.push(textReply(windowNoticeText(notices)));
        replies.push(...(await answerIncoming({ handler: this.options.handler, message, logger })));
        await this.options.sender.deliver(inbound.userId, replies, { forgetsOptions: options.length > 0 });
        if (notices.length > 0) await this.releaseHeld(inbound.userId, notices);
      });
    } catch (error) {
      if (error instanceof ZaloApiError && error.isPermanent) {
        logger.warn({ errorCode: error.errorCode }, 'zalo refused the reply');
        this.complete(inbound.eventKey);
        return 'answered';
      }
      // only a claim this call won is given back (not one a failed claim statement never made)
      if (claim?.status === 'new') await events.release(inbound.eventKey).catch(() => undefined);
      throw error;
    }
    if (claim?.status !== 'new') {
      logger.info({ eventKey: inbound.eventKey.slice(0, 40) }, 'zalo event already processed');
      return 'duplicate';
    }
    this.complete(inbound.eventKey);
    return 'answered';
  }

  /** A bare number the resident typed selects the option of that number they were last shown. */
  private readOption(
    message: IncomingMessage,
    options: ReadonlyArray<{ label: string; action: string }>,
  ): IncomingMessage {
    if (message.action) {
      const label = options.find((o) => o.action === message.action)?.label;
      return label ? { ...message, text: label } : message;
    }
    const chosen = message.attachments.length === 0 ? typedOption(message.text, options) : undefined;
    return chosen ? { ...message, action: chosen.action, text: chosen.label } : message;
  }

  private async fetchMedia(message: IncomingMessage, downloads: ZaloDownload[]): Promise<IncomingMessage> {
    const { attachments: store, logger } = this.options;
    if (!store) return message;
    const attachments = [...message.attachments];
    for (const download of downloads) {
      const outcome = await downloadAttachment({
        url: download.url,
        maxBytes: this.options.maxDownloadBytes ?? 10 * 1024 * 1024,
        store,
      });
      const current = attachments[download.index];
      if (!current) continue;
      if (outcome.ok) {
        attachments[download.index] = { ...current, ref: outcome.stored.ref, mimeType: outcome.stored.mimeType };
      } else {
        // the core still sees that something was sent; its ref stays empty
        logger.warn({ kind: download.kind, reason: outcome.reason }, 'zalo attachment not kept');
        attachments[download.index] = { ...current, kind: 'other' };
      }
    }
    return { ...message, attachments };
  }

  private async releaseHeld(userId: string, notices: WindowClosedNotice[]): Promise<void> {
    const { heldAnswers, residents, logger } = this.options;
    for (const notice of notices) await heldAnswers?.requeue(notice.outboxId);
    await residents.markNoticed(userId, Math.max(...notices.map((n) => n.outboxId)));
    logger.info({ count: notices.length }, 'answers held by a closed zalo window queued again');
  }

  private complete(eventKey: string): void {
    const done = this.options.events
      .complete(eventKey)
      .catch((error: unknown) => {
        this.options.logger.warn({ err: String(error) }, 'could not mark zalo event done');
      })
      .finally(() => this.completing.delete(done));
    this.completing.add(done);
  }
}
