// GET/POST /api/ask through the real HTTP server of the whole service (in process, port 0, temp DATA_DIR).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir } from '../cli/run-cli.js';
import { REPO_ROOT } from '../support/shared-data.js';

let dataDir: string;
let service: Service;

async function start(): Promise<Service> {
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
      SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
    },
    REPO_ROOT,
  );
  return startService({ config, logger: createLogger({ level: 'silent' }) });
}

async function ask(query: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${service.url}/api/ask${query}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/api/ask', () => {
  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-http-ask-');
    service = await start();
  });
  afterAll(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers from the knowledge indexed on first start, with its sources', async () => {
    const q = encodeURIComponent('PAPI năm 2021 của Bắc Kạn được bao nhiêu điểm, xếp thứ mấy?');
    const { status, body } = await ask(`?q=${q}`);
    expect(status).toBe(200);
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('42,153/80');
    expect(body.sources).toEqual([expect.objectContaining({ code: '416/KH-UBND' })]);
    expect(body.documents).toEqual(['416/KH-UBND']);
    expect(body.focus).toMatchObject({ code: '416/KH-UBND' });
  });

  it('says plainly when nothing relevant is found', async () => {
    const { status, body } = await ask(`?q=${encodeURIComponent('Giá vàng SJC hôm nay bao nhiêu?')}`);
    expect(status).toBe(200);
    expect(body.abstained).toBe(true);
    expect(body.answer).toMatch(/chưa tìm thấy thông tin.*chuyển câu hỏi này tới cán bộ/s);
  });

  it('gives a clear Vietnamese message for bad input, never a crash', async () => {
    const missing = await ask('');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'BAD_INPUT', message: expect.stringContaining('Thiếu câu hỏi') });
    for (const q of ['', '😀🙏', '<b></b>']) {
      const r = await ask(`?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.answer).toMatch(/chưa nhận được câu hỏi/);
    }
    for (const q of ['\'; DROP TABLE "Document"; --', '<script>alert(1)</script>', 'Привет 你好 PAPI Bắc Kạn']) {
      const r = await ask(`?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(typeof r.body.answer).toBe('string');
      expect(r.body.answer).not.toContain('<script>');
    }
  });

  it('accepts long questions by POST and refuses 50,000 characters politely', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${service.url}/api/ask`, { method: 'POST', headers: { 'content-type': type }, body });
    const long = await post(JSON.stringify({ q: 'chỉ số PAPI '.repeat(5000).slice(0, 50_000) }));
    expect(long.status).toBe(200);
    expect(((await long.json()) as { answer: string }).answer).toMatch(/Câu hỏi quá dài/);
    const ok = await post(JSON.stringify({ q: 'quản trị điện tử Bắc Kạn năm 2021 được mấy điểm' }));
    expect(((await ok.json()) as { answer: string }).answer).toContain('2,58/10');
    const broken = await post('{not json');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/Không đọc được nội dung/);
    const form = await post(`q=${encodeURIComponent('PAPI Bắc Kạn 2021')}`, 'application/x-www-form-urlencoded');
    expect(form.status).toBe(200);
  });

  it('refuses a 50,000-character GET with a Vietnamese JSON message that points to POST', async () => {
    const huge = await fetch(`${service.url}/api/ask?q=${encodeURIComponent('chỉ số PAPI '.repeat(5000))}`);
    expect(huge.status).toBe(431);
    expect(huge.headers.get('content-type')).toContain('application/json');
    expect(((await huge.json()) as { message: string }).message).toMatch(/quá dài.*POST \/api\/ask/);
    // the server carries on
    const after = await ask(`?q=${encodeURIComponent('PAPI Bắc Kạn 2021')}`);
    expect(after.status).toBe(200);
  });

  it('restarts from the index snapshot kept in DATA_DIR', async () => {
    expect(existsSync(path.join(dataDir, 'search', 'search-index.bin'))).toBe(true);
    await service.stop();
    service = await start();
    const { body } = await ask(`?q=${encodeURIComponent('PAPI Bắc Kạn 2021 xếp thứ mấy')}`);
    expect(body.answer).toContain('34/63');
  });
});
