// The Telegram channel in long-polling mode: real telegraf against the fake Bot API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updates } from '../../support/fake-telegram.js';
import { createFakeConversation, FAKE_SOURCE } from '../support/fake-conversation.js';
import { startTelegramHarness, type TelegramHarness, TOKEN } from '../support/telegram-harness.js';

let chatSeq = 7_000_000;
const newChat = () => chatSeq++;

describe('Telegram long polling', () => {
  const conversation = createFakeConversation();
  let h: TelegramHarness;

  beforeAll(async () => {
    h = await startTelegramHarness({ handler: conversation, mode: 'polling' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('connects with getMe and deleteWebhook, then polls for message and callback updates only', () => {
    const methods = h.fake.calls.map((c) => c.method);
    expect(methods.slice(0, 3)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
    expect(h.fake.callsOf('getUpdates')[0]?.payload.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('answers a question with an HTML-escaped, sourced reply and rating buttons', async () => {
    const chat = newChat();
    h.fake.push(updates.text(chat, 'Lệ phí đăng ký khai sinh <bao nhiêu> & ở đâu?'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 1);
    const [sent] = h.fake.sentTo(chat);
    expect(sent?.parse_mode).toBe('HTML');
    expect(sent?.text).toContain('Nguồn: Thủ tục 1.001193');
    expect(sent?.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '👍 Hữu ích', callback_data: expect.stringMatching(/^rate:up:/) },
          { text: '👎 Chưa đúng', callback_data: expect.stringMatching(/^rate:down:/) },
        ],
      ],
    });
    // what the core saw: the raw text, unescaped
    expect(conversation.seen.at(-1)?.text).toBe('Lệ phí đăng ký khai sinh <bao nhiêu> & ở đâu?');
  });

  it('escapes what the core says, so reply text can never become markup', async () => {
    const chat = newChat();
    h.fake.push(updates.text(chat, 'khai sinh'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 1);
    expect(FAKE_SOURCE).toContain('<Bộ Tư pháp & UBND xã>');
    expect(h.fake.sentTo(chat)[0]?.text).toBe(
      'Đăng ký khai sinh đúng hạn được miễn lệ phí.\nNguồn: Thủ tục 1.001193 – Đăng ký khai sinh &lt;Bộ Tư pháp &amp; UBND xã&gt;',
    );
  });

  it('answers a button press, acknowledges the callback and removes the pressed keyboard', async () => {
    const chat = newChat();
    h.fake.push(updates.text(chat, 'khai sinh'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 1);
    const botMessage = h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(chat))[0];
    const markup = botMessage?.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> };
    const data = markup.inline_keyboard[0]?.[0]?.callback_data ?? '';
    const press = updates.press(chat, data, { message_id: 555, reply_markup: markup });
    h.fake.push(press);
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 2);
    expect(h.fake.sentTo(chat)[1]?.text).toBe('Cảm ơn bạn đã đánh giá câu trả lời!');
    const callbackId = (press.callback_query as { id: string }).id;
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === callbackId),
    );
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'editMessageReplyMarkup' && c.payload.message_id === 555),
    );
    expect(conversation.seen.at(-1)).toMatchObject({ action: data, text: '👍 Hữu ích' });
  });

  it('processes a repeated update_id once', async () => {
    const chat = newChat();
    const update = updates.text(chat, 'khai sinh');
    h.fake.push(update);
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 1);
    // Telegram redelivers the same update (e.g. after a timeout) twice more, and once more with a follow-up
    h.fake.push(update, { redeliver: true });
    h.fake.push(update, { redeliver: true });
    h.fake.push(updates.text(chat, 'còn hồ sơ thì sao?'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 2);
    await h.fake.waitFor(() => h.fake.pending === 0, 5000, 'updates confirmed');
    // both redeliveries reached the bot and were recognised
    const repeats = h.logs.filter(
      (l) => l.includes('already processed') && l.includes(`"updateId":${update.update_id}`),
    );
    expect(repeats).toHaveLength(2);
    expect(h.fake.sentTo(chat).map((m) => m.text)).toEqual([
      expect.stringContaining('miễn lệ phí'),
      expect.stringContaining('Hồ sơ đăng ký khai sinh'),
    ]);
  });

  it('waits retry_after when Telegram answers 429, then delivers exactly once', async () => {
    const chat = newChat();
    h.fake.failNext('sendMessage', 429, { retryAfter: 1 });
    h.fake.push(updates.text(chat, 'khai sinh'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 2, 10_000, 'the retry');
    const [refused, accepted] = h.fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(chat));
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    // nothing else reached that chat afterwards
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.sentTo(chat)).toHaveLength(2);
  });

  it('retries an update whose reply could not be sent (polling gets no redelivery), answering once', async () => {
    const chat = newChat();
    h.fake.failNext('sendMessage', 502, { description: 'Bad Gateway' });
    h.fake.push(updates.text(chat, 'khai sinh'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 2, 10_000, 'the retry');
    const [failed, retried] = h.fake.sentTo(chat);
    expect(retried?.text).toBe(failed?.text);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.sentTo(chat)).toHaveLength(2);
  });

  it('gives a person who sends a sticker, a dice or an empty message a Vietnamese reply', async () => {
    const chat = newChat();
    h.fake.push(updates.message(chat, { sticker: { file_id: 'CAAC', emoji: '😀' } }));
    h.fake.push(updates.message(chat, { dice: { emoji: '🎲', value: 4 } }));
    h.fake.push(updates.text(chat, ''));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 3);
    expect(h.fake.sentTo(chat).map((m) => m.text)).toEqual([
      expect.stringContaining('chưa đọc được'),
      expect.stringContaining('chưa đọc được'),
      expect.stringContaining('Tin nhắn trống'),
    ]);
  });

  it('ignores update types with nobody waiting, and keeps working', async () => {
    const chat = newChat();
    h.fake.push(updates.raw({ edited_message: { chat: { id: chat, type: 'private' }, text: 'sửa' } }));
    h.fake.push(updates.raw({ my_chat_member: { chat: { id: chat, type: 'private' } } }));
    h.fake.push(updates.raw({ some_future_update: { x: 1 } }));
    h.fake.push(updates.text(chat, 'khai sinh'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 1);
    expect(h.fake.sentTo(chat)).toHaveLength(1);
  });

  it('apologises in Vietnamese when the core fails, and never logs the token', async () => {
    const chat = newChat();
    h.fake.push(updates.text(chat, '/boom'));
    await h.fake.waitFor(() => h.fake.sentTo(chat).length === 1);
    expect(h.fake.sentTo(chat)[0]?.text).toContain('hệ thống đang gặp sự cố');
    expect(h.logs.some((l) => l.includes('conversation failed'))).toBe(true);
    const secretPart = TOKEN.split(':')[1] ?? TOKEN;
    expect(h.logs.join('\n')).not.toContain(secretPart);
  });

  it('splits a reply longer than 4,096 characters into several messages, keyboard on the last', async () => {
    const long = createFakeConversation();
    const chat = newChat();
    const original = long.process;
    long.process = async (m) => {
      const result = await original?.(m);
      if (!result) throw new Error('fake has process');
      const paragraphs = Array.from(
        { length: 5 },
        (_, i) => `Bước ${i + 1}: ${'nộp hồ sơ tại bộ phận một cửa. '.repeat(40)}`,
      );
      return { ...result, replies: [{ ...result.replies[0], text: paragraphs.join('\n\n') } as never] };
    };
    const h2 = await startTelegramHarness({ handler: long, mode: 'polling' });
    try {
      h2.fake.push(updates.text(chat, 'khai sinh'));
      await h2.fake.waitFor(() => h2.fake.sentTo(chat).length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      const sent = h2.fake.sentTo(chat);
      expect(sent.length).toBe(2);
      expect(sent.every((m) => String(m.text).length <= 4096)).toBe(true);
      expect(sent.every((m) => String(m.text).startsWith('Bước'))).toBe(true);
      expect(sent[0]?.reply_markup).toBeUndefined();
      expect(sent[1]?.reply_markup).toBeDefined();
    } finally {
      await h2.close();
    }
  });
});
