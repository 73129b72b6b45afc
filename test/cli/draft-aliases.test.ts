// `tiepdan kb add` with a language model configured drafts sample questions for new procedures, and
// `tiepdan kb draft-aliases` drafts the rest: the real openai client against a fake server on 127.0.0.1, the real
// embedded database, run in-process through runCli with a configuration of its own.
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { resolveFrom, withSink } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase } from '../../src/db/index.js';
import { loadAliases } from '../../src/knowledge/search/aliases.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { createDataDir } from './run-cli.js';

const fake = new FakeOpenAI();
let root: string;
let dataDir: string;

/** Runs one command line in this process, on the temp folder's database, with these settings. */
async function tiepdan(env: Record<string, string>, ...args: string[]) {
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: path.join(root, 'knowledge'), ...env }, root);
  const context: CliContext = {
    config: () => config,
    openDatabase: () => openDatabase({ dataDir: config.dataDir }),
    resolvePath: resolveFrom(root),
    knowledgeChanged: async () => undefined,
    inService: false,
    osUser: () => 'test',
    readStdin: async () => '',
  };
  let stdout = '';
  let stderr = '';
  const sink = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t), isTTY: false };
  const code = await withSink(sink, async () => {
    const exit = await runCli(args, context);
    return exit;
  });
  return { code, stdout, stderr };
}

const LLM = () => ({ ANSWER_MODE: 'llm', OPENAI_BASE_URL: fake.url, LLM_MODEL: 'fake-model' });

beforeAll(async () => {
  await fake.start();
  root = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-draft-aliases-'));
  dataDir = await createDataDir('tiepdan-draft-aliases-data-'); // migrated already: no initdb here
  await mkdir(path.join(root, 'knowledge', 'aliases'), { recursive: true });
  await mkdir(path.join(root, 'records'));
  await cp(
    path.join(REPO_ROOT, 'test/fixtures/knowledge/mixed/thu-tuc-mau.json'),
    path.join(root, 'records', 'thu-tuc-mau.json'),
  );
}, 120_000);
afterAll(async () => {
  await fake.close();
});

describe('draft sample questions with a language model', () => {
  it('says in Vietnamese that a model is needed, and drafts nothing, when none is configured', async () => {
    const result = await tiepdan({}, 'kb', 'draft-aliases');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Chưa cấu hình mô hình ngôn ngữ');
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it('kb add drafts the new procedure, unreviewed, and a second run asks the model nothing', async () => {
    fake.replyWith(
      '```json\n{"names": ["xác nhận mẫu"], "questions": ["Làm giấy xác nhận mẫu ở xã cần mang gì?"]}\n```',
    );
    const added = await tiepdan(LLM(), 'kb', 'add', 'records');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Đã thêm 1');
    expect(added.stdout).toContain('Đã soạn nháp cách gọi và câu hỏi mẫu cho 1 thủ tục');
    const request = fake.chatRequests()[0];
    expect(JSON.stringify(request?.body)).toContain('9.999001');
    const drafts = await readFile(path.join(root, 'knowledge', 'aliases', 'nhap-tu-dong.yaml'), 'utf8');
    expect(drafts).toContain('reviewed: false');
    const { entries } = await loadAliases(path.join(root, 'knowledge', 'aliases'));
    expect(entries.get('9.999001')?.questions).toEqual(['Làm giấy xác nhận mẫu ở xã cần mang gì?']);

    // the procedure has its draft now: running again asks the model nothing
    const again = await tiepdan(LLM(), 'kb', 'draft-aliases');
    expect(again.code).toBe(0);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('keeps the import when the model fails, and says which procedure got no draft', async () => {
    const record = JSON.parse(await readFile(path.join(root, 'records', 'thu-tuc-mau.json'), 'utf8'));
    await writeFile(
      path.join(root, 'records', 'thu-tuc-mau-2.json'),
      JSON.stringify({ ...record, ma_thu_tuc: '9.999002', ten_thu_tuc: 'Xác nhận mẫu thứ hai dùng cho kiểm thử' }),
    );
    fake.fail(500, { path: 'chat', times: 2 });
    const added = await tiepdan(LLM(), 'kb', 'add', 'records');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Đã thêm 1');
    expect(added.stdout).toContain('✗ 9.999002: không gọi được mô hình');
    const { entries } = await loadAliases(path.join(root, 'knowledge', 'aliases'));
    expect(entries.has('9.999002')).toBe(false);
  });

  it('refuses a limit that is not a positive number', async () => {
    const result = await tiepdan(LLM(), 'kb', 'draft-aliases', '--limit', 'abc');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--limit phải là một số nguyên dương');
  });
});
