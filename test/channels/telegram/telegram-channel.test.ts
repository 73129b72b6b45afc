// The Telegram Channel as the tickets outbox uses it: a later message to a chat, with failures it can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramApiError } from '../../../src/channels/telegram/errors.js';
import { createFakeConversation } from '../support/fake-conversation.js';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';

describe('TelegramChannel.send', () => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness({ handler: createFakeConversation(), mode: 'webhook' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('delivers an officer answer with its buttons, escaped', async () => {
    await h.runtime.channel.send('31337', {
      text: 'Cán bộ trả lời: đã sửa <đèn đường> & vỉa hè.',
      quickReplies: [
        { label: 'Đã giải quyết', action: 'tk:resolved:PA-2611-7K3QX9' },
        { label: 'Chưa giải quyết', action: 'tk:unresolved:PA-2611-7K3QX9' },
      ],
      attachments: [],
    });
    const [sent] = h.fake.sentTo(31337);
    expect(sent?.text).toBe('Cán bộ trả lời: đã sửa &lt;đèn đường&gt; &amp; vỉa hè.');
    const markup = sent?.reply_markup as { inline_keyboard: unknown[][] } | undefined;
    expect(markup?.inline_keyboard.flat()).toHaveLength(2);
  });

  it('reports a blocked bot as a permanent failure, and a lasting 429 with its retry_after', async () => {
    h.fake.failNext('sendMessage', 403, { description: 'Forbidden: bot was blocked by the user' });
    const blocked = await h.runtime.channel
      .send('31338', { text: 'x', quickReplies: [], attachments: [] })
      .catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(TelegramApiError);
    expect(blocked).toMatchObject({ code: 'CHANNEL_FAILED', errorCode: 403, details: { permanent: true } });

    h.fake.failNext('sendMessage', 429, { retryAfter: 3600, times: 1 });
    const limited = await h.runtime.channel
      .send('31339', { text: 'x', quickReplies: [], attachments: [] })
      .catch((e: unknown) => e);
    // an hour is longer than the channel waits by itself: the outbox gets it with the delay to use
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 3600 } });
    expect((limited as Error).message).not.toContain('AAH');
  });

  it('reports an unreachable Bot API as a network failure, not as Telegram refusing', async () => {
    await h.fake.close();
    const down = await h.runtime.channel
      .send('31340', { text: 'x', quickReplies: [], attachments: [] })
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ name: 'TelegramNetworkError', code: 'UPSTREAM_FAILED', method: 'sendMessage' });
    expect((down as Error).message).not.toContain('AAH');
  });
});
