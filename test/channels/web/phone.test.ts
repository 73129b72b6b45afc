// The web chat on a phone (390×844) in Chromium: the page never scrolls away, a long answer opens at its start, the
// empty chat shows its main actions, and an officer's later answer appears within a second without a reload.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationPort } from '../../../src/channels/shared/index.js';
import type { IncomingMessage, OutgoingReply } from '../../../src/conversation/index.js';
import { createFileAttachmentStore } from '../../../src/db/stores/file-attachment-store.js';
import { browserUnavailableReason, launchBrowser, type TestBrowser } from '../../support/browser.js';
import { REPO_ROOT } from '../../support/shared-data.js';
import { startWebHarness, type WebHarness } from '../support/web-harness.js';

const skipReason = browserUnavailableReason();
const SCREENSHOTS = path.join(REPO_ROOT, 'node_modules', '.cache', 'tiepdan-screenshots');

/** Answers every question with a long, numbered text (what the probe saw: whole sections); actions get a short reply. */
const handler: ConversationPort = {
  async handle(message: IncomingMessage): Promise<OutgoingReply[]> {
    if (message.action) return [{ text: `Đã chọn: ${message.text}`, quickReplies: [], attachments: [] }];
    if (message.attachments.length > 0)
      return [
        { text: `Đã nhận ${message.attachments.map((a) => a.kind).join(', ')}.`, quickReplies: [], attachments: [] },
      ];
    const lines = Array.from({ length: 40 }, (_, i) => `${i + 1}. Giấy tờ thứ ${i + 1} cần nộp cho "${message.text}".`);
    return [{ text: `ĐẦU CÂU TRẢ LỜI\n${lines.join('\n')}\nNguồn: thủ tục mẫu`, quickReplies: [], attachments: [] }];
  },
};

async function ask(page: Page, text: string): Promise<void> {
  const before = await page.locator('#messages li.message.bot').count();
  await page.locator('#message-input').fill(text);
  await page.locator('#message-input').press('Enter');
  await page.locator('#messages li.message.bot').nth(before).waitFor();
}

describe.skipIf(skipReason !== undefined)('the web chat on a phone', () => {
  let h: WebHarness;
  let browser: TestBrowser;
  let uploads: string;
  beforeAll(async () => {
    uploads = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-phone-uploads-'));
    h = await startWebHarness({ handler, attachments: createFileAttachmentStore(uploads) });
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  beforeEach(async () => {
    await browser.context.clearCookies();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    if (uploads) await rm(uploads, { recursive: true, force: true });
  });

  it('keeps the header and the input in place after long answers, each opening at its start', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    for (const q of ['khai sinh', 'kết hôn', 'hộ khẩu', 'sổ đỏ']) await ask(page, q);
    const layout = await page.evaluate(() => ({
      pageHeight: document.documentElement.scrollHeight,
      windowScroll: window.scrollY,
      header: document.querySelector('.chat-header')?.getBoundingClientRect().top ?? -1,
      input: document.querySelector('#message-input')?.getBoundingClientRect().bottom ?? 0,
    }));
    expect(layout.pageHeight).toBeLessThanOrEqual(844);
    expect(layout.windowScroll).toBe(0);
    expect(layout.header).toBe(0);
    expect(layout.input).toBeGreaterThan(700);
    expect(layout.input).toBeLessThanOrEqual(844);
    // the newest long answer is shown from its first line (once the smooth scroll has settled)
    const offsetOfLast = () =>
      page.evaluate(() => {
        const scroller = document.querySelector('.chat-main') as HTMLElement;
        const answers = document.querySelectorAll('#messages li.message.bot');
        const last = answers[answers.length - 1] as HTMLElement;
        return last.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      });
    await expect.poll(offsetOfLast, { timeout: 3000 }).toBeGreaterThanOrEqual(0);
    await expect.poll(offsetOfLast, { timeout: 3000 }).toBeLessThan(100);
    expect(await page.getByText('ĐẦU CÂU TRẢ LỜI').last().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-phone-long-answers.png') });
    // scrolling the page itself goes nowhere
    await page.mouse.wheel(0, 2000);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.close();
  });

  it('shows the main actions in an empty chat, with the tracking code named for what it is', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    const menu = page.locator('#start-menu button');
    expect(await menu.allInnerTexts()).toEqual([
      'Hỏi về thủ tục hành chính',
      'Gửi phản ánh, kiến nghị',
      'Tra cứu mã phản ánh',
    ]);
    expect(await page.locator('#intro').innerText()).toContain('không phải mã hồ sơ trên Cổng Dịch vụ công');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-phone-empty.png') });
    await menu.nth(2).click();
    await page.getByText('Đã chọn: Tra cứu mã phản ánh').waitFor();
    expect(await page.locator('#start-menu').count()).toBe(0);
    await page.close();
  });

  it("shows an officer's later answer within a second, without a reload", async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    await ask(page, 'khai sinh');
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'tiepdan_chat');
    expect(cookie).toBeDefined();
    // give the page a moment to open its event stream
    await page.waitForTimeout(300);
    const sent = Date.now();
    await h.webChat.channel.send(cookie?.value ?? '', {
      text: 'Cán bộ trả lời: hồ sơ của bạn đã được giải quyết.',
      quickReplies: [],
      attachments: [],
    });
    await page.getByText('Cán bộ trả lời: hồ sơ của bạn đã được giải quyết.').waitFor({ timeout: 1500 });
    expect(Date.now() - sent).toBeLessThan(1500);
    await page.close();
  });
  it('attaches a photo with the paperclip button, and says in Vietnamese why a file that is not one is refused', async () => {
    const page = await browser.context.newPage();
    await page.goto(h.url);
    await page.locator('body[data-ready="true"]').waitFor();
    const attach = page.getByLabel('Gửi ảnh hoặc tệp');
    await attach.setInputFiles({
      name: 'cong-vo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1024, 1)]),
    });
    await page.locator('#messages li.message.bot', { hasText: 'Đã nhận photo.' }).waitFor();
    expect(await page.locator('#messages li.message.resident').last().innerText()).toContain('[Ảnh]');
    expect((await readdir(uploads, { recursive: true })).filter((f) => f.endsWith('.jpg'))).toHaveLength(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-chat-attachment-phone.png') });

    await attach.setInputFiles({
      name: 'anh.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('<html>không phải ảnh'),
    });
    await expect
      .poll(() => page.locator('#status').innerText())
      .toMatch(/^Chỉ nhận ảnh \(JPG, PNG, GIF, WebP\) hoặc tệp PDF, Word, Excel/);
    expect(await page.locator('#messages li.message.bot').count()).toBe(1);
    await page.close();
  });
});
