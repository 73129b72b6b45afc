// The Telegram channel in webhook mode: real telegraf registers the webhook; the fake delivers like Telegram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookPathsFor } from '../../../src/channels/telegram/webhook-route.js';
import { createTestDatabase } from '../../support/database.js';
import { updates } from '../../support/fake-telegram.js';
import { createFakeConversation } from '../support/fake-conversation.js';
import { SECRET, startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';

let chatSeq = 8_000_000;
const newChat = () => chatSeq++;

describe('Telegram webhook', () => {
  const conversation = createFakeConversation();
  let h: TelegramHarness;

  beforeAll(async () => {
    h = await startTelegramHarness({ handler: conversation, mode: 'webhook' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('registers the webhook with its secret token and never polls', () => {
    const [setWebhook] = h.fake.callsOf('setWebhook');
    expect(setWebhook?.payload).toMatchObject({
      url: `http://127.0.0.1:${h.server?.port}/telegram/webhook`,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(h.fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('answers an update delivered with the right secret', async () => {
    const chat = newChat();
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'))).toBe(200);
    // the answer is sent before the webhook call returns
    expect(h.fake.sentTo(chat)).toHaveLength(1);
    expect(h.fake.sentTo(chat)[0]?.text).toContain('miễn lệ phí');
  });

  it('rejects forged calls: 401 without the secret header, 403 with a wrong one', async () => {
    const chat = newChat();
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'), null)).toBe(401);
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'), '')).toBe(401);
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'), 'guess')).toBe(403);
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'), `${SECRET}x`)).toBe(403);
    expect(h.fake.sentTo(chat)).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON, and keeps serving', async () => {
    const url = h.fake.registeredWebhook?.url ?? '';
    for (const body of ['{not json', '\u0000\u0001\u0002binary', '']) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body,
      });
      expect(response.status).toBe(400);
    }
    const junk = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify([1, 2, 3]),
    });
    expect(junk.status).toBe(200);
    const chat = newChat();
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'))).toBe(200);
    expect(h.fake.sentTo(chat)).toHaveLength(1);
  });

  it('processes a redelivered update once', async () => {
    const chat = newChat();
    const update = updates.text(chat, 'khai sinh');
    const statuses = await Promise.all([h.fake.deliver(update), h.fake.deliver(update), h.fake.deliver(update)]);
    expect(statuses).toEqual([200, 200, 200]);
    expect(await h.fake.deliver(update)).toBe(200);
    expect(h.fake.sentTo(chat)).toHaveLength(1);
  });

  it('answers 500 when the reply could not be sent, and the redelivery sends the stored answer once', async () => {
    const chat = newChat();
    const update = updates.text(chat, 'khai sinh');
    h.fake.failNext('sendMessage', 502, { description: 'Bad Gateway' });
    expect(await h.fake.deliver(update)).toBe(500);
    const handledBefore = conversation.seen.length;
    expect(await h.fake.deliver(update)).toBe(200);
    // the core did not answer twice: its first answer was replayed
    expect(conversation.seen.length).toBe(handledBefore);
    const attempts = h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(chat));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.payload.text).toBe(attempts[0]?.payload.text);
  });

  it('treats a resident who blocked the bot as done, without retries', async () => {
    const chat = newChat();
    const update = updates.text(chat, 'khai sinh');
    h.fake.failNext('sendMessage', 403, { description: 'Forbidden: bot was blocked by the user' });
    expect(await h.fake.deliver(update)).toBe(200);
    expect(await h.fake.deliver(update)).toBe(200);
    expect(h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(chat))).toHaveLength(1);
  });

  it('survives 100 KB messages, binary junk and unknown update types', async () => {
    const chat = newChat();
    const statuses = [
      await h.fake.deliver(updates.text(chat, 'khai sinh '.repeat(10_000))),
      await h.fake.deliver(updates.text(chat, '\u0000\uFFFF\uD800\u001b[31m')),
      await h.fake.deliver(updates.raw({ poll: { id: '1', question: '?', options: [] } })),
      await h.fake.deliver(updates.raw({ message: { chat: { id: chat, type: 'private' } } })),
      await h.fake.deliver({ update_id: 'nope' } as never),
    ];
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const texts = h.fake.sentTo(chat).map((m) => String(m.text));
    expect(texts[0]).toContain('quá dài');
    expect(texts.length).toBeGreaterThanOrEqual(3);
  });
});

describe('Telegram webhook at the path of TELEGRAM_WEBHOOK_URL', () => {
  const conversation = createFakeConversation();
  let h: TelegramHarness;

  beforeAll(async () => {
    h = await startTelegramHarness({ handler: conversation, mode: 'webhook', webhookPath: '/hooks/tg-7f3a' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('registers that URL and answers updates Telegram delivers there', async () => {
    expect(h.fake.registeredWebhook?.url).toBe(`http://127.0.0.1:${h.server?.port}/hooks/tg-7f3a`);
    const chat = newChat();
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'))).toBe(200);
    expect(h.fake.sentTo(chat)[0]?.text).toContain('miễn lệ phí');
    // the secret is checked there too
    expect(await h.fake.deliver(updates.text(chat, 'khai sinh'), 'guess')).toBe(403);
  });

  it('still serves /telegram/webhook, for a reverse proxy that strips its prefix', async () => {
    const chat = newChat();
    const response = await fetch(`http://127.0.0.1:${h.server?.port}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(updates.text(chat, 'khai sinh')),
    });
    expect(response.status).toBe(200);
    expect(h.fake.sentTo(chat)).toHaveLength(1);
  });
});

describe('webhookPathsFor', () => {
  it('serves the URL path and /telegram/webhook', () => {
    expect(webhookPathsFor('https://bot.example.gov.vn/telegram/webhook').paths).toEqual(['/telegram/webhook']);
    expect(webhookPathsFor('https://bot.example.gov.vn/tiepdan/tg').paths).toEqual([
      '/tiepdan/tg',
      '/telegram/webhook',
    ]);
    expect(webhookPathsFor('https://bot.example.gov.vn').paths).toEqual(['/', '/telegram/webhook']);
    expect(webhookPathsFor(undefined).paths).toEqual(['/telegram/webhook']);
  });

  it('does not turn a path with route pattern characters into a pattern', () => {
    expect(webhookPathsFor('https://bot.example.gov.vn/tg/:id')).toEqual({
      paths: ['/telegram/webhook'],
      isOwnPathServed: false,
    });
  });
});

describe('Telegram webhook, stopping', () => {
  it('waits at stop for the done mark of an update it answered, so the next process does not answer it again', async () => {
    const db = await createTestDatabase();
    try {
      // done marks are batched and not awaited by the webhook call: here each takes 300 ms to reach the database
      const h = await startTelegramHarness({
        handler: createFakeConversation(),
        mode: 'webhook',
        db,
        wrapStore: (store) => ({
          ...store,
          claim: (id) => store.claim(id),
          release: (id) => store.release(id),
          prune: (before) => store.prune(before),
          complete: async (id) => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            await store.complete(id);
          },
        }),
      });
      const update = updates.text(newChat(), 'khai sinh');
      expect(await h.fake.deliver(update)).toBe(200);
      await h.close();
      const row = await db.prisma.telegramUpdate.findUniqueOrThrow({
        where: { updateId: BigInt(update.update_id as number) },
      });
      expect(row.status).toBe('done');
    } finally {
      await db.close();
    }
  });
});
