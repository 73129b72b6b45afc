// The admin's accounts page, /admin/tai-khoan: only for admin; list with last sign-in, add (one-time password that
// works once and must be changed), disable (sign-in refused), reset a password; CSRF on every form; audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestAccount, Browser, type ConsoleHarness, startConsole } from './harness.js';

let h: ConsoleHarness;

async function signedIn(login: string, password?: string): Promise<Browser> {
  const browser = new Browser(h.url);
  await browser.signIn(login, password);
  return browser;
}

async function audit(action: string): Promise<Array<Record<string, unknown>>> {
  return (await h.env.db.sql.exec(
    `SELECT actor, "entityId" FROM "AuditLog" WHERE action = '${action}' ORDER BY id`,
  )) as Array<Record<string, unknown>>;
}

beforeAll(async () => {
  h = await startConsole();
  await addTestAccount(h.env.db, 'quan.tri', 'admin');
  await addTestAccount(h.env.db, 'can.bo.xd', 'officer', { units: ['so-xd'] });
  await addTestAccount(h.env.db, 'xem.bao.cao', 'viewer');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('accounts page', () => {
  it('is for admins only', async () => {
    expect((await new Browser(h.url).request('/admin/tai-khoan')).headers.get('location')).toBe('/admin/login');
    for (const login of ['can.bo.xd', 'xem.bao.cao']) {
      const other = await signedIn(login);
      const page = await other.request('/admin/tai-khoan');
      expect(page.status, login).toBe(403);
      expect(await page.text()).toContain('Chỉ tài khoản quản trị hệ thống');
      expect((await other.request('/admin/tai-khoan/can.bo.xd/khoa', { form: { _csrf: 'x' } })).status).toBe(403);
    }
  });

  it('lists accounts with role, units, state and last sign-in', async () => {
    const admin = await signedIn('quan.tri');
    const html = await (await admin.request('/admin/tai-khoan')).text();
    expect(html).toContain('can.bo.xd');
    expect(html).toContain('Cán bộ xử lý');
    expect(html).toContain('Sở Xây dựng');
    expect(html).toContain('xem.bao.cao');
    expect(html).toContain('Xem báo cáo');
    // the officer and the viewer signed in during the first test, the admin just now
    expect(html).not.toMatch(/<td data-label="Đăng nhập gần nhất">chưa<\/td>/);
  });

  it('adds an account with a one-time password that must be changed at the first sign-in', async () => {
    const admin = await signedIn('quan.tri');
    const csrf = Browser.csrfOf(await (await admin.request('/admin/tai-khoan')).text());
    const refused = await admin.request('/admin/tai-khoan', {
      form: { _csrf: csrf, login: 'Sai Tên!', role: 'officer' },
    });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Tên đăng nhập chỉ gồm chữ thường không dấu');
    expect(refusedHtml).toContain('value="Sai Tên!"');
    // an officer must name a unit
    const noUnit = await admin.request('/admin/tai-khoan', {
      form: { _csrf: csrf, login: 'can.bo.moi', role: 'officer' },
    });
    expect(noUnit.status).toBe(400);

    const body = new URLSearchParams({ _csrf: csrf, login: 'can.bo.moi', role: 'officer' });
    body.append('unit', 'so-xd');
    body.append('unit', 'so-yt');
    const added = await fetch(`${h.url}/admin/tai-khoan`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: body.toString(),
      redirect: 'manual',
    });
    expect(added.status).toBe(200);
    const html = await added.text();
    const password = /<p class="secret">([^<]+)<\/p>/.exec(html)?.[1];
    expect(password).toBeDefined();
    expect(html).toContain('chỉ hiện một lần');
    // shown once: the list page does not show it again
    expect(await (await admin.request('/admin/tai-khoan')).text()).not.toContain(password as string);
    const [row] = (await h.env.db.sql.exec(`SELECT units FROM "Account" WHERE login = 'can.bo.moi'`)) as Array<{
      units: string[];
    }>;
    expect(row?.units).toEqual(['so-xd', 'so-yt']);
    expect(await audit('account.added')).toContainEqual({ actor: 'admin:quan.tri', entityId: 'can.bo.moi' });

    const fresh = new Browser(h.url);
    const signIn = await fresh.signIn('can.bo.moi', password);
    expect(signIn.status).toBe(303);
    expect((await fresh.request('/admin/')).headers.get('location')).toBe('/admin/password');
  });

  it('disables an account (its sign-in refused) and resets a password (the old one stops working)', async () => {
    const admin = await signedIn('quan.tri');
    const officer = await signedIn('can.bo.xd');
    expect((await officer.request('/admin/')).status).toBe(200);
    const csrf = Browser.csrfOf(await (await admin.request('/admin/tai-khoan')).text());

    const reset = await admin.request('/admin/tai-khoan/can.bo.xd/dat-lai-mat-khau', { form: { _csrf: csrf } });
    expect(reset.status).toBe(200);
    const password = /<p class="secret">([^<]+)<\/p>/.exec(await reset.text())?.[1] as string;
    expect(password).toBeTruthy();
    expect((await officer.request('/admin/')).headers.get('location')).toBe('/admin/login');
    expect((await new Browser(h.url).signIn('can.bo.xd')).status).not.toBe(303);
    expect((await new Browser(h.url).signIn('can.bo.xd', password)).status).toBe(303);
    expect(await audit('account.password_reset')).toContainEqual({ actor: 'admin:quan.tri', entityId: 'can.bo.xd' });

    const disabled = await admin.request('/admin/tai-khoan/can.bo.xd/khoa', { form: { _csrf: csrf } });
    expect(disabled.status).toBe(303);
    const list = await (await admin.request('/admin/tai-khoan?ok=disabled')).text();
    expect(list).toContain('Đã khoá tài khoản');
    expect(list).toContain('đã khoá');
    expect((await new Browser(h.url).signIn('can.bo.xd', password)).status).not.toBe(303);
    expect(await audit('account.disabled')).toContainEqual({ actor: 'admin:quan.tri', entityId: 'can.bo.xd' });
    // disabling again, or an unknown login, is refused in Vietnamese
    const again = await admin.request('/admin/tai-khoan/can.bo.xd/khoa', { form: { _csrf: csrf } });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('đã bị khoá trước đó');
    // an admin cannot lock themself out
    expect((await admin.request('/admin/tai-khoan/quan.tri/khoa', { form: { _csrf: csrf } })).status).toBe(409);
  });

  it('refuses every form without its CSRF token or from another site', async () => {
    const admin = await signedIn('quan.tri');
    const csrf = Browser.csrfOf(await (await admin.request('/admin/tai-khoan')).text());
    const forms: Array<[string, Record<string, string>]> = [
      ['/admin/tai-khoan', { login: 'gia.mao', role: 'admin' }],
      ['/admin/tai-khoan/xem.bao.cao/khoa', {}],
      ['/admin/tai-khoan/xem.bao.cao/dat-lai-mat-khau', {}],
    ];
    for (const [path, fields] of forms) {
      expect((await admin.request(path, { form: fields })).status, path).toBe(403);
      const crossSite = await admin.request(path, {
        form: { ...fields, _csrf: csrf },
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://ke-xau.example' },
      });
      expect(crossSite.status, path).toBe(403);
    }
    const html = await (await admin.request('/admin/tai-khoan')).text();
    expect(html).not.toContain('gia.mao');
    expect(await audit('account.disabled')).not.toContainEqual({ actor: 'admin:quan.tri', entityId: 'xem.bao.cao' });
  });
});
