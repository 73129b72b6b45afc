// The ticket page's working parts: internal notes (never sent), canned replies per category, the delivery state of each
// reply with "Gửi lại" (through the outbox to the fake Telegram) and "Đã báo qua điện thoại", the same two actions in the
// API, and a Telegram photo downloaded when it arrives and shown only to officers of the ticket's unit.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/accounts/index.js';
import { isStoredRef } from '../../src/channels/shared/index.js';
import type { IncomingMessage } from '../../src/conversation/types.js';
import { assignTicket, createTicket, OutboxWorker } from '../../src/tickets/index.js';
import { startTelegramHarness, type TelegramHarness } from '../channels/support/telegram-harness.js';
import { browserUnavailableReason, launchBrowser } from '../support/browser.js';
import { updates } from '../support/fake-telegram.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { CONSENT, LEAD, PERSON } from '../tickets/helpers.js';
import { addTestAccount, Browser, type ConsoleHarness, startConsole, TEST_PASSWORD } from './harness.js';

const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
const CHAT = 301;
/** A 1×1 JPEG's first bytes are enough for the content check; the rest is padding. */
const JPEG = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0x00,
  0x10,
  0x4a,
  0x46,
  0x49,
  0x46,
  0x00,
  0x01,
  ...new Array(64).fill(7),
]);
const PDF = new TextEncoder().encode('%PDF-1.4\n% giấy tờ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

let h: ConsoleHarness;
let tg: TelegramHarness;
const received: IncomingMessage[] = [];
let code = '';
let worker: OutboxWorker;

async function sql(query: string): Promise<Array<Record<string, unknown>>> {
  return (await h.env.db.sql.exec(query)) as Array<Record<string, unknown>>;
}

/**
 * Runs the outbox worker until nothing is pending. On a loaded machine a send can fail for a moment (a transient
 * failure is retried later, on a clock the test does not move, and holds back the resident's later messages).
 */
async function deliverAll(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await worker.runOnce();
    if ((await sql(`SELECT id FROM "OutboxMessage" WHERE status = 'pending'`)).length === 0) return;
    await sql(
      `UPDATE "OutboxMessage" SET "nextAttemptAt" = '${h.env.clock.now().toISOString()}' WHERE status = 'pending'`,
    );
  }
}

async function signedIn(login: string): Promise<Browser> {
  const browser = new Browser(h.url);
  await browser.signIn(login);
  return browser;
}

async function page(browser: Browser, suffix = ''): Promise<string> {
  return (await browser.request(`/admin/tickets/${code}${suffix}`)).text();
}

beforeAll(async () => {
  h = await startConsole();
  tg = await startTelegramHarness({
    mode: 'polling',
    db: h.env.db,
    attachments: h.attachments,
    handler: {
      async handle(message) {
        received.push(message);
        return [];
      },
    },
  });
  worker = new OutboxWorker({
    store: h.env.outbox,
    channels: (name) => (name === 'telegram' ? tg.runtime.channel : undefined),
    clock: h.env.clock,
  });

  // a resident sends a photo and a document on Telegram; the service keeps both before the core sees them
  tg.fake.addFile('anh-o-ga', JPEG, 'photos/file_7.jpg');
  tg.fake.addFile('don-pdf', PDF, 'documents/file_8.pdf');
  tg.fake.addFile('trang-html', HTML, 'documents/file_9.html');
  tg.fake.push(updates.message(CHAT, { photo: [{ file_id: 'anh-o-ga', width: 1, height: 1 }], caption: 'Ổ gà' }));
  tg.fake.push(
    updates.message(CHAT, {
      document: { file_id: 'don-pdf', file_name: `${XSS}.pdf`, mime_type: 'application/pdf' },
    }),
  );
  tg.fake.push(
    updates.message(CHAT, {
      document: { file_id: 'trang-html', file_name: 'anh.jpg', mime_type: 'image/jpeg' },
    }),
  );
  const deadline = Date.now() + 30_000;
  while (received.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const attachments = received.flatMap((m) =>
    m.attachments.flatMap((a) =>
      (a.kind === 'photo' || a.kind === 'file') && a.ref
        ? [{ kind: a.kind, ref: a.ref, name: a.name, mimeType: a.mimeType }]
        : [],
    ),
  );
  const { ticket } = await createTicket(h.env.deps, {
    kind: 'petition',
    category: 'giao-thong',
    commune: 'duc-xuan',
    description: `Ổ gà lớn trước cổng trường ${XSS}`,
    personal: PERSON,
    consent: CONSENT,
    resident: { channel: 'telegram', channelUserId: String(CHAT) },
    attachments,
  });
  await assignTicket(h.env.deps, { code: ticket.code, unitCode: 'so-xd', actor: LEAD });
  code = ticket.code;
  await addTestAccount(h.env.db, 'can.bo.xd', 'officer', { units: ['so-xd'] });
  await addTestAccount(h.env.db, 'can.bo.yt', 'officer', { units: ['so-yt'] });
  await addTestAccount(h.env.db, 'xem.bao.cao', 'viewer');
  // the acknowledgement queued at filing is delivered, so each test below sees only its own messages
  await deliverAll();
}, 120_000);

afterAll(async () => {
  await tg?.close();
  await h?.close();
});

describe('attachments', () => {
  it('downloads Telegram photos and documents when they arrive, checked by content', () => {
    expect(received).toHaveLength(3);
    const [photo] = received[0]?.attachments ?? [];
    expect(photo?.kind).toBe('photo');
    expect(isStoredRef(photo?.ref ?? '')).toBe(true);
    expect(photo?.mimeType).toBe('image/jpeg');
    const [pdf] = received[1]?.attachments ?? [];
    expect(isStoredRef(pdf?.ref ?? '')).toBe(true);
    expect(pdf?.mimeType).toBe('application/pdf');
    // an HTML page calling itself a JPEG is not kept: it stays Telegram's file id
    const [html] = received[2]?.attachments ?? [];
    expect(html?.ref).toBe('trang-html');
    // the token-bearing file URLs were fetched from the fake, not logged
    expect(tg.fake.calls.filter((c) => c.method === 'file')).toHaveLength(3);
    expect(tg.logs.join('\n')).not.toContain('AAHfake-test-token');
  });

  it('shows the photo and the file to an officer of the unit, names as text, through the scoped route', async () => {
    const officer = await signedIn('can.bo.xd');
    const html = await page(officer);
    const ids = [...html.matchAll(new RegExp(`/admin/tickets/${code}/attachments/(\\d+)`, 'g'))].map((m) => m[1]);
    const [photoId, pdfId] = [...new Set(ids)];
    expect(html).toContain(`<img src="/admin/tickets/${code}/attachments/${photoId}"`);
    // the file name a resident's app chose is escaped text
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(html).toContain('chưa tải về máy chủ');

    const image = await officer.request(`/admin/tickets/${code}/attachments/${photoId}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(JPEG);

    const file = await officer.request(`/admin/tickets/${code}/attachments/${pdfId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"<>]*"; filename\*=UTF-8''/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 to another unit, refuses a viewer and a stranger, and knows no other ids', async () => {
    const officer = await signedIn('can.bo.xd');
    const id = /\/attachments\/(\d+)/.exec(await page(officer))?.[1];
    const url = `/admin/tickets/${code}/attachments/${id}`;
    expect((await (await signedIn('can.bo.yt')).request(url)).status).toBe(404);
    expect((await (await signedIn('xem.bao.cao')).request(url)).status).toBe(403);
    expect((await new Browser(h.url).request(url)).headers.get('location')).toBe('/admin/login');
    expect((await officer.request(`/admin/tickets/${code}/attachments/999999`)).status).toBe(404);
    expect((await officer.request(`/admin/tickets/${code}/attachments/..%2F..%2Fetc`)).status).toBe(404);
  });
});

describe('internal notes', () => {
  it('keeps a note on the page with its author and time, audited, and never sends it to the resident', async () => {
    const officer = await signedIn('can.bo.xd');
    const csrf = Browser.csrfOf(await page(officer));
    const text = `Đã gọi đội duy tu, hẹn thứ Năm. ${XSS}`;
    const added = await officer.request(`/admin/tickets/${code}/notes`, { form: { _csrf: csrf, text } });
    expect(added.status).toBe(303);
    const html = await page(officer, '?ok=note');
    expect(html).toContain('Đã lưu ghi chú nội bộ.');
    expect(html).toContain('Đã gọi đội duy tu, hẹn thứ Năm.');
    expect(html).toContain('can.bo.xd,');
    expect(html).not.toContain('<script>alert("xss")</script>');
    expect(html).toContain('&lt;script&gt;');
    const audit = await sql(
      `SELECT actor FROM "AuditLog" WHERE action = 'ticket.note_added' AND "entityId" = '${code}'`,
    );
    expect(audit.map((r) => r.actor)).toEqual(['officer:can.bo.xd']);

    // nothing queued or sent to the resident carries it
    await deliverAll();
    const outbox = await sql(`SELECT payload::text AS p FROM "OutboxMessage"`);
    expect(outbox.some((r) => String(r.p).includes('duy tu'))).toBe(false);
    expect(JSON.stringify(tg.fake.sentTo(CHAT))).not.toContain('duy tu');
  });

  it('refuses an empty note with a Vietnamese message and keeps what was typed when too long', async () => {
    const officer = await signedIn('can.bo.xd');
    const csrf = Browser.csrfOf(await page(officer));
    const empty = await officer.request(`/admin/tickets/${code}/notes`, { form: { _csrf: csrf, text: '   ' } });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Ghi chú nội bộ không được để trống.');
    const long = `Ghi chú rất dài ${'x'.repeat(4100)}`;
    const refused = await officer.request(`/admin/tickets/${code}/notes`, { form: { _csrf: csrf, text: long } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(long);
  });
});

describe('canned replies', () => {
  it("offers the templates of the ticket's category and fills the reply box without JavaScript", async () => {
    const officer = await signedIn('can.bo.xd');
    const html = await page(officer);
    expect(html).toContain('Giao thông — đã khắc phục hư hỏng');
    expect(html).toContain('Đã tiếp nhận, đang xác minh');
    expect(html).not.toContain('Môi trường — đã kiểm tra, xử lý');
    const filled = await page(officer, '?mau=giao-thong-da-khac-phuc');
    expect(filled).toMatch(/<textarea id="reply-text"[^>]*>\[Đơn vị\] đã kiểm tra và khắc phục hư hỏng mặt đường/);
    // another category's template is not offered, even by URL
    const other = await page(officer, '?mau=moi-truong-da-kiem-tra');
    expect(other).not.toContain('Đoàn kiểm tra của');
  });
});

describe('delivery of replies', () => {
  it('shows a failed reply; "Gửi lại" requeues it and the fake Telegram receives it', async () => {
    const officer = await signedIn('can.bo.xd');
    const csrf = Browser.csrfOf(await page(officer));
    tg.fake.failNext('sendMessage', 400, { description: 'Bad Request: chat not found' });
    const text = 'Đội duy tu đã vá ổ gà trước cổng trường sáng nay.';
    expect((await officer.request(`/admin/tickets/${code}/reply`, { form: { _csrf: csrf, text } })).status).toBe(303);
    await deliverAll();
    const failed = await page(officer);
    expect(failed).toContain('gửi thất bại');
    const id = /\/outbox\/(\d+)\/retry/.exec(failed)?.[1];
    expect(id).toBeDefined();
    // delivered = the fake answered ok (a refused call is recorded too, without a result)
    const delivered = () =>
      tg.fake
        .callsOf('sendMessage')
        .filter((c) => c.result !== undefined && String(c.payload.text).includes('vá ổ gà'));
    expect(delivered()).toHaveLength(0);

    const retried = await officer.request(`/admin/tickets/${code}/outbox/${id}/retry`, { form: { _csrf: csrf } });
    expect(retried.status).toBe(303);
    expect((await sql(`SELECT status FROM "OutboxMessage" WHERE id = ${Number(id)}`))[0]?.status).toBe('pending');
    await deliverAll();
    expect(delivered()).toHaveLength(1);
    expect(delivered()[0]?.payload.chat_id).toBe(String(CHAT));
    const sent = await page(officer, '?ok=retry');
    expect(sent).toContain('Tin nhắn sẽ được gửi lại.');
    expect(sent).not.toContain(`/outbox/${id}/retry`);
    const audit = await sql(`SELECT actor FROM "AuditLog" WHERE action = 'ticket.reply_retried'`);
    expect(audit).toHaveLength(1);
    // once sent, it is not the form's to resend
    const again = await officer.request(`/admin/tickets/${code}/outbox/${id}/retry`, { form: { _csrf: csrf } });
    expect(again.status).toBe(404);
  });

  it('marks a failed reply as delivered by phone, with a required note, audited; Zalo window shown', async () => {
    const [row] = await sql(
      `SELECT id FROM "OutboxMessage" WHERE "ticketId" = (SELECT id FROM "Ticket" WHERE code = '${code}') ORDER BY id DESC LIMIT 1`,
    );
    const id = Number(row?.id);
    await sql(`UPDATE "OutboxMessage" SET status = 'failed', "lastError" = 'zalo_window_closed' WHERE id = ${id}`);
    const officer = await signedIn('can.bo.xd');
    const before = await page(officer);
    expect(before).toContain('Zalo: quá thời hạn được nhắn cho người dân');
    const csrf = Browser.csrfOf(before);
    const path = `/admin/tickets/${code}/outbox/${id}/delivered-by-phone`;
    const noNote = await officer.request(path, { form: { _csrf: csrf, note: ' ' } });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('Cần ghi chú cuộc gọi');
    const marked = await officer.request(path, {
      form: { _csrf: csrf, note: `Đã gọi lúc 9 giờ, người dân đã rõ ${XSS}` },
    });
    expect(marked.status).toBe(303);
    const [after] = await sql(`SELECT status, "phonedBy", "sentAt" FROM "OutboxMessage" WHERE id = ${id}`);
    expect(after?.status).toBe('phoned');
    expect(after?.phonedBy).toBe('can.bo.xd');
    expect(after?.sentAt).not.toBeNull();
    const html = await page(officer, '?ok=phone');
    expect(html).toContain('đã báo qua điện thoại');
    expect(html).toContain('Đã gọi lúc 9 giờ, người dân đã rõ');
    expect(html).not.toContain('<img src=x onerror');
    const audit = await sql(
      `SELECT actor FROM "AuditLog" WHERE action = 'ticket.reply_delivered_by_phone' AND "entityId" = '${code}'`,
    );
    expect(audit.map((r) => r.actor)).toEqual(['officer:can.bo.xd']);
    // no longer among the inbox's delivery failures
    expect(await (await officer.request('/admin/?failures=1')).text()).not.toContain(code);
  });

  it('offers both actions in the API, scoped like the page', async () => {
    const [row] = await sql(
      `SELECT id FROM "OutboxMessage" WHERE "ticketId" = (SELECT id FROM "Ticket" WHERE code = '${code}') ORDER BY id DESC LIMIT 1`,
    );
    const id = Number(row?.id);
    await sql(`UPDATE "OutboxMessage" SET status = 'uncertain' WHERE id = ${id}`);
    const own = await issueApiToken(h.accounts, { login: 'can.bo.xd', by: 'test' });
    const other = await issueApiToken(h.accounts, { login: 'can.bo.yt', by: 'test' });
    const call = (token: string | undefined, action: string, json?: unknown) =>
      fetch(`${h.url}/api/admin/v1/tickets/${code}/outbox/${id}/${action}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(json ?? {}),
      });
    expect((await call(undefined, 'retry')).status).toBe(401);
    expect((await call(other, 'retry')).status).toBe(404);
    expect((await call(own, 'delivered-by-phone', {})).status).toBe(400);
    const phoned = await call(own, 'delivered-by-phone', { note: 'Đã gọi điện báo kết quả.' });
    expect(phoned.status).toBe(200);
    expect(await phoned.json()).toEqual({ code, message: id, status: 'phoned' });
    await sql(`UPDATE "OutboxMessage" SET status = 'failed' WHERE id = ${id}`);
    const retried = await call(own, 'retry');
    expect(retried.status).toBe(200);
    expect((await sql(`SELECT status FROM "OutboxMessage" WHERE id = ${id}`))[0]?.status).toBe('pending');
  });
});

describe('forms', () => {
  it('refuses each new form without its CSRF token or from another site', async () => {
    const officer = await signedIn('can.bo.xd');
    const csrf = Browser.csrfOf(await page(officer));
    const forms: Array<[string, Record<string, string>]> = [
      [`/admin/tickets/${code}/notes`, { text: 'giả mạo' }],
      [`/admin/tickets/${code}/outbox/1/retry`, {}],
      [`/admin/tickets/${code}/outbox/1/delivered-by-phone`, { note: 'giả mạo' }],
    ];
    for (const [path, fields] of forms) {
      expect((await officer.request(path, { form: fields })).status, path).toBe(403);
      const crossSite = await officer.request(path, {
        form: { ...fields, _csrf: csrf },
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://ke-xau.example' },
      });
      expect(crossSite.status, path).toBe(403);
    }
    expect(await page(officer)).not.toContain('giả mạo');
  });
});

describe.skipIf(browserUnavailableReason() !== undefined)('in Chromium', () => {
  it('renders the ticket page at phone and desktop sizes (screenshots kept)', async () => {
    const dir = path.join(REPO_ROOT, 'node_modules', '.cache', 'tiepdan-screenshots');
    await mkdir(dir, { recursive: true });
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const tab = await browser.context.newPage();
      await tab.goto(`${h.url}/admin/login`);
      await tab.locator('input[name="login"]').fill('can.bo.xd');
      await tab.locator('input[name="password"]').fill(TEST_PASSWORD);
      await tab.getByRole('button', { name: 'Đăng nhập' }).click();
      // the photo loads from the scoped route (same origin, the page's CSP allows it)
      const [photo] = await Promise.all([
        tab.waitForResponse((r) => r.url().includes(`/admin/tickets/${code}/attachments/`)),
        tab.goto(`${h.url}/admin/tickets/${code}?mau=giao-thong-da-khac-phuc`),
      ]);
      expect(photo.status()).toBe(200);
      await tab.getByRole('heading', { name: 'Ghi chú nội bộ' }).waitFor();
      // the resident's words and the note are text: no element came from them
      expect(await tab.locator('.notes script, .conversation img, .attachments a img[src="x"]').count()).toBe(0);
      await tab.screenshot({ path: path.join(dir, 'console-ticket-full-phone.png'), fullPage: true });
      await tab.setViewportSize({ width: 1280, height: 800 });
      await tab.screenshot({ path: path.join(dir, 'console-ticket-full-desktop.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
