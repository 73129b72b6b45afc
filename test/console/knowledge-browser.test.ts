// The knowledge base pages in a real headless Chromium, on the service `npm start` runs: an editor signs in, finds
// the knowledge base in the menu, uploads a document (sent by the page's script, with progress, under the console's
// CSP), sees a broken file refused on the page, and a resident then asks about the document in the web chat page and
// reads the answer. Screenshots at phone and desktop sizes go to node_modules/.cache/tiepdan-screenshots.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
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
const MIXED = path.join(REPO_ROOT, 'test/fixtures/knowledge/mixed');
const skipReason = browserUnavailableReason();
if (skipReason) process.stdout.write(`${skipReason}\n`);

describe.skipIf(skipReason !== undefined)('knowledge base pages in Chromium', () => {
  let service: Service;
  let browser: TestBrowser;
  let dataDir: string;
  let knowledgeDir: string;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await createDataDir('tiepdan-kb-browser-');
    knowledgeDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-kb-browser-knowledge-'));
    await copyFile(path.join(REPO_ROOT, 'knowledge/synonyms.txt'), path.join(knowledgeDir, 'synonyms.txt'));
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: knowledgeDir,
        LOG_LEVEL: 'silent',
        INDEX_ON_START: 'false',
        DATABASE_URL: '',
        ANSWER_MODE: 'extractive',
        RETRIEVAL_MODE: 'lexical',
      },
      REPO_ROOT,
    );
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
    await addTestAccount(service.db, 'bien.tap', 'editor');
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(knowledgeDir, { recursive: true, force: true });
  });

  it('an editor uploads a document with progress, and a resident asks about it in the web chat', async () => {
    const editor = await browser.context.newPage();
    const consoleErrors: string[] = [];
    editor.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await editor.goto(`${service.url}/admin/login`);
    await editor.locator('input[name="login"]').fill('bien.tap');
    await editor.locator('input[name="password"]').fill(TEST_PASSWORD);
    await editor.getByRole('button', { name: 'Đăng nhập' }).click();
    // an editor lands on the knowledge base, which the menu also links to
    await editor.waitForURL(/\/admin\/kien-thuc$/);
    await editor.getByRole('link', { name: 'Cơ sở tri thức' }).click();
    await editor.getByRole('heading', { name: 'Cơ sở tri thức', exact: true }).waitFor();
    expect(await editor.getByText('Chưa có tài liệu nào.').count()).toBe(1);

    // a broken file: the script shows the server's Vietnamese message on the page, nothing is added
    await editor.locator('#kb-file').setInputFiles(path.join(MIXED, 'hong.pdf'));
    await editor.getByRole('button', { name: 'Tải lên và lập chỉ mục' }).click();
    await editor.locator('[data-status].error', { hasText: 'tệp PDF hỏng' }).waitFor();
    expect(await editor.locator('[data-status]').textContent()).toContain('Cơ sở tri thức giữ nguyên');

    // a good one, sent by the page's script (an XHR with upload progress), not by a plain form post
    const request = editor.waitForRequest((r) => r.url().endsWith('/admin/kien-thuc/tai-len'));
    await editor.locator('#kb-file').setInputFiles(path.join(MIXED, 'huong-dan-nop-truc-tuyen.docx'));
    await editor.getByRole('button', { name: 'Tải lên và lập chỉ mục' }).click();
    expect((await request).resourceType()).toBe('xhr');
    await editor.getByText('Bot trả lời được ngay trong khung chat.').waitFor();
    expect(await editor.locator('table.kb tbody tr').first().textContent()).toContain('27/HD-UBND');
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-knowledge-phone.png'), fullPage: true });
    await editor.setViewportSize({ width: 1280, height: 800 });
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-knowledge-desktop.png'), fullPage: true });

    await editor.getByRole('link', { name: 'Thử câu hỏi' }).click();
    await editor.locator('#kb-question').fill('Nộp hồ sơ trực tuyến đăng nhập bằng tài khoản gì?');
    await editor.getByRole('button', { name: 'Hỏi thử' }).click();
    await editor.locator('[data-answer]', { hasText: 'VNeID' }).waitFor();
    expect(await editor.locator('table.passages td.code').first().textContent()).toBe('27/HD-UBND');
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-knowledge-try-desktop.png'), fullPage: true });
    await editor.setViewportSize({ width: 390, height: 844 });
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-knowledge-try-phone.png'), fullPage: true });
    await editor.getByRole('link', { name: 'Từ đồng nghĩa' }).click();
    await editor.locator('#kb-synonyms').waitFor();
    await editor.screenshot({ path: path.join(SCREENSHOTS, 'console-knowledge-synonyms-phone.png') });

    // the resident, in the web chat page
    const chat = await browser.context.newPage();
    await chat.goto(service.url);
    await chat.locator('body[data-ready="true"]').waitFor();
    await chat.locator('#message-input').fill('Nộp hồ sơ trực tuyến thì đăng nhập bằng tài khoản gì?');
    await chat.locator('#message-input').press('Enter');
    const answer = chat.locator('#messages li.message.bot', { hasText: 'VNeID' });
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.first().textContent()).toContain('27/HD-UBND');
    await chat.screenshot({ path: path.join(SCREENSHOTS, 'console-knowledge-chat-phone.png') });
  }, 180_000);
});
