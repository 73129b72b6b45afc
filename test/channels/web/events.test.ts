// New lines reach an open chat page within a second (Server-Sent Events): the tracking code or an officer's answer,
// delivered by this instance or by another instance sharing the database; polling stays as the fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeConversation } from '../support/fake-conversation.js';
import { ChatClient, startWebHarness, type WebHarness } from '../support/web-harness.js';

/** Reads an SSE response, yielding each event's data as JSON. */
async function* sseMessages(response: Response): AsyncGenerator<{ id: number; text: string; from: string }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n');
      if (data) yield JSON.parse(data);
      end = buffer.indexOf('\n\n');
    }
  }
}

/** The next event within `ms`, or undefined. */
async function nextWithin<T>(it: AsyncGenerator<T>, ms: number): Promise<T | undefined> {
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));
  const next = it.next().then((r) => (r.done ? undefined : r.value));
  return Promise.race([next, timeout]);
}

describe('web chat events', () => {
  const conversation = createFakeConversation();
  let a: WebHarness;
  let b: WebHarness;
  beforeAll(async () => {
    a = await startWebHarness({ handler: conversation });
    // a second instance on the same database (its own process in production)
    b = await startWebHarness({ handler: conversation, db: a.db });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers 204 while there is no conversation yet', async () => {
    expect((await fetch(`${a.url}/api/chat/events`)).status).toBe(204);
    expect((await fetch(`${a.url}/api/chat/events`, { headers: { 'x-chat-session': 'x'.repeat(43) } })).status).toBe(
      204,
    );
  });

  it('pushes a later delivery at once, and one delivered by another instance within a second or two', async () => {
    const resident = new ChatClient(a.url);
    await resident.say('khai sinh');
    const sessionId = resident.cookie?.split('=')[1] ?? '';
    const last = (await resident.transcript()).at(-1)?.id ?? 0;
    const controller = new AbortController();
    const response = await resident.request(`/api/chat/events?after=${last}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = sseMessages(response);
    try {
      const started = Date.now();
      await a.webChat.channel.send(sessionId, {
        text: 'Mã tra cứu: PA-2611-7K3QXW',
        quickReplies: [],
        attachments: [],
      });
      const pushed = await nextWithin(events, 1000);
      expect(pushed?.text).toBe('Mã tra cứu: PA-2611-7K3QXW');
      expect(Date.now() - started).toBeLessThan(1000);

      // the officer's answer delivered by the other instance's outbox
      await b.webChat.channel.send(sessionId, { text: 'Cán bộ trả lời: đã xử lý.', quickReplies: [], attachments: [] });
      const fromOther = await nextWithin(events, 3000);
      expect(fromOther?.text).toBe('Cán bộ trả lời: đã xử lý.');
    } finally {
      controller.abort();
    }
  });

  it('resumes after a reconnect from Last-Event-ID, with nothing lost or repeated', async () => {
    const resident = new ChatClient(a.url);
    await resident.say('khai sinh');
    const sessionId = resident.cookie?.split('=')[1] ?? '';
    const seenUpTo = (await resident.transcript()).at(-1)?.id ?? 0;
    // two answers arrive while the page is offline
    for (const text of ['một', 'hai'])
      await a.webChat.channel.send(sessionId, { text, quickReplies: [], attachments: [] });
    const controller = new AbortController();
    const response = await resident.request('/api/chat/events', {
      headers: { 'last-event-id': String(seenUpTo) },
      signal: controller.signal,
    });
    const events = sseMessages(response);
    try {
      expect((await nextWithin(events, 1000))?.text).toBe('một');
      expect((await nextWithin(events, 1000))?.text).toBe('hai');
      expect(await nextWithin(events, 300)).toBeUndefined();
    } finally {
      controller.abort();
    }
  });
});
