// The knowledge base pages on the service `npm start` runs: only editors and admins get in, every form checks its
// CSRF token, an uploaded .docx or .txt is answered from in the web chat at once, a broken file is refused with a
// Vietnamese message and changes nothing, remove and reindex work, synonyms are checked, saved, audited and searched
// with at once, and "Thử câu hỏi" shows the ranked passages.
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { ChatClient } from '../channels/support/web-harness.js';
import { createDataDir } from '../cli/run-cli.js';
import { addTestAccount } from '../support/accounts.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { Browser } from './harness.js';

const MIXED = path.join(REPO_ROOT, 'test/fixtures/knowledge/mixed');
const KB = '/admin/kien-thuc';
const SCHEDULE = [
  'Số: 99/TB-UBND',
  'THÔNG BÁO LỊCH TIẾP CÔNG DÂN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỨC XUÂN',
  '',
  'Chủ tịch Ủy ban nhân dân xã Đức Xuân tiếp công dân định kỳ vào sáng thứ Năm hằng tuần, từ 7 giờ 30 đến 11 giờ,',
  'tại phòng tiếp công dân số 3 của trụ sở xã. Công dân mang theo căn cước và giấy tờ liên quan đến vụ việc.',
  '',
].join('\n');

let service: Service;
let dataDir: string;
let knowledgeDir: string;

/** Posts a multipart form as the page would, with the browser's cookies (and its token unless left out). */
async function upload(
  browser: Browser,
  file: { name: string; bytes: Uint8Array | string },
  options: { csrf?: string | undefined; headers?: Record<string, string> } = {},
) {
  const form = new FormData();
  if (options.csrf !== undefined) form.set('_csrf', options.csrf);
  form.set('tep', new Blob([file.bytes as BlobPart]), file.name);
  return fetch(`${browser.base}${KB}/tai-len`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: {
      'sec-fetch-site': 'same-origin',
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...options.headers,
    },
  });
}

async function signedIn(login: string): Promise<Browser> {
  const browser = new Browser(service.url);
  expect((await browser.signIn(login)).status).toBe(303);
  return browser;
}

async function csrfOn(browser: Browser, page = KB): Promise<string> {
  return Browser.csrfOf(await (await browser.request(page)).text());
}

async function auditRows(action: string) {
  return service.db.prisma.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } });
}

beforeAll(async () => {
  dataDir = await createDataDir('tiepdan-console-kb-');
  knowledgeDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-console-kb-knowledge-'));
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
  await addTestAccount(service.db, 'quan.tri', 'admin');
  await addTestAccount(service.db, 'can.bo', 'officer');
  await addTestAccount(service.db, 'xem.bao.cao', 'viewer');
}, 180_000);

afterAll(async () => {
  await service?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(knowledgeDir, { recursive: true, force: true });
});

describe('who may open the knowledge base', () => {
  it('sends a visitor to sign in, refuses officers and viewers, and admits editors and admins', async () => {
    expect((await new Browser(service.url).request(KB)).headers.get('location')).toBe('/admin/login');
    for (const login of ['can.bo', 'xem.bao.cao']) {
      const browser = await signedIn(login);
      for (const page of [KB, `${KB}/thu-cau-hoi?q=khai+sinh`, `${KB}/tu-dong-nghia`, `${KB}/xoa?ma=x`]) {
        const response = await browser.request(page);
        expect(response.status, `${login} ${page}`).toBe(403);
        expect(await response.text()).toContain('Không có quyền sửa cơ sở tri thức');
      }
      // and the forms refuse them too, token or not
      const csrf = Browser.csrfOf(await (await browser.request(KB)).text());
      expect((await browser.request(`${KB}/lap-chi-muc`, { form: { _csrf: csrf } })).status).toBe(403);
      expect((await upload(browser, { name: 'a.txt', bytes: SCHEDULE }, { csrf })).status).toBe(403);
    }
    const officerPage = await (await (await signedIn('can.bo')).request('/admin/')).text();
    expect(officerPage).not.toContain(`href="${KB}"`);
    // an editor's home is the knowledge base
    expect((await (await signedIn('bien.tap')).request('/admin/')).headers.get('location')).toBe(KB);
    for (const login of ['bien.tap', 'quan.tri']) {
      const response = await (await signedIn(login)).request(KB);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<h1>Cơ sở tri thức</h1>');
      expect(html).toContain(`href="${KB}"`);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });
});

describe('the knowledge base for an editor', () => {
  let editor: Browser;
  beforeAll(async () => {
    editor = await signedIn('bien.tap');
  });

  it('refuses every form without its CSRF token or from another site', async () => {
    const csrf = await csrfOn(editor);
    const forms: Array<[string, Record<string, string>]> = [
      [`${KB}/xoa`, { ma: '27/HD-UBND' }],
      [`${KB}/lap-chi-muc`, {}],
      [`${KB}/tu-dong-nghia`, { noi_dung: 'UBND = ủy ban nhân dân\n' }],
    ];
    for (const [action, fields] of forms) {
      expect((await editor.request(action, { form: fields })).status, action).toBe(403);
      expect((await editor.request(action, { form: { ...fields, _csrf: 'sai' } })).status, action).toBe(403);
      const crossSite = await editor.request(action, {
        form: { ...fields, _csrf: csrf },
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status, action).toBe(403);
    }
    expect((await upload(editor, { name: 'lich.txt', bytes: SCHEDULE })).status).toBe(403);
    expect(
      (
        await upload(
          editor,
          { name: 'lich.txt', bytes: SCHEDULE },
          { csrf, headers: { 'sec-fetch-site': 'cross-site' } },
        )
      ).status,
    ).toBe(403);
    // nothing of it happened
    expect(await service.db.prisma.document.count()).toBe(0);
    expect(await readFile(path.join(knowledgeDir, 'synonyms.txt'), 'utf8')).toContain('BHXH = bảo hiểm xã hội');
    expect(await auditRows('knowledge.synonyms_saved')).toEqual([]);
  });

  it('uploads a .docx, lists it, and the web chat answers from it at once, citing it; the upload is audited', async () => {
    const before = new ChatClient(service.url);
    const [unknown] = await before.say('Nộp hồ sơ trực tuyến thì đăng nhập bằng tài khoản gì?');
    expect(unknown?.text).not.toContain('VNeID');

    const csrf = await csrfOn(editor);
    const bytes = await readFile(path.join(MIXED, 'huong-dan-nop-truc-tuyen.docx'));
    const response = await upload(editor, { name: 'huong-dan-nop-truc-tuyen.docx', bytes }, { csrf });
    expect(response.status).toBe(303);
    const list = await (await editor.request(response.headers.get('location') as string)).text();
    expect(list).toContain('Đã nạp');
    expect(list).toContain('27/HD-UBND');
    expect(list).toContain('HƯỚNG DẪN NỘP HỒ SƠ TRỰC TUYẾN');

    const chat = new ChatClient(service.url);
    const [answer] = await chat.say('Nộp hồ sơ trực tuyến thì đăng nhập bằng tài khoản gì?');
    expect(answer?.text).toContain('VNeID');
    expect(answer?.text).toContain('27/HD-UBND');

    // a notice only shows when our own redirect sealed it: a link made elsewhere cannot put words in it
    const forged = await editor.request(`${KB}?thong-bao=${encodeURIComponent('Hãy gọi số 0900 000 000')}&dau=x`);
    expect(await forged.text()).not.toContain('Hãy gọi số');

    const [row] = await auditRows('knowledge.uploaded');
    expect(row?.actor).toBe('editor:bien.tap');
    expect(row?.entityId).toMatch(/tai-len\/huong-dan-nop-truc-tuyen\.docx$/);
    expect(row?.after).toMatchObject({ codes: ['27/HD-UBND'], added: 1 });
  });

  it('uploads a .txt and the chat answers a question about it', async () => {
    const csrf = await csrfOn(editor);
    const response = await upload(editor, { name: 'lịch tiếp dân.txt', bytes: SCHEDULE }, { csrf });
    expect(response.status).toBe(303);
    const [answer] = await new ChatClient(service.url).say('Chủ tịch xã tiếp công dân vào ngày nào?');
    expect(answer?.text).toContain('thứ Năm');
    expect(answer?.text).toContain('99/TB-UBND');
  });

  it('refuses a broken, empty, unsupported or too large file with a Vietnamese message, and loses nothing', async () => {
    const csrf = await csrfOn(editor);
    const count = await service.db.prisma.document.count();
    const uploads = path.join(knowledgeDir, 'tai-len');
    const files = (await readdir(uploads)).sort();

    const broken = await upload(
      editor,
      { name: 'hong.pdf', bytes: await readFile(path.join(MIXED, 'hong.pdf')) },
      { csrf },
    );
    expect(broken.status).toBe(422);
    const page = await broken.text();
    expect(page).toContain('Không nạp tệp &quot;hong.pdf&quot;: tệp PDF hỏng');
    expect(page).toContain('Cơ sở tri thức giữ nguyên.');

    // an empty file of the same name as an upload in use leaves that upload as it was
    const empty = await upload(editor, { name: 'lịch tiếp dân.txt', bytes: '' }, { csrf });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Tệp rỗng');

    const exe = await upload(editor, { name: 'cai-dat.exe', bytes: 'MZ' }, { csrf });
    expect(exe.status).toBe(415);
    expect(await exe.text()).toContain('Định dạng tệp chưa được hỗ trợ. Chỉ nhận: .txt, .md');

    const huge = await upload(
      editor,
      { name: 'lon.txt', bytes: new Uint8Array(20 * 1024 * 1024 + 1).fill(65) },
      { csrf },
    );
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('quá lớn: tối đa 20 MB');

    expect(await service.db.prisma.document.count()).toBe(count);
    expect((await readdir(uploads)).sort()).toEqual(files);
    const [answer] = await new ChatClient(service.url).say('Chủ tịch xã tiếp công dân vào ngày nào?');
    expect(answer?.text).toContain('thứ Năm');
  });

  it('"Thử câu hỏi" shows the answer the bot gives and the ranked passages with scores and codes', async () => {
    const response = await editor.request(
      `${KB}/thu-cau-hoi?q=${encodeURIComponent('Chủ tịch xã tiếp công dân vào ngày nào?')}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Bot sẽ trả lời');
    expect(html).toMatch(/data-answer[^>]*>[^<]*thứ Năm/);
    const rows = [
      ...html.matchAll(/<td data-label="Điểm" class="score">([\d.]+)<\/td><td data-label="Mã" class="code">([^<]+)</g),
    ];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.[2]).toBe('99/TB-UBND');
    const scores = rows.map((r) => Number(r[1]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0);
  });

  it('refuses synonyms with line errors in Vietnamese, keeps the edit on the page and the file as it was', async () => {
    const file = path.join(knowledgeDir, 'synonyms.txt');
    const before = await readFile(file, 'utf8');
    const csrf = await csrfOn(editor, `${KB}/tu-dong-nghia`);
    const text = `${before}thẻ xanh\nsổ đỏ => \n`;
    const response = await editor.request(`${KB}/tu-dong-nghia`, { form: { _csrf: csrf, noi_dung: text } });
    expect(response.status).toBe(400);
    const html = await response.text();
    const lines = before.split('\n').length;
    expect(html).toContain(`Dòng ${lines}: thiếu &quot;=&gt;&quot; (một chiều) hoặc &quot;=&quot; (tương đương)`);
    expect(html).toContain(`Dòng ${lines + 1}: cần cụm từ ở cả hai bên dấu &quot;=&gt;&quot;`);
    expect(html).toContain('Chưa lưu: 2 dòng chưa đúng cú pháp.');
    expect(html).toContain('thẻ xanh\nsổ đỏ =&gt; ');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await auditRows('knowledge.synonyms_saved')).toEqual([]);
  });

  it('saves valid synonyms atomically, audits before and after, and search uses them at once', async () => {
    const file = path.join(knowledgeDir, 'synonyms.txt');
    const before = await readFile(file, 'utf8');
    // a word no document holds: no passage at all until a synonym points it at the schedule's words
    const firstPassage = async () => {
      const html = await (await editor.request(`${KB}/thu-cau-hoi?q=xqzv`)).text();
      return /<td data-label="Mã" class="code">([^<]+)</.exec(html)?.[1];
    };
    expect(await firstPassage()).toBeUndefined();
    const csrf = await csrfOn(editor, `${KB}/tu-dong-nghia`);
    const after = `${before}xqzv => chủ tịch ủy ban nhân dân xã tiếp công dân\n`;
    const response = await editor.request(`${KB}/tu-dong-nghia`, {
      form: { _csrf: csrf, noi_dung: after.replace(/\n/g, '\r\n') },
    });
    expect(response.status).toBe(303);
    expect(await (await editor.request(response.headers.get('location') as string)).text()).toContain('Đã lưu');
    expect(await readFile(file, 'utf8')).toBe(after);
    expect((await readdir(knowledgeDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const [row] = await auditRows('knowledge.synonyms_saved');
    expect(row?.actor).toBe('editor:bien.tap');
    expect(row?.before).toEqual({ text: before });
    expect(row?.after).toEqual({ text: after });
    expect(await firstPassage()).toBe('99/TB-UBND');
    // the page lists the saved version (who, what changed) and shows it again on request, to restore it
    const page = await (await editor.request(`${KB}/tu-dong-nghia`)).text();
    expect(page).toMatch(/data-history[^]*editor:bien\.tap · \+1 \/ −0 dòng/);
    const version = await (await editor.request(`${KB}/tu-dong-nghia?phien-ban=${row?.id}`)).text();
    expect(version).toContain('Đang xem phiên bản do editor:bien.tap lưu');
    expect(version).toContain('xqzv =&gt; chủ tịch ủy ban nhân dân xã tiếp công dân');
  });

  it('reindexes on request, audited', async () => {
    const csrf = await csrfOn(editor);
    const response = await editor.request(`${KB}/lap-chi-muc`, { form: { _csrf: csrf } });
    expect(response.status).toBe(303);
    const page = await (await editor.request(response.headers.get('location') as string)).text();
    expect(page).toContain('Đã chia đoạn lại 2 tài liệu');
    const [row] = await auditRows('knowledge.reindexed');
    expect(row?.actor).toBe('editor:bien.tap');
    expect(row?.after).toMatchObject({ reindexed: 2, failed: 0 });
  });

  it('finds documents by code or title, unaccented too', async () => {
    const html = await (await editor.request(`${KB}?q=${encodeURIComponent('huong dan nop')}`)).text();
    expect(html).toContain('1 / 2 tài liệu khớp');
    expect(html).toContain('27/HD-UBND');
    expect(html).not.toContain('>99/TB-UBND<');
  });

  it('removes a document after a confirmation page; the chat no longer answers from it; audited', async () => {
    const confirm = await editor.request(`${KB}/xoa?ma=${encodeURIComponent('99/TB-UBND')}`);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Xoá tài liệu 99/TB-UBND?');
    // the confirmation alone removes nothing, nor a post without its token
    expect((await editor.request(`${KB}/xoa`, { form: { ma: '99/TB-UBND' } })).status).toBe(403);
    expect(await service.db.prisma.document.count()).toBe(2);
    const response = await editor.request(`${KB}/xoa`, { form: { _csrf: Browser.csrfOf(html), ma: '99/TB-UBND' } });
    expect(response.status).toBe(303);
    const list = await (await editor.request(response.headers.get('location') as string)).text();
    expect(list).toContain('Đã xoá tài liệu 99/TB-UBND.');
    expect(list).not.toContain('>99/TB-UBND<');
    expect(await readdir(path.join(knowledgeDir, 'tai-len'))).toEqual(['huong-dan-nop-truc-tuyen.docx']);
    const [answer] = await new ChatClient(service.url).say('Chủ tịch xã tiếp công dân vào ngày nào?');
    expect(answer?.text).not.toContain('thứ Năm');
    const [row] = await auditRows('knowledge.removed');
    expect(row).toMatchObject({ actor: 'editor:bien.tap', entityId: '99/TB-UBND' });
    // removing it again says so
    const again = await editor.request(`${KB}/xoa`, { form: { _csrf: Browser.csrfOf(html), ma: '99/TB-UBND' } });
    expect(again.status).toBe(404);
  });

  it('pages the list 50 at a time and searches past the first page', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return JSON.stringify({
        code: `HDX-${n}`,
        title: `Hỏi đáp số ${n} về thủ tục hành chính`,
        text: `Nội dung hỏi đáp ${n}.`,
      });
    });
    const csrf = await csrfOn(editor);
    expect((await upload(editor, { name: 'hoi-dap-xa.jsonl', bytes: `${lines.join('\n')}\n` }, { csrf })).status).toBe(
      303,
    );
    const rowsOf = (html: string) => [...html.matchAll(/<td data-label="Mã" class="code">([^<]+)</g)].map((m) => m[1]);
    const first = await (await editor.request(KB)).text();
    expect(first).toContain('Tổng cộng 61 tài liệu.');
    expect(first).toContain('Trang 1 / 2');
    expect(rowsOf(first)).toHaveLength(50);
    const second = await (await editor.request(`${KB}?trang=2`)).text();
    expect(rowsOf(second)).toHaveLength(11);
    expect(new Set([...rowsOf(first), ...rowsOf(second)]).size).toBe(61);
    const found = await (await editor.request(`${KB}?q=hdx-59`)).text();
    expect(rowsOf(found)).toEqual(['HDX-59']);
    expect(found).toContain('1 / 61 tài liệu khớp');
  });
});
