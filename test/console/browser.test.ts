// The console in a real headless Chromium, on the service `npm start` runs: an officer signs in, filters the inbox,
// opens a ticket and replies; the resident sees the answer in the web chat. Screenshots of the inbox and the ticket
// page at phone and desktop sizes go to node_modules/.cache/tiepdan-screenshots (git-ignored).
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { PrismaTicketStore } from '../../src/db/stores/ticket-store.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createTicket, loadTicketSettings, systemClock, type TicketDeps } from '../../src/tickets/index.js';
import { createDataDir } from '../cli/run-cli.js';
import { addTestAccount, TEST_PASSWORD } from '../support/accounts.js';
import { browserUnavailableReason, launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { CONSENT } from '../tickets/helpers.js';
import { Browser } from './harness.js';

const SCREENSHOTS = path.join(REPO_ROOT, 'node_modules', '.cache', 'tiepdan-screenshots');
const skipReason = browserUnavailableReason();
if (skipReason) process.stdout.write(`${skipReason}\n`);

describe.skipIf(skipReason !== undefined)('officer console in Chromium', () => {
  let service: Service;
  let browser: TestBrowser;
  let dataDir: string;
  let printed = '';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await createDataDir('tiepdan-console-browser-');
    const config = loadConfig(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', INDEX_ON_START: 'false' },
      REPO_ROOT,
    );
    // the one-time password of the first admin is printed on stderr at the first start
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed += String(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    } finally {
      process.stderr.write = write;
    }
    await addTestAccount(service.db, 'can.bo.xd', 'officer');
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin at the first start, whose one-time password must be changed at sign-in', async () => {
    const password = /mật khẩu dùng một lần:\s+(\S+)/.exec(printed)?.[1] as string;
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const admin = new Browser(service.url);
    expect((await admin.signIn('admin', password)).headers.get('location')).toBe('/admin/password');
    expect((await admin.request('/admin/')).headers.get('location')).toBe('/admin/password');
    const form = await (await admin.request('/admin/password')).text();
    const changed = await admin.request('/admin/password', {
      form: { _csrf: Browser.csrfOf(form), current: password, next: 'mật khẩu mới của quản trị' },
    });
    expect(changed.headers.get('location')).toBe('/admin/');
    // an admin manages accounts, not tickets: the console's front page is the accounts page
    const home = await admin.request('/admin/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/admin/tai-khoan');
    const accounts = await admin.request('/admin/tai-khoan');
    expect(accounts.status).toBe(200);
    expect(await accounts.text()).toContain('admin');
    const again = new Browser(service.url);
    expect((await again.signIn('admin', password)).status).toBe(401);
    expect((await again.signIn('admin', 'mật khẩu mới của quản trị')).headers.get('location')).toBe('/admin/');
  });

  it('signs in, filters, opens a ticket, replies, and the resident reads the answer in the web chat', async () => {
    // the resident opens the web chat (a session starts with the first message)
    const chat = await browser.context.newPage();
    await chat.goto(service.url);
    await chat.locator('body[data-ready="true"]').waitFor();
    await chat.locator('#message-input').fill('xin chào');
    await chat.locator('#message-input').press('Enter');
    await chat.locator('#messages li.message.bot').first().waitFor();
    const sessionId = (await browser.context.cookies()).find((c) => c.name === 'tiepdan_chat')?.value as string;
    expect(sessionId).toBeDefined();

    // …and has filed a petition from it, and another resident a complaint
    const deps: TicketDeps = {
      store: new PrismaTicketStore(service.db.prisma),
      settings: await loadTicketSettings(path.join(REPO_ROOT, 'settings')),
      clock: systemClock,
    };
    const { ticket } = await createTicket(deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Ổ gà lớn trên đường Nguyễn Văn Tố <b>nguy hiểm</b> cho xe máy',
      personal: { fullName: 'Nguyễn Thị Hoa', phone: '0912000111', address: 'Tổ 2, phường Đức Xuân' },
      consent: CONSENT,
      resident: { channel: 'web', channelUserId: sessionId },
    });
    await createTicket(deps, {
      kind: 'complaint',
      category: 'dat-dai',
      commune: 'duc-xuan',
      description: 'Khiếu nại quyết định thu hồi đất',
      personal: { fullName: 'Trần Văn Nam', phone: '0987000222', address: 'Tổ 9, phường Đức Xuân' },
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '9001' },
    }).catch(() => undefined);

    const officer = await browser.context.newPage();
    await officer.goto(`${service.url}/admin/`);
    expect(officer.url()).toContain('/admin/login');
    await officer.locator('input[name="login"]').fill('can.bo.xd');
    await officer.locator('input[name="password"]').fill(TEST_PASSWORD);
    await officer.getByRole('button', { name: 'Đăng nhập' }).click();
    await officer.getByRole('heading', { name: 'Hộp thư yêu cầu' }).waitFor();

    await officer.locator('#f-kind').selectOption('petition');
    await officer.getByRole('button', { name: 'Lọc' }).click();
    await officer.waitForURL(/kind=petition/);
    const rows = officer.locator('table.inbox tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(ticket.code);
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'console-inbox-phone.png'), fullPage: true });
    await officer.setViewportSize({ width: 1280, height: 800 });
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'console-inbox-desktop.png'), fullPage: true });

    await officer.getByRole('link', { name: ticket.code }).click();
    await officer.getByRole('heading', { name: new RegExp(ticket.code) }).waitFor();
    // the resident's words are text: no <b> element came from them
    expect(await officer.locator('.conversation').textContent()).toContain('<b>nguy hiểm</b>');
    expect(await officer.locator('.conversation b').count()).toBe(0);
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'console-ticket-desktop.png'), fullPage: true });
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'console-ticket-phone.png'), fullPage: true });

    await officer.locator('#reply-text').fill('Đội công trình đã vá ổ gà trên đường Nguyễn Văn Tố sáng nay.');
    await officer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await officer.getByText('Đã gửi trả lời vào hàng đợi').waitFor();
    expect(await officer.locator('dl.facts').textContent()).toContain('Đã trả lời');

    // the outbox delivers it to the web chat, which shows it without a reload
    await chat.bringToFront();
    await chat
      .locator('#messages li.message.bot', { hasText: 'Đội công trình đã vá ổ gà' })
      .waitFor({ timeout: 30_000 });
    const texts = await chat.locator('#messages li.message.bot').allTextContents();
    expect(texts.join('\n')).toContain(`Trả lời cho yêu cầu ${ticket.code}`);
  }, 180_000);
});
