// The channel contract: one conversation script, run on the real conversation engine through every channel,
// with the same expected outcomes. Each channel's test file supplies a driver and calls runChannelContract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationPort } from '../../src/channels/shared/index.js';
import { createConversationEngine, createReplies, type QuickReply } from '../../src/conversation/index.js';
import type { Database } from '../../src/db/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import { createTestDatabase } from '../support/database.js';
import { ContractAnswerer } from './support/contract-answerer.js';

/** A reply as the resident sees it, whatever the channel: plain text and its buttons. */
export interface SeenReply {
  text: string;
  buttons: QuickReply[];
}

/** One resident talking through the channel under test. */
export interface ContractResident {
  /** Sends text; resolves with every reply the resident received for it. */
  say(text: string): Promise<SeenReply[]>;
  /** Presses the button with this label under the most recent reply that has it. */
  press(label: string): Promise<SeenReply[]>;
}

export interface ChannelUnderTest {
  newResident(): ContractResident;
  close(): Promise<void>;
}

/** Starts the channel on `handler` (the real engine) and `db`. */
export type ChannelSetup = (deps: { handler: ConversationPort; db: Database }) => Promise<ChannelUnderTest>;

const R = createReplies('Bạn');
const labels = (reply: SeenReply | undefined) => reply?.buttons.map((b) => b.label) ?? [];

/** Remembers the replies a resident saw, so `press` can find a button. */
export class ReplyLog {
  private readonly seen: SeenReply[] = [];

  add(replies: SeenReply[]): SeenReply[] {
    this.seen.push(...replies);
    return replies;
  }

  button(label: string): QuickReply {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const found = this.seen[i]?.buttons.find((b) => b.label === label);
      if (found) return found;
    }
    throw new Error(`no button labelled "${label}" was shown`);
  }
}

export function runChannelContract(name: string, setup: ChannelSetup): void {
  describe(`channel contract: ${name}`, () => {
    let db: Database;
    let channel: ChannelUnderTest;

    beforeAll(async () => {
      db = await createTestDatabase();
      const engine = createConversationEngine({
        store: createPrismaConversationStore(db.prisma),
        answerer: new ContractAnswerer(),
        addressForm: 'Bạn',
      });
      channel = await setup({ handler: engine, db });
    });
    afterAll(async () => {
      await channel?.close();
      await db?.close();
    });

    it('answers a question with the fact first, then its source, unescaped, with rating buttons', async () => {
      const resident = channel.newResident();
      const replies = await resident.say('Đăng ký khai sinh cần giấy tờ gì?');
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toBe(
        'Hồ sơ gồm tờ khai đăng ký khai sinh và giấy chứng sinh <bản chính>.\nNguồn: Đăng ký khai sinh (mã 1.001193)',
      );
      expect(labels(replies[0])).toEqual([R.rateLabels.up, R.rateLabels.down]);
    });

    it('takes a quick-reply button press, then answers a follow-up about the same procedure', async () => {
      const resident = channel.newResident();
      await resident.say('Đăng ký khai sinh cần giấy tờ gì?');
      expect((await resident.press(R.rateLabels.up)).map((r) => r.text)).toEqual([R.ratedUp]);
      const followUp = await resident.say('còn lệ phí thì sao?');
      expect(followUp[0]?.text).toBe(
        'Đăng ký khai sinh đúng hạn được miễn lệ phí.\nNguồn: Đăng ký khai sinh (mã 1.001193)',
      );
    });

    it('runs a multi-step dialogue to its end: a vague question, then the procedure named', async () => {
      const resident = channel.newResident();
      const prompt = await resident.say('lệ phí bao nhiêu?');
      expect(prompt.map((r) => r.text)).toEqual([R.clarifyProcedure('lệ phí bao nhiêu?')]);
      expect(labels(prompt[0])).toContain(R.cancelLabel);
      const answer = await resident.say('đăng ký kết hôn');
      expect(answer[0]?.text).toBe('Đăng ký kết hôn được miễn lệ phí.\nNguồn: Đăng ký kết hôn (mã 1.000894)');
    });

    it('cancels a dialogue with its button and by typing "huy"', async () => {
      const resident = channel.newResident();
      await resident.say('lệ phí bao nhiêu?');
      expect((await resident.press(R.cancelLabel)).map((r) => r.text)).toEqual([R.cancelled]);
      await resident.say('lệ phí bao nhiêu?');
      expect((await resident.say('huy')).map((r) => r.text)).toEqual([R.cancelled]);
      // nothing is pending any more: a plain question is answered as a question
      expect((await resident.say('khai sinh'))[0]?.text).toContain('Nguồn: Đăng ký khai sinh');
    });

    it('asks why after a 👎 and takes the reason from a button', async () => {
      const resident = channel.newResident();
      await resident.say('đăng ký kết hôn cần giấy tờ gì?');
      const why = await resident.press(R.rateLabels.down);
      expect(why.at(-1)?.text).toBe(R.ratingReasonPrompt);
      const thanks = await resident.press(R.ratingReasonLabels.missing_info);
      expect(thanks.map((r) => r.text)).toEqual([R.ratingReasonThanks]);
      expect(labels(thanks[0])).toEqual([R.handToStaffLabel]);
    });

    it('gives a clear Vietnamese reply to empty, 100 KB and binary-junk messages, and carries on', async () => {
      const resident = channel.newResident();
      expect((await resident.say('')).map((r) => r.text)).toEqual([R.empty]);
      const long = await resident.say(`khai sinh ${'x'.repeat(100 * 1024)}`);
      expect(long[0]?.text).toBe(R.truncated(100 * 1024 + 10, 4096));
      const junk = await resident.say(`khai sinh \u0000\uD800\u0007${String.fromCharCode(0xfffe, 0xdc00)}`);
      expect(junk.map((r) => r.text)).toContain(R.junkDropped);
      const fine = await resident.say('Đăng ký khai sinh cần giấy tờ gì?');
      expect(fine[0]?.text).toContain('Nguồn: Đăng ký khai sinh (mã 1.001193)');
    });
  });
}
