// The sample questions' editor on the service `npm start` runs: only editors and admins, CSRF on the form, a
// procedure found by the resident's words once an editor adds them (in the web chat, at once), every save audited,
// a wrong entry refused with each line's reason and nothing lost, and the drafts a model wrote listed for review.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createPrismaKnowledgeStore } from '../../src/db/stores/knowledge-store.js';
import { addDocuments } from '../../src/knowledge/ingest/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { ChatClient } from '../channels/support/web-harness.js';
import { createDataDir } from '../cli/run-cli.js';
import { addTestAccount } from '../support/accounts.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { Browser } from './harness.js';

const PAGE = '/admin/kien-thuc/cach-goi';
const RECORD = path.join(REPO_ROOT, 'test/fixtures/knowledge/mixed/thu-tuc-mau.json');
/** Words no record holds: only the sample question an editor adds can lead a resident to the procedure. */
const RESIDENT_QUESTION = 'Nhà em nuôi đà điểu muốn khai báo đàn đà điểu thì làm sao ạ?';

let service: Service;
let dataDir: string;
let root: string;

async function signedIn(login: string): Promise<Browser> {
  const browser = new Browser(service.url);
  expect((await browser.signIn(login)).status).toBe(303);
  return browser;
}

async function csrfOn(browser: Browser, page: string): Promise<string> {
  return Browser.csrfOf(await (await browser.request(page)).text());
}

const aliasesDir = () => path.join(root, 'knowledge', 'aliases');

beforeAll(async () => {
  dataDir = await createDataDir('tiepdan-console-aliases-');
  root = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-console-aliases-kb-'));
  await mkdir(aliasesDir(), { recursive: true });
  // two procedures: the fixture record, and the same record under another code and title
  const record = JSON.parse(await readFile(RECORD, 'utf8'));
  await writeFile(path.join(root, 'mot.json'), JSON.stringify(record));
  await writeFile(
    path.join(root, 'hai.json'),
    JSON.stringify({ ...record, ma_thu_tuc: '9.999002', ten_thu_tuc: 'Xác nhận mẫu thứ hai dùng cho kiểm thử' }),
  );
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: path.join(root, 'knowledge'),
      LOG_LEVEL: 'silent',
      INDEX_ON_START: 'false',
      DATABASE_URL: '',
      ANSWER_MODE: 'extractive',
      RETRIEVAL_MODE: 'lexical',
    },
    REPO_ROOT,
  );
  service = await startService({ config, logger: createLogger({ level: 'silent' }) });
  await addDocuments({
    store: createPrismaKnowledgeStore({ prisma: service.db.prisma }),
    paths: [path.join(root, 'mot.json'), path.join(root, 'hai.json')],
    root,
  });
  await addTestAccount(service.db, 'bien.tap', 'editor');
  await addTestAccount(service.db, 'can.bo', 'officer');
}, 180_000);

afterAll(async () => {
  await service?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(root, { recursive: true, force: true });
});

describe('the sample questions editor', () => {
  it('is closed to officers, and its form refuses a post without the CSRF token', async () => {
    const officer = await signedIn('can.bo');
    expect((await officer.request(`${PAGE}?ma=9.999001`)).status).toBe(403);
    const editor = await signedIn('bien.tap');
    const page = await editor.request(`${PAGE}?ma=9.999001`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Xác nhận mẫu dùng cho kiểm thử');
    const forged = await editor.request(PAGE, { form: { ma: '9.999001', ten_goi: 'khai báo đà điểu', cau_hoi: '' } });
    expect(forged.status).toBe(403);
    const csrf = await csrfOn(officer, '/admin/');
    const officerPost = await officer.request(PAGE, {
      form: { _csrf: csrf, ma: '9.999001', ten_goi: 'khai báo đà điểu', cau_hoi: '' },
    });
    expect(officerPost.status).toBe(403);
    await expect(readFile(path.join(aliasesDir(), 'can-bo.yaml'), 'utf8')).rejects.toThrow();
  });

  it('says plainly when the code names no procedure', async () => {
    const editor = await signedIn('bien.tap');
    const response = await editor.request(`${PAGE}?ma=${encodeURIComponent('<b>9.9</b>')}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Không có thủ tục mã &quot;&lt;b&gt;9.9&lt;/b&gt;&quot;');
  });

  it('a sample question an editor adds leads the resident to the procedure at once, and the save is audited', async () => {
    const [before] = await new ChatClient(service.url).say(RESIDENT_QUESTION);
    expect(before?.text).not.toContain('9.999001');

    const editor = await signedIn('bien.tap');
    const csrf = await csrfOn(editor, `${PAGE}?ma=9.999001`);
    const saved = await editor.request(PAGE, {
      form: {
        _csrf: csrf,
        ma: '9.999001',
        ten_goi: 'khai báo đàn đà điểu\nxác nhận nuôi đà điểu',
        cau_hoi: 'Nuôi đà điểu ở nhà thì khai báo đàn đà điểu với ai?',
        da_duyet: '1',
      },
    });
    expect(saved.status).toBe(303);
    const shown = await (await editor.request(saved.headers.get('location') as string)).text();
    expect(shown).toContain('Đã lưu');
    expect(shown).toContain('xác nhận nuôi đà điểu');
    expect(shown).toContain('editor:bien.tap');

    const [after] = await new ChatClient(service.url).say(RESIDENT_QUESTION);
    expect(after?.text).toContain('9.999001');
    expect(await readFile(path.join(aliasesDir(), 'can-bo.yaml'), 'utf8')).toContain('khai báo đàn đà điểu');
    const rows = await service.db.prisma.auditLog.findMany({ where: { action: 'knowledge.aliases_saved' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'editor:bien.tap', entityId: '9.999001' });
    expect(rows[0]?.after).toMatchObject({ names: ['khai báo đàn đà điểu', 'xác nhận nuôi đà điểu'], reviewed: true });
  });

  it('refuses a wrong entry with each line and its reason, shows what was typed, and changes nothing', async () => {
    const editor = await signedIn('bien.tap');
    const csrf = await csrfOn(editor, `${PAGE}?ma=9.999001`);
    const file = await readFile(path.join(aliasesDir(), 'can-bo.yaml'), 'utf8');
    const response = await editor.request(PAGE, {
      form: {
        _csrf: csrf,
        ma: '9.999001',
        ten_goi: `đà điểu\n${'rất dài '.repeat(50)}`,
        cau_hoi: '<script>x</script>',
      },
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Cách gọi thông dụng, dòng 2: dài quá 300 ký tự');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;'); // kept as typed, as text
    expect(html).not.toContain('<script>x</script>');
    expect(await readFile(path.join(aliasesDir(), 'can-bo.yaml'), 'utf8')).toBe(file);
  });

  it("lists a model's unreviewed drafts, and an editor's review takes it off the list", async () => {
    await writeFile(
      path.join(aliasesDir(), 'nhap-tu-dong.yaml'),
      '# nháp\n- code: "9.999002"\n  names:\n    - "xác nhận mẫu hai"\n  questions:\n    - "Làm xác nhận mẫu hai ở đâu?"\n  reviewed: false\n',
    );
    const editor = await signedIn('bien.tap');
    const index = await (await editor.request(PAGE)).text();
    expect(index).toContain('Xác nhận mẫu thứ hai dùng cho kiểm thử');
    const draft = await (await editor.request(`${PAGE}?ma=9.999002`)).text();
    expect(draft).toContain('Chưa duyệt');
    const csrf = Browser.csrfOf(draft);
    const saved = await editor.request(PAGE, {
      form: {
        _csrf: csrf,
        ma: '9.999002',
        ten_goi: 'xác nhận mẫu hai',
        cau_hoi: 'Làm xác nhận mẫu hai ở xã nào?',
        da_duyet: '1',
      },
    });
    expect(saved.status).toBe(303);
    expect(await (await editor.request(PAGE)).text()).toContain('Không có bản nháp nào');
    const drafts = await readFile(path.join(aliasesDir(), 'nhap-tu-dong.yaml'), 'utf8');
    expect(drafts).toContain('reviewed: true');
    expect(drafts).toContain('Làm xác nhận mẫu hai ở xã nào?');
  });
});
