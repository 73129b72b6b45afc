// The numbered options are written behind the send: the resident's next message does not wait for that write, reads
// the options just shown from memory meanwhile, and a stop waits for the write so the next process reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZaloResidentStore } from '../../../src/channels/zalo/index.js';
import { newZaloUserId } from '../../support/fake-zalo.js';
import { createFakeConversation, type FakeConversation } from '../support/fake-conversation.js';
import { startZaloHarness, type ZaloHarness } from '../support/zalo-harness.js';

/** A resident store whose option writes wait until `open()`, as a busy database would make them. */
function heldOptionWrites() {
  const releases: Array<() => void> = [];
  const newGate = () =>
    new Promise<void>((resolve) => {
      releases.push(resolve);
    });
  let gate = newGate();
  let held = 0;
  return {
    get held() {
      return held;
    },
    hold() {
      gate = newGate();
    },
    open: () => {
      for (const release of releases.splice(0)) release();
    },
    wrap: (store: ZaloResidentStore): ZaloResidentStore => ({
      ...store,
      async recordSent(userId, sent, options) {
        held++;
        await gate;
        held--;
        await store.recordSent(userId, sent, options);
      },
    }),
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(condition()).toBe(true);
};

describe('zalo numbered options written behind the send', () => {
  let core: FakeConversation;
  let h: ZaloHarness;
  const writes = heldOptionWrites();
  const stored = async (userId: string) =>
    (await h.db.prisma.zaloResident.findUnique({ where: { userId } }))?.options as unknown;

  beforeAll(async () => {
    core = createFakeConversation();
    h = await startZaloHarness({ handler: core, wrapResidents: writes.wrap });
  });
  afterAll(async () => {
    writes.open();
    await h?.close();
  });

  it('reads a typed number against the options just shown while their write is still held', async () => {
    const user = newZaloUserId();
    expect(await h.fake.deliver(h.webhookUrl, h.events.text(user, 'Đăng ký khai sinh cần gì?'))).toBe(200);
    await until(() => writes.held === 1);
    const shown = h.fake.sentTo(user).at(-1)?.body.message.text ?? '';
    expect(shown).toMatch(/\n1\. .+/);
    // the claim made the resident's row; the options are not in it yet
    expect(await stored(user)).toEqual([]);

    expect(await h.fake.deliver(h.webhookUrl, h.events.text(user, '1'))).toBe(200);
    await until(() => core.seen.length === 2);
    expect(core.seen[1]?.action).toMatch(/^rate:up:/);
    expect(core.seen[1]?.text).toBe(/\n1\. (.+)/.exec(shown)?.[1]);
    // the thanks for the rating numbers nothing: its (empty) list is held behind the first
    await until(() => writes.held === 2);
    expect(h.fake.sentTo(user).at(-1)?.body.message.text).toBe('Cảm ơn bạn đã đánh giá câu trả lời!');
    writes.open();
    await h.runtime.drain();
    // both held writes landed in order: the answer to "1" numbered nothing, so "1" means nothing any more
    expect(await stored(user)).toEqual([]);
  });

  it('a stop waits for a held write, so the next process reads the options last shown', async () => {
    writes.hold();
    const user = newZaloUserId();
    expect(await h.fake.deliver(h.webhookUrl, h.events.text(user, 'Thủ tục khai sinh'))).toBe(200);
    await until(() => writes.held === 1);
    let stopped = false;
    const stopping = h.stopRuntime().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stopped).toBe(false);
    writes.open();
    await stopping;
    expect(JSON.stringify(await stored(user))).toContain('rate:up:');
  });

  it('counts what went out against the 8 free replies, which the channel reports for the outbox', async () => {
    writes.open();
    const h2 = await startZaloHarness({ handler: core });
    try {
      const user = newZaloUserId();
      await h2.send(h2.events.text(user, 'Đăng ký khai sinh cần gì?'));
      const sent = h2.fake.sentTo(user).length;
      expect(sent).toBeGreaterThan(0);
      expect(await h2.runtime.channel.replyWindow(user)).toMatchObject({ state: 'free', remaining: 8 - sent });
      for (let i = 0; i < 8; i++) {
        await h2.runtime.channel.send(user, { text: `Trả lời ${i}`, quickReplies: [], attachments: [] });
      }
      expect(await h2.runtime.channel.replyWindow(user)).toMatchObject({ state: 'beyond-free', reason: 'quota' });
      // the resident writes again: a new 48 hours, 8 free replies again
      await h2.send(h2.events.text(user, 'cảm ơn'));
      const window = await h2.runtime.channel.replyWindow(user);
      expect(window).toMatchObject({ state: 'free' });
      expect(window.state === 'free' && window.remaining).toBe(8 - (h2.fake.sentTo(user).length - sent - 8));
    } finally {
      await h2.close();
    }
  });
});
