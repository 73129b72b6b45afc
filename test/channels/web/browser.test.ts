// The web chat page in a real headless Chromium: ask and see a sourced answer, buttons, reload, keyboard only, large text.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createConversationEngine, createReplies } from '../../../src/conversation/index.js';
import type { Database } from '../../../src/db/index.js';
import { createPrismaConversationStore } from '../../../src/db/stores/conversation-store.js';
import { type Service, startService } from '../../../src/service.js';
import { createLogger } from '../../../src/shared/logger.js';
import { browserUnavailableReason, launchBrowser, type TestBrowser } from '../../support/browser.js';
import { createTestDatabase } from '../../support/database.js';
import { REPO_ROOT } from '../../support/shared-data.js';
import { ContractAnswerer } from '../support/contract-answerer.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

const R = createReplies('Bạn');
const skipReason = browserUnavailableReason();
if (skipReason) process.stdout.write(`${skipReason}\n`);

const botTexts = (page: Page) => page.locator('#messages li.message.bot .text').allInnerTexts();

async function ask(page: Page, text: string): Promise<void> {
  const before = await page.locator('#messages li.message.bot').count();
  await page.locator('#message-input').fill(text);
  await page.locator('#message-input').press('Enter');
  await page.locator('#messages li.message.bot').nth(before).waitFor();
}

describe.skipIf(skipReason !== undefined)('web chat page in Chromium', () => {
  let db: Database;
  let h: WebHarness;
  let browser: TestBrowser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const engine = createConversationEngine({
      store: createPrismaConversationStore(db.prisma),
      answerer: new ContractAnswerer(),
    });
    h = await startWebHarness({ handler: engine, db, embedOrigins: ['https://cong.example.gov.vn'] });
    browser = await launchBrowser();
  });
  // each test is a new resident
  beforeEach(async () => {
    await browser.context.clearCookies();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await db?.close();
  });

  it('shows a sourced answer to a typed question, as text (never as HTML)', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await ask(page, 'Đăng ký khai sinh cần giấy tờ gì?');
    const [answer] = await botTexts(page);
    expect(answer).toContain('giấy chứng sinh <bản chính>');
    expect(answer).toContain('Nguồn: Đăng ký khai sinh (mã 1.001193)');
    // the angle brackets stayed text: no element was created from them
    expect(await page.locator('#messages bản').count()).toBe(0);
    await page.close();
  });

  it('sends a quick-reply button press and keeps the conversation after a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    const before = await page.locator('#messages li.message').count();
    await ask(page, 'khai sinh');
    await page.getByRole('button', { name: R.rateLabels.up }).click();
    await page.getByText(R.ratedUp).waitFor();
    expect(await page.locator('.quick-replies button').count()).toBe(0);
    const lines = await page.locator('#messages li.message').allInnerTexts();
    expect(lines.length).toBe(before + 4);

    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#messages li.message').allInnerTexts()).toEqual(lines);
    await page.close();
  });

  it('works by keyboard alone, with labels and a live region for screen readers', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.locator('#messages').getAttribute('role')).toBe('log');
    expect(await page.locator('#messages').getAttribute('aria-live')).toBe('polite');
    expect(await page.getByLabel('Nhập câu hỏi của bạn').count()).toBe(1);

    // Tab from the top reaches the input; typing and Enter sends
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // skip link → input
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('message-input');
    await page.keyboard.type('lệ phí bao nhiêu?');
    await page.keyboard.press('Enter');
    await page.getByText(R.clarifyProcedure('lệ phí bao nhiêu?')).waitFor();
    // Shift+Tab from the input lands on the last quick reply ("Hủy"); Space presses it
    await page.locator('#message-input').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(R.cancelLabel);
    await page.keyboard.press('Space');
    await page.getByText(R.cancelled).waitFor();
    await page.close();
  });

  it('offers a large-text option that is remembered', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    const toggle = page.getByRole('button', { name: 'Chữ lớn' });
    const size = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normal = await size();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await size()).toBeGreaterThan(normal * 1.2);
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.getByRole('button', { name: 'Chữ lớn' }).getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('embeds on another site with /embed.js: a button that opens the chat in a frame, and closes it', async () => {
    // two public origins, both served through the browser's request interception (Chromium would not let a public
    // page reach a loopback address): the province's portal, and tiepdan proxied to the test server
    const portal = 'https://cong.example.gov.vn';
    const chat = 'https://tiepdan.example.org';
    const sessionHeaders: string[] = [];
    const context = browser.context;
    await context.route(`${portal}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="vi"><body><h1>Cổng thông tin</h1><script src="${chat}/embed.js"></script></body></html>`,
      }),
    );
    await context.route(`${chat}/**`, async (route) => {
      const url = new URL(route.request().url());
      // another page of tiepdan's origin, not the chat frame (see the end of this test)
      if (url.pathname === '/other-window')
        return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>khác</title>' });
      const header = route.request().headers()['x-chat-session'];
      if (url.pathname === '/api/chat/messages' && header) sessionHeaders.push(header);
      // the push stream never ends, so it cannot be proxied by route.fetch: the page falls back to polling
      if (url.pathname === '/api/chat/events') return route.fulfill({ status: 204 });
      const response = await route.fetch({ url: `${h.url}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    });
    const page = await context.newPage();
    await page.goto(`${portal}/`);
    const open = page.getByRole('button', { name: 'Hỏi đáp trực tuyến' });
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const frame = page.frameLocator('#tiepdan-chat-frame');
    await frame.locator('body[data-ready="true"]').waitFor();
    await frame.locator('#message-input').fill('khai sinh');
    await frame.locator('#message-input').press('Enter');
    await frame.getByText('Nguồn: Đăng ký khai sinh (mã 1.001193)').waitFor();
    // third-party cookies and storage are blocked in the frame: the portal page keeps the session for it
    await page.reload();
    await page.getByRole('button', { name: 'Hỏi đáp trực tuyến' }).click();
    await page.frameLocator('#tiepdan-chat-frame').getByText('Nguồn: Đăng ký khai sinh (mã 1.001193)').waitFor();
    expect(sessionHeaders.filter((v) => /^[A-Za-z0-9_-]{43}$/.test(v)).length).toBeGreaterThan(0);

    // the open chat has its own visible "Đóng" button, which gives focus back to the open button
    const openButton = page.getByRole('button', { name: 'Hỏi đáp trực tuyến' });
    const closeButton = page.getByRole('button', { name: 'Đóng hộp hỏi đáp' });
    const frameElement = page.locator('#tiepdan-chat-frame');
    const focusedId = () => page.evaluate(() => document.activeElement?.id);
    expect(await closeButton.isVisible()).toBe(true);
    expect(await closeButton.textContent()).toContain('Đóng');
    await closeButton.click();
    expect(await frameElement.isVisible()).toBe(false);
    expect(await closeButton.isVisible()).toBe(false);
    expect(await openButton.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedId()).toBe('tiepdan-chat-button');

    // by keyboard: Enter opens, Tab reaches "Đóng", Enter closes
    await page.keyboard.press('Enter');
    expect(await frameElement.isVisible()).toBe(true);
    await openButton.focus();
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('tiepdan-chat-close');
    await page.keyboard.press('Enter');
    expect(await frameElement.isVisible()).toBe(false);
    expect(await focusedId()).toBe('tiepdan-chat-button');

    // Escape while typing inside the frame closes it too
    await openButton.click();
    const input = page.frameLocator('#tiepdan-chat-frame').locator('#message-input');
    await input.click();
    await input.press('Escape');
    await expect.poll(() => openButton.getAttribute('aria-expanded')).toBe('false');
    expect(await frameElement.isVisible()).toBe(false);
    expect(await focusedId()).toBe('tiepdan-chat-button');

    // the portal (or any other window) posting the same message does not close it: only the chat frame may
    await openButton.click();
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.postMessage({ type: 'tiepdan:close' }, '*');
          // messages are delivered in order: once this one arrives, the one above has been handled
          window.addEventListener('message', (e) => e.data === 'probe' && resolve());
          window.postMessage('probe', '*');
        }),
    );
    expect(await openButton.getAttribute('aria-expanded')).toBe('true');
    expect(await frameElement.isVisible()).toBe(true);
    // nor does another frame of tiepdan's own origin (right origin, wrong window)
    const otherUrl = `${chat}/other-window`;
    await page.evaluate(
      (src) =>
        new Promise<void>((resolve) => {
          const other = document.createElement('iframe');
          other.src = src;
          other.onload = () => resolve();
          document.body.append(other);
          window.addEventListener('message', (e) => {
            if (e.data === 'probe') (window as unknown as { probed: boolean }).probed = true;
          });
        }),
      otherUrl,
    );
    const otherFrame = page.frames().find((f) => f.url() === otherUrl);
    expect(otherFrame).toBeDefined();
    await otherFrame?.evaluate(() => {
      window.parent.postMessage({ type: 'tiepdan:close' }, '*');
      // delivered after the message above, which has then been handled
      window.parent.postMessage('probe', '*');
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { probed?: boolean }).probed)).toBe(true);
    expect(await openButton.getAttribute('aria-expanded')).toBe('true');
    expect(await frameElement.isVisible()).toBe(true);
    await page.close();
    await context.unrouteAll();
  });

  it('cannot be framed by a site outside EMBED_ORIGINS, which could read what the resident types', async () => {
    const evil = 'https://evil.example.com';
    const chat = 'https://tiepdan.example.org';
    const context = browser.context;
    const seen: string[] = [];
    // the attacker's own session, handed to the chat in the URL, as embed.js does for allowed portals
    const attackerSession = 'A'.repeat(43);
    await context.route(`${evil}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="vi"><body><iframe id="f" src="${chat}/?embed=1#origin=https%3A%2F%2Fcong.example.gov.vn&session=${attackerSession}"></iframe></body></html>`,
      }),
    );
    await context.route(`${chat}/**`, async (route) => {
      const url = new URL(route.request().url());
      seen.push(`${url.pathname} ${route.request().headers()['x-chat-session'] ?? ''}`);
      if (url.pathname === '/api/chat/events') return route.fulfill({ status: 204 });
      const response = await route.fetch({ url: `${h.url}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    });
    const page = await context.newPage();
    await page.goto(`${evil}/`);
    await page.waitForLoadState('load');
    // the browser refuses to show the chat inside the attacker's page (frame-ancestors)
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const hasChat = frame
      ? await frame
          .locator('#message-input')
          .count()
          .catch(() => 0)
      : 0;
    expect(hasChat).toBe(0);
    // so nothing ever talks to the chat API with the attacker's session
    expect(seen.filter((line) => line.includes(attackerSession))).toEqual([]);
    await page.close();
    await context.unrouteAll();
  });
});

describe.skipIf(skipReason !== undefined)('the page npm start serves, on the real knowledge base', () => {
  let service: Service;
  let browser: TestBrowser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-web-e2e-'));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, REPO_ROOT);
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a question about the shipped plan with its source', async () => {
    const page = await browser.context.newPage();
    await page.goto(service.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await ask(page, 'Kế hoạch 416 nhằm mục đích gì?');
    const [answer] = await botTexts(page);
    expect(answer).toContain('Nguồn: 416/KH-UBND');
    expect(await page.getByRole('button', { name: R.rateLabels.up }).count()).toBe(1);
    await page.close();
  });
});
