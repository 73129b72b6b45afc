// The question queue in a real headless Chromium, on the service `npm start` runs: a resident's question the bot
// cannot answer is queued; an editor answers it as a model answer; the resident reads the answer in the web chat, and
// the bot answers the same question for the next resident from the FAQ entry, citing it. Screenshots of the queue
// and the question page at phone and desktop sizes go to node_modules/.cache/tiepdan-screenshots (git-ignored).
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir } from '../cli/run-cli.js';
import { addTestAccount, TEST_PASSWORD } from '../support/accounts.js';
import { browserUnavailableReason, launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/shared-data.js';

const SCREENSHOTS = path.join(REPO_ROOT, 'node_modules', '.cache', 'tiepdan-screenshots');
const QUESTION = 'Sân bóng của xã có cho thuê buổi tối không, giá bao nhiêu?';
const ANSWER =
  'Sân bóng của xã cho thuê từ 17 giờ đến 21 giờ hằng ngày, giá 200.000 đồng một giờ, đăng ký tại nhà văn hoá xã.';
const skipReason = browserUnavailableReason();
if (skipReason) process.stdout.write(`${skipReason}\n`);

describe.skipIf(skipReason !== undefined)('the question queue in Chromium', () => {
  let service: Service;
  let browser: TestBrowser;
  let dataDir: string;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await createDataDir('tiepdan-questions-browser-');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, REPO_ROOT);
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write; // the first admin's one-time password
    try {
      service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    } finally {
      process.stderr.write = write;
    }
    await addTestAccount(service.db, 'bien.tap', 'editor');
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const ask = async (text: string) => {
    // a resident of their own: a new web chat session (the console's cookie stays)
    await browser.context.clearCookies({ name: 'tiepdan_chat' });
    const chat = await browser.context.newPage();
    await chat.goto(service.url);
    await chat.locator('body[data-ready="true"]').waitFor();
    const before = await chat.locator('#messages li.message.bot').count();
    await chat.locator('#message-input').fill(text);
    await chat.locator('#message-input').press('Enter');
    await chat.locator('#messages li.message.bot').nth(before).waitFor();
    return chat;
  };

  it('an editor answers a queued question as a model answer, and the bot then answers it in the web chat', async () => {
    const first = await ask(QUESTION);
    expect((await first.locator('#messages li.message.bot').allTextContents()).join('\n')).toMatch(/chưa tìm thấy/i);

    const editor = await browser.context.newPage();
    await editor.goto(`${service.url}/admin/login`);
    await editor.locator('input[name="login"]').fill('bien.tap');
    await editor.locator('input[name="password"]').fill(TEST_PASSWORD);
    await editor.getByRole('button', { name: 'Đăng nhập' }).click();
    await editor.getByRole('link', { name: 'Câu hỏi chờ trả lời' }).click();
    await editor.getByRole('heading', { name: 'Câu hỏi chờ trả lời' }).waitFor();
    const row = editor.locator('table.questions tbody tr', { hasText: 'Sân bóng của xã' });
    expect(await row.textContent()).toContain('Bot không tìm được câu trả lời');
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-questions-phone.png'), fullPage: true });
    await editor.setViewportSize({ width: 1280, height: 800 });
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-questions-desktop.png'), fullPage: true });

    await row.getByRole('link').first().click();
    await editor.getByRole('heading', { name: /Câu hỏi #\d+/ }).waitFor();
    await editor.locator('#answer-text').fill(ANSWER);
    await editor.getByLabel('dùng làm câu trả lời mẫu').check();
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-question-desktop.png'), fullPage: true });
    await editor.setViewportSize({ width: 390, height: 844 });
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-question-phone.png'), fullPage: true });
    await editor.getByRole('button', { name: 'Gửi trả lời' }).click();
    await editor.getByText('đưa vào câu trả lời mẫu').waitFor();

    // the resident who asked reads the answer in the same chat, without a reload
    await first.locator('#messages li.message.bot', { hasText: 'Cán bộ trả lời câu hỏi của bạn' }).waitFor({
      timeout: 30_000,
    });
    expect(
      await first.locator('#messages li.message.bot', { hasText: 'Cán bộ trả lời câu hỏi của bạn' }).textContent(),
    ).toContain('200.000 đồng một giờ');

    // the next resident asks the same, typed without diacritics: the bot answers from the FAQ entry, citing it
    const next = await ask('san bong cua xa co cho thue buoi toi khong gia bao nhieu');
    const reply = (await next.locator('#messages li.message.bot').allTextContents()).join('\n');
    expect(reply).toContain('200.000 đồng một giờ');
    expect(reply).toMatch(/Nguồn: Cán bộ bien\.tap trả lời ngày \d{2}\/\d{2}\/\d{4}/);
    await next.screenshot({ path: path.join(SCREENSHOTS, 'chat-faq-answer-phone.png'), fullPage: true });
  }, 180_000);
});
