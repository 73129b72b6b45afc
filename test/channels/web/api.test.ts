// The web chat HTTP API: sessions in an HttpOnly cookie (or a header), transcripts that survive, later deliveries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaWebChatStore } from '../../../src/db/stores/web-chat-store.js';
import { createFakeConversation } from '../support/fake-conversation.js';
import { ChatClient, startWebHarness, type WebHarness } from '../support/web-harness.js';

describe('web chat API', () => {
  const conversation = createFakeConversation();
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness({ handler: conversation });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens an anonymous session in an HttpOnly, SameSite=Lax cookie and answers', async () => {
    const response = await fetch(`${h.url}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Lệ phí khai sinh?' }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tiepdan_chat=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await response.json()) as { messages: Array<{ from: string; text: string }>; sessionId?: string };
    // a cookie client never sees its session id in JavaScript-readable JSON
    expect(body.sessionId).toBeUndefined();
    expect(body.messages.map((m) => m.from)).toEqual(['resident', 'bot']);
    expect(body.messages[1]?.text).toContain('Nguồn:');
  });

  it('keeps the transcript of a session, including button presses', async () => {
    const client = new ChatClient(h.url);
    const [answer] = await client.say('khai sinh');
    const up = answer?.quickReplies.find((q) => q.action.startsWith('rate:up'));
    expect(up).toBeDefined();
    const [thanks] = await client.say(up?.label ?? '', up?.action);
    expect(thanks?.text).toContain('Cảm ơn');
    const transcript = await client.transcript();
    expect(transcript.map((m) => [m.from, m.text.slice(0, 20)])).toEqual([
      ['resident', 'khai sinh'],
      ['bot', 'Đăng ký khai sinh đú'],
      ['resident', '👍 Hữu ích'],
      ['bot', 'Cảm ơn bạn đã đánh g'],
    ]);
    expect(await client.transcript(transcript[1]?.id)).toHaveLength(2);
    // another resident sees nothing of it
    expect(await new ChatClient(h.url).transcript()).toEqual([]);
  });

  it('answers a retried message (same clientMessageId) once', async () => {
    const client = new ChatClient(h.url);
    await client.say('xin chào');
    const before = conversation.seen.length;
    const first = await client.post({ text: 'khai sinh', clientMessageId: 'm-123' });
    const retry = await client.post({ text: 'khai sinh', clientMessageId: 'm-123' });
    expect(retry.json.messages).toEqual(first.json.messages);
    expect(conversation.seen.length).toBe(before + 1);
    expect((await client.transcript()).filter((m) => m.from === 'bot')).toHaveLength(2);
  });

  it('delivers a later message sent through the web Channel (an officer answer) into the transcript', async () => {
    const client = new ChatClient(h.url);
    await client.say('phản ánh');
    const sessionId = client.cookie?.split('=')[1] ?? '';
    const last = (await client.transcript()).at(-1)?.id ?? 0;
    await h.webChat.channel.send(sessionId, {
      text: 'Cán bộ trả lời: đã sửa đèn đường <ngõ 5>.',
      quickReplies: [{ label: 'Đã giải quyết', action: 'tk:ok:1' }],
      attachments: [],
    });
    const fresh = await client.transcript(last);
    expect(fresh).toMatchObject([
      {
        from: 'bot',
        text: 'Cán bộ trả lời: đã sửa đèn đường <ngõ 5>.',
        replyTo: null,
        quickReplies: [{ action: 'tk:ok:1' }],
      },
    ]);
    await expect(
      h.webChat.channel.send('x'.repeat(43), { text: 'x', quickReplies: [], attachments: [] }),
    ).rejects.toMatchObject({
      code: 'CHANNEL_FAILED',
      details: { permanent: true },
    });
  });

  it('supports header sessions for apps and embedded frames, with CORS but without cookies', async () => {
    const created = await fetch(`${h.url}/api/chat/sessions`, { method: 'POST' });
    expect(created.status).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    const send = await fetch(`${h.url}/api/chat/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-chat-session': sessionId,
        origin: 'https://cong.example.gov.vn',
      },
      body: JSON.stringify({ text: 'khai sinh' }),
    });
    expect(send.headers.get('access-control-allow-origin')).toBe('*');
    expect(send.headers.get('access-control-allow-credentials')).toBeNull();
    const list = await fetch(`${h.url}/api/chat/messages?after=0`, { headers: { 'x-chat-session': sessionId } });
    expect(((await list.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    // an unknown header session gets a fresh one, told in the body
    const fresh = await fetch(`${h.url}/api/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chat-session': 'new' },
      body: JSON.stringify({ text: 'xin chào' }),
    });
    const body = (await fresh.json()) as { sessionId?: string };
    expect(body.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.sessionId).not.toBe(sessionId);
    const preflight = await fetch(`${h.url}/api/chat/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://cong.example.gov.vn',
        'access-control-request-headers': 'content-type,x-chat-session',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-chat-session');
  });

  it('never sets a cookie for a client that keeps its session in the header', async () => {
    const created = await fetch(`${h.url}/api/chat/sessions`, { method: 'POST', headers: { 'x-chat-session': 'new' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('set-cookie')).toBeNull();
    const { sessionId } = (await created.json()) as { sessionId: string };
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const header of [sessionId, 'new', 'x'.repeat(43)]) {
      const sent = await fetch(`${h.url}/api/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-chat-session': header },
        body: JSON.stringify({ text: 'khai sinh' }),
      });
      expect(sent.status).toBe(200);
      expect(sent.headers.get('set-cookie')).toBeNull();
    }
    const deleted = await fetch(`${h.url}/api/chat/session`, {
      method: 'DELETE',
      headers: { 'x-chat-session': sessionId },
    });
    expect(await deleted.json()).toEqual({ deleted: true });
    expect(deleted.headers.get('set-cookie')).toBeNull();
    // the page, without the header, still gets its cookie
    const page = await fetch(`${h.url}/api/chat/sessions`, { method: 'POST' });
    expect(page.headers.get('set-cookie')).toMatch(/^tiepdan_chat=[A-Za-z0-9_-]{43};/);
  });

  it('answers a missing or unknown session with an empty transcript and hasMore: false', async () => {
    const missing = await fetch(`${h.url}/api/chat/messages?after=0`);
    expect(await missing.json()).toEqual({ messages: [], hasMore: false });
    const unknown = await fetch(`${h.url}/api/chat/messages`, { headers: { 'x-chat-session': 'y'.repeat(43) } });
    expect(await unknown.json()).toEqual({ messages: [], hasMore: false });
    const malformed = await fetch(`${h.url}/api/chat/messages`, { headers: { cookie: 'tiepdan_chat=short' } });
    expect(await malformed.json()).toEqual({ messages: [], hasMore: false });
    const client = new ChatClient(h.url);
    await client.say('khai sinh');
    const known = (await (await client.request('/api/chat/messages')).json()) as { hasMore: boolean };
    expect(known.hasMore).toBe(false);
  });

  it('says deleted: false for a session that does not exist', async () => {
    const none = await fetch(`${h.url}/api/chat/session`, { method: 'DELETE' });
    expect(await none.json()).toEqual({ deleted: false });
    const unknownHeader = await fetch(`${h.url}/api/chat/session`, {
      method: 'DELETE',
      headers: { 'x-chat-session': 'z'.repeat(43) },
    });
    expect(await unknownHeader.json()).toEqual({ deleted: false });
    const unknownCookie = await fetch(`${h.url}/api/chat/session`, {
      method: 'DELETE',
      headers: { cookie: `tiepdan_chat=${'z'.repeat(43)}` },
    });
    expect(await unknownCookie.json()).toEqual({ deleted: false });
    // the stale cookie is cleared all the same
    expect(unknownCookie.headers.get('set-cookie')).toMatch(/^tiepdan_chat=;/);
    // deleting twice: only the first one deleted anything
    const client = new ChatClient(h.url);
    await client.say('khai sinh');
    const cookie = client.cookie ?? '';
    const first = await fetch(`${h.url}/api/chat/session`, { method: 'DELETE', headers: { cookie } });
    const second = await fetch(`${h.url}/api/chat/session`, { method: 'DELETE', headers: { cookie } });
    expect(await first.json()).toEqual({ deleted: true });
    expect(await second.json()).toEqual({ deleted: false });
  });

  it('turns away malformed requests with a Vietnamese message and never crashes', async () => {
    const client = new ChatClient(h.url);
    const notJson = await client.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toContain('JSON');
    const wrongType = await client.post({ text: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.message).toMatch(/chưa hợp lệ/);
    const plain = await client.request('/api/chat/messages', { method: 'POST', body: 'xin chào' });
    expect(plain.status).toBe(400);
    const badAfter = await client.request('/api/chat/messages?after=-1');
    expect(badAfter.status).toBe(400);
  });

  it('gives empty, 100 KB and binary-junk messages a Vietnamese reply and keeps a bounded transcript', async () => {
    const client = new ChatClient(h.url);
    expect((await client.say(''))[0]?.text).toContain('Tin nhắn trống');
    expect((await client.say('   \u0000\u0001  '))[0]?.text).toContain('Tin nhắn trống');
    const big = await client.say('khai sinh '.repeat(10_000));
    expect(big[0]?.text).toContain('quá dài');
    const junk = await client.say(String.fromCharCode(...Array.from({ length: 200 }, (_, i) => (i * 7919) % 65536)));
    expect(junk.length).toBeGreaterThan(0);
    const transcript = await client.transcript();
    expect(transcript.every((m) => m.text.length <= 4097)).toBe(true);
    expect(transcript.some((m) => m.text.includes('\u0000'))).toBe(false);
  });

  it('forgets a session on request', async () => {
    const client = new ChatClient(h.url);
    await client.say('khai sinh');
    const sessionId = client.cookie?.split('=')[1] ?? '';
    expect(await h.db.prisma.webChatMessage.count({ where: { sessionId } })).toBe(2);
    const del = await client.request('/api/chat/session', { method: 'DELETE' });
    expect(((await del.json()) as { deleted: boolean }).deleted).toBe(true);
    expect(client.cookie).toBeUndefined();
    expect(await h.db.prisma.webChatSession.count({ where: { id: sessionId } })).toBe(0);
    expect(await h.db.prisma.webChatMessage.count({ where: { sessionId } })).toBe(0);
    expect(await client.transcript()).toEqual([]);
  });

  it('deletes sessions idle longer than the retention period, with their transcripts', async () => {
    const store = createPrismaWebChatStore({ prisma: h.db.prisma });
    const client = new ChatClient(h.url);
    await client.say('khai sinh');
    const sessionId = client.cookie?.split('=')[1] ?? '';
    await h.db.prisma.webChatSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date('2020-01-01') } });
    expect(await store.pruneIdle(new Date(Date.now() - 30 * 24 * 3600 * 1000))).toBe(1);
    expect(await h.db.prisma.webChatMessage.count({ where: { sessionId } })).toBe(0);
    expect(await client.transcript()).toEqual([]);
  });

  it('serves the page, its assets and /embed.js with safe headers', async () => {
    const page = await fetch(`${h.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    // no 404 for the icon every browser asks for
    expect(html).toContain('rel="icon"');
    const icon = await fetch(`${h.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    for (const asset of ['/chat.js', '/chat.css', '/embed.js', '/favicon.svg']) {
      const response = await fetch(`${h.url}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = response.headers.get('etag') ?? '';
      expect((await fetch(`${h.url}${asset}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
  });

  // last: the server stops reading an oversized body, which spoils that keep-alive connection for the client
  it('refuses a body over 1 MB with 413', async () => {
    const tooBig = await new ChatClient(h.url).request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(2_000_000) }),
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toContain('quá lớn');
  });
});
