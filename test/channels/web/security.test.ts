// What a security probe of the web chat found, kept fixed: cross-site requests, replaced cookies, rows for nothing,
// new sessions without limit, framing by any site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaRateLimiter } from '../../../src/db/stores/ticket-store.js';
import { clientKeyOf } from '../../../src/http/index.js';
import { parseTrustedProxies } from '../../../src/shared/client-address.js';
import { createFakeConversation } from '../support/fake-conversation.js';
import { ChatClient, startWebHarness, type WebHarness } from '../support/web-harness.js';

const NEW_SESSIONS_PER_ADDRESS = 3;

describe('web chat security', () => {
  const conversation = createFakeConversation();
  let h: WebHarness;
  beforeAll(async () => {
    const trusted = parseTrustedProxies(['loopback']);
    h = await startWebHarness({
      handler: conversation,
      embedOrigins: ['https://cong.example.gov.vn'],
      // the tests reach the server from 127.0.0.1, a trusted proxy here: X-Forwarded-For plays the client
      clientKey: (c) => clientKeyOf(c, trusted),
      allowNewSession: async (key) => {
        const limiter = new PrismaRateLimiter(h.db.prisma);
        return (await limiter.hit(`web-session:${key}`, new Date(), 3_600_000)) <= NEW_SESSIONS_PER_ADDRESS;
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const counts = async () => ({
    sessions: await h.db.prisma.webChatSession.count(),
    lines: await h.db.prisma.webChatMessage.count(),
    residents: await h.db.prisma.resident.count(),
  });

  it('refuses a cross-site form POST, and never replaces a valid session cookie', async () => {
    const resident = new ChatClient(h.url);
    const forwarded = { 'x-forwarded-for': '198.51.100.1' };
    await resident.say('khai sinh');
    const cookie = resident.cookie;
    expect(cookie).toBeDefined();

    // a form on another site, posted by the resident's browser with the cookie attached
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of crossSite) {
      for (const path of ['/api/chat/sessions', '/api/chat/messages', '/api/chat/session']) {
        const response = await resident.request(path, {
          method: path === '/api/chat/session' ? 'DELETE' : 'POST',
          headers: { ...headers, ...forwarded },
          body: path === '/api/chat/session' ? undefined : 'text=xin+chao',
        });
        expect(response.status).toBe(403);
        expect(response.headers.get('set-cookie')).toBeNull();
        expect(((await response.json()) as { message: string }).message).toContain('trang web khác');
      }
    }
    expect(resident.cookie).toBe(cookie);
    expect((await resident.transcript()).length).toBe(2);

    // the page itself asking for a session while it has one gets the same one back, and no new cookie
    const again = await resident.request('/api/chat/sessions', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', ...forwarded },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(((await again.json()) as { sessionId: string }).sessionId).toBe(cookie?.split('=')[1]);

    // same-origin requests go through
    const ok = await resident.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...forwarded },
      body: JSON.stringify({ text: 'lệ phí' }),
    });
    expect(ok.status).toBe(200);
  });

  it('stores nothing for a page load, a poll or a new session id until a message comes', async () => {
    const before = await counts();
    for (let i = 0; i < 20; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${i}` };
      expect((await fetch(`${h.url}/`, { headers })).status).toBe(200);
      expect((await fetch(`${h.url}/api/chat/messages`, { headers })).status).toBe(200);
      const created = await fetch(`${h.url}/api/chat/sessions`, { method: 'POST', headers });
      expect(created.status).toBe(201);
      expect(created.headers.get('set-cookie')).toMatch(/^tiepdan_chat=[A-Za-z0-9_-]{43};/);
    }
    expect(await counts()).toEqual(before);

    // the id handed out becomes a stored session at its first message, and stays that resident's
    const client = new ChatClient(h.url);
    const handed = await client.request('/api/chat/sessions', {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.99' },
    });
    const { sessionId } = (await handed.json()) as { sessionId: string };
    expect(client.cookie).toBe(`tiepdan_chat=${sessionId}`);
    const first = await client.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.99' },
      body: JSON.stringify({ text: 'khai sinh' }),
    });
    expect(first.status).toBe(200);
    expect(client.cookie).toBe(`tiepdan_chat=${sessionId}`);
    expect(await h.db.prisma.webChatSession.count({ where: { id: sessionId } })).toBe(1);
  });

  it('limits new sessions per client address, not per session', async () => {
    const from = (address: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': address });
    const statuses: number[] = [];
    for (let i = 0; i < NEW_SESSIONS_PER_ADDRESS + 2; i++) {
      // no cookie, no header: a new session each time
      const response = await fetch(`${h.url}/api/chat/messages`, {
        method: 'POST',
        headers: from('192.0.2.50'),
        body: JSON.stringify({ text: 'xin chào' }),
      });
      statuses.push(response.status);
      if (response.status === 429)
        expect(((await response.json()) as { message: string }).message).toContain('địa chỉ mạng này');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // someone else is not held back; and a resident with a session goes on talking
    const other = await fetch(`${h.url}/api/chat/messages`, {
      method: 'POST',
      headers: from('192.0.2.51'),
      body: JSON.stringify({ text: 'xin chào' }),
    });
    expect(other.status).toBe(200);
  });

  it('lets only the portals in EMBED_ORIGINS frame the page', async () => {
    const page = await fetch(`${h.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://cong.example.gov.vn");
    expect(page.headers.get('content-security-policy')).not.toContain('frame-ancestors *');
    expect(await page.text()).toContain('<meta name="tiepdan-embed-origins" content="https://cong.example.gov.vn">');

    const alone = await startWebHarness({ handler: conversation });
    try {
      const own = await fetch(`${alone.url}/`);
      expect(own.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
      expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await alone.close();
    }
  });
});
