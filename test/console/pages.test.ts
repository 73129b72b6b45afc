// The console's pages and their security: sign-in and its cookie, no session fixation, sign-out, idle timeout,
// failed sign-ins slowed, CSRF on every form, a resident's script shown as text, TOTP when required.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/index.js';
import { assignTicket, createTicket } from '../../src/tickets/index.js';
import { CONSENT, LEAD, PERSON } from '../tickets/helpers.js';
import { addTestAccount, Browser, type ConsoleHarness, startConsole } from './harness.js';

const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)> Cống tắc';
let h: ConsoleHarness;
let code = '';

beforeAll(async () => {
  h = await startConsole();
  const { ticket } = await createTicket(h.env.deps, {
    kind: 'petition',
    category: 'giao-thong',
    commune: 'duc-xuan',
    description: XSS,
    personal: PERSON,
    consent: CONSENT,
    resident: { channel: 'telegram', channelUserId: '201' },
  });
  await assignTicket(h.env.deps, { code: ticket.code, unitCode: 'so-xd', actor: LEAD });
  code = ticket.code;
  await addTestAccount(h.env.db, 'can.bo.xd', 'officer', { units: ['so-xd'] });
  await addTestAccount(h.env.db, 'can.bo.yt', 'officer', { units: ['so-yt'] });
  await addTestAccount(h.env.db, 'xem.bao.cao', 'viewer');
});
afterAll(async () => {
  await h?.close();
});

describe('sign-in and sessions', () => {
  it('signs in with a form of login and password; the cookie is HttpOnly, SameSite=Strict, Secure behind HTTPS', async () => {
    const browser = new Browser(h.url);
    const form = await (await browser.request('/admin/login')).text();
    expect(form).toContain('name="login"');
    expect(form).toContain('name="password"');
    expect((await browser.request('/admin/')).headers.get('location')).toBe('/admin/login');
    const response = await browser.signIn('can.bo.xd');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tiepdan_console='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const inbox = await browser.request('/admin/');
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain(code);

    const behindProxy = new Browser(h.url, { 'x-forwarded-proto': 'https' });
    const secure = (await behindProxy.signIn('can.bo.xd')).headers
      .getSetCookie()
      .find((c) => c.startsWith('tiepdan_console='));
    expect(secure).toMatch(/Secure/);
  });

  it('gives a new session id at sign-in (a planted one is worthless) and ends it at sign-out', async () => {
    const browser = new Browser(h.url);
    browser.cookies.set('tiepdan_console', 'planted-by-an-attacker-0123456789abcdefghijk');
    await browser.signIn('can.bo.xd');
    const first = browser.cookies.get('tiepdan_console');
    expect(first).toBeDefined();
    expect(first).not.toBe('planted-by-an-attacker-0123456789abcdefghijk');
    // signing in again replaces the id, and the old one stops working
    await browser.signIn('can.bo.xd');
    const second = browser.cookies.get('tiepdan_console');
    expect(second).not.toBe(first);
    const stale = new Browser(h.url);
    stale.cookies.set('tiepdan_console', first as string);
    expect((await stale.request('/admin/')).headers.get('location')).toBe('/admin/login');

    const page = await (await browser.request('/admin/')).text();
    const out = await browser.request('/admin/logout', { form: { _csrf: Browser.csrfOf(page) } });
    expect(out.status).toBe(303);
    expect(browser.cookies.has('tiepdan_console')).toBe(false);
    const replay = new Browser(h.url);
    replay.cookies.set('tiepdan_console', second as string);
    expect((await replay.request('/admin/')).headers.get('location')).toBe('/admin/login');
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const browser = new Browser(h.url);
    await browser.signIn('can.bo.xd');
    expect((await browser.request('/admin/')).status).toBe(200);
    h.env.clock.advance(h.settings.sessionIdleMs + 60_000);
    expect((await browser.request('/admin/')).headers.get('location')).toBe('/admin/login');
  });

  it('slows a guesser: after 5 wrong passwords the account is refused for a while, with a Vietnamese message', async () => {
    await addTestAccount(h.env.db, 'muc.tieu', 'officer', { units: ['so-xd'] });
    const browser = new Browser(h.url, { 'x-test-address': 'guesser-1' });
    for (let i = 0; i < 5; i++) {
      const wrong = await browser.signIn('muc.tieu', `sai-mat-khau-${i}`);
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    // even the right password waits now, from another address too
    const other = new Browser(h.url, { 'x-test-address': 'guesser-2' });
    const slowed = await other.signIn('muc.tieu');
    expect(slowed.status).toBe(429);
    expect(await slowed.text()).toContain('Đăng nhập sai quá nhiều lần');
    // one address trying many logins is slowed too
    const sprayer = new Browser(h.url, { 'x-test-address': 'sprayer' });
    for (let i = 0; i < 20; i++) expect((await sprayer.signIn(`khong.co.${i}`, 'sai-mat-khau')).status).toBe(401);
    expect((await sprayer.signIn('can.bo.xd')).status).toBe(429);
  }, 120_000);
});

describe('pages', () => {
  it("shows a resident's script and onerror payload as text, on the inbox and the ticket page", async () => {
    const browser = new Browser(h.url);
    await browser.signIn('can.bo.xd');
    const page = await (await browser.request(`/admin/tickets/${code}`)).text();
    expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    const inbox = await browser.request(`/admin/?q=${encodeURIComponent(code)}`);
    expect(inbox.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await inbox.text()).not.toContain('<script>alert');
  });

  it("hides another unit's ticket page (404) and keeps viewers out of the inbox (403)", async () => {
    const other = new Browser(h.url);
    await other.signIn('can.bo.yt');
    expect((await other.request(`/admin/tickets/${code}`)).status).toBe(404);
    expect(await (await other.request('/admin/')).text()).not.toContain(code);
    const viewer = new Browser(h.url);
    await viewer.signIn('xem.bao.cao');
    // the inbox's front page sends a viewer to the reports; a ticket page stays closed to them
    const home = await viewer.request('/admin/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/admin/bao-cao');
    expect((await viewer.request(`/admin/tickets/${code}`)).status).toBe(403);
  });

  it('refuses every state-changing form without its CSRF token, or sent from another site', async () => {
    const browser = new Browser(h.url);
    await browser.signIn('can.bo.xd');
    const page = await (await browser.request(`/admin/tickets/${code}`)).text();
    const csrf = Browser.csrfOf(page);
    const forms: Array<[string, Record<string, string>]> = [
      [`/admin/tickets/${code}/reply`, { text: 'Trả lời giả mạo từ trang khác.' }],
      [`/admin/tickets/${code}/status`, { status: 'accepted' }],
      [`/admin/tickets/${code}/assign`, { unit: 'so-yt' }],
      [`/admin/tickets/${code}/extend`, { reason: 'giả mạo' }],
      [`/admin/tickets/${code}/notes`, { text: 'Ghi chú giả mạo' }],
      [`/admin/tickets/${code}/outbox/1/retry`, {}],
      [`/admin/tickets/${code}/outbox/1/delivered-by-phone`, { note: 'giả mạo' }],
      ['/admin/password', { current: 'x', next: 'mat-khau-moi-gia-mao' }],
      ['/admin/logout', {}],
    ];
    const actions = [...page.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/g)].map((m) => m[1]);
    // every form on the ticket page is in the list above
    for (const action of actions) expect(forms.map(([path]) => path)).toContain(action);
    for (const [path, fields] of forms) {
      const missing = await browser.request(path, { form: fields });
      expect(missing.status, `${path} without token`).toBe(403);
      const wrong = await browser.request(path, { form: { ...fields, _csrf: 'x'.repeat(43) } });
      expect(wrong.status, `${path} wrong token`).toBe(403);
      const crossSite = await browser.request(path, {
        form: { ...fields, _csrf: csrf },
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://ke-xau.example' },
      });
      expect(crossSite.status, `${path} from another site`).toBe(403);
    }
    // nothing changed, and the session still works
    const after = await (await browser.request(`/admin/tickets/${code}`)).text();
    expect(after).toContain('Đã tiếp nhận');
    expect(after).not.toContain('Trả lời giả mạo');
    // the sign-in form too
    const login = new Browser(h.url);
    await login.request('/admin/login');
    expect(
      (await login.request('/admin/login', { form: { login: 'can.bo.xd', password: 'mat-khau-thu-nghiem-1' } })).status,
    ).toBe(403);

    // with its token, from our page, the reply goes through
    const sent = await browser.request(`/admin/tickets/${code}/reply`, {
      form: { _csrf: csrf, text: 'Đã khơi thông cống, mời bạn kiểm tra.' },
    });
    expect(sent.status).toBe(303);
    const answered = await (await browser.request(`/admin/tickets/${code}?ok=reply`)).text();
    expect(answered).toContain('Đã trả lời');
    expect(answered).toContain('Đã khơi thông cống, mời bạn kiểm tra.');
  });
});

describe('delivery', () => {
  it('shows a failed reply and sends it again on "Gửi lại"', async () => {
    await h.env.db.sql.exec(
      `UPDATE "OutboxMessage" SET status = 'failed', "lastError" = 'Telegram: chat not found' WHERE "ticketId" = (SELECT id FROM "Ticket" WHERE code = '${code}')`,
    );
    const browser = new Browser(h.url);
    await browser.signIn('can.bo.xd');
    const failures = await (await browser.request('/admin/?failures=1')).text();
    expect(failures).toContain(code);
    const page = await (await browser.request(`/admin/tickets/${code}`)).text();
    expect(page).toContain('gửi thất bại');
    expect(page).toContain('Lỗi: Telegram: chat not found');
    const id = /action="[^"]*\/outbox\/(\d+)\/retry"/.exec(page)?.[1] as string;
    const retried = await browser.request(`/admin/tickets/${code}/outbox/${id}/retry`, {
      form: { _csrf: Browser.csrfOf(page) },
    });
    expect(retried.status).toBe(303);
    const [row] = await h.env.db.sql.exec(`SELECT status FROM "OutboxMessage" WHERE id = ${Number(id)}`);
    expect(row?.status).toBe('pending');
    // a message of another ticket, or one that did not fail, is not the form's to resend
    const again = await browser.request(`/admin/tickets/${code}/outbox/${id}/retry`, {
      form: { _csrf: Browser.csrfOf(page) },
    });
    expect(again.status).toBe(404);
  });
});

describe('second factor', () => {
  it('requires a TOTP code from a lead when CONSOLE_REQUIRE_2FA is on, enrolling at the first sign-in', async () => {
    const strict = await startConsole({ settings: { requireSecondFactor: true } });
    try {
      await addTestAccount(strict.env.db, 'lanh.dao', 'lead');
      const browser = new Browser(strict.url);
      const signed = await browser.signIn('lanh.dao');
      expect(signed.headers.get('location')).toBe('/admin/2fa');
      expect((await browser.request('/admin/')).headers.get('location')).toBe('/admin/2fa');
      const page = await (await browser.request('/admin/2fa')).text();
      const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page)?.[1] as string;
      const csrf = Browser.csrfOf(page);
      const wrong = await browser.request('/admin/2fa', { form: { _csrf: csrf, secret, code: '000000' } });
      expect(wrong.status).toBe(401);
      const right = await browser.request('/admin/2fa', {
        form: { _csrf: csrf, secret, code: totpCode(secret, strict.env.clock.now()) },
      });
      expect(right.headers.get('location')).toBe('/admin/');
      expect((await browser.request('/admin/')).status).toBe(200);
      // the next sign-in asks for a code of the same secret
      const again = new Browser(strict.url);
      expect((await again.signIn('lanh.dao')).headers.get('location')).toBe('/admin/2fa');
      expect(await (await again.request('/admin/2fa')).text()).not.toContain('name="secret"');
    } finally {
      await strict.close();
    }
  });
});
