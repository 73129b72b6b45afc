// `tiepdan kb` end to end, in a child process on a fresh embedded database: add, list, re-add, remove.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotPath } from '../../support/global-setup.js';
import { REPO_ROOT } from '../../support/shared-data.js';

const run = promisify(execFile);
let dataDir: string;

async function kb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Never the developer's PostgreSQL: this test is about the embedded database in a temp folder.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'kb', ...args], {
      cwd: REPO_ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tiepdan kb', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-kb-cli-'));
    // Start from the migrated snapshot instead of letting the first command run initdb (seconds saved).
    const snapshot = new Blob([await readFile(await snapshotPath())]);
    const pglite = await PGlite.create(path.join(dataDir, 'pglite'), { loadDataDir: snapshot });
    await pglite.close();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('adds a folder and a file, reports counts and every broken file, and keeps going', async () => {
    const result = await kb('add', 'test/fixtures/knowledge/mixed', 'knowledge');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Đã thêm 9, cập nhật 0, không đổi 0 tài liệu; 5 lỗi.');
    expect(result.stdout).toContain('✗ test/fixtures/knowledge/mixed/hong.pdf: tệp PDF hỏng');
    expect(result.stdout).toContain(
      '✗ test/fixtures/knowledge/mixed/thieu-truong.json: hồ sơ thủ tục thiếu trường bắt buộc: ma_thu_tuc (mã thủ tục)',
    );
    // not a terminal: a plain progress line instead of a bar
    expect(result.stderr).toContain('Đang nạp: 11/11 tệp (100%)');
  });

  it('lists the documents as JSON', async () => {
    const json = await kb('list', '--json');
    expect(json.code).toBe(0);
    const documents = JSON.parse(json.stdout) as Array<{ code: string; chunkCount: number }>;
    expect(documents.map((d) => d.code)).toContain('416/KH-UBND');
    expect(documents).toHaveLength(9);
    expect(documents.every((d) => d.chunkCount > 0)).toBe(true);
  });

  it('does nothing when the same file is added again', async () => {
    const result = await kb('add', 'knowledge');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Đã thêm 0, cập nhật 0, không đổi 1 tài liệu; 0 lỗi.');
  });

  it('removes a document by code and says so when the code is unknown', async () => {
    const removed = await kb('remove', '416/KH-UBND');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Đã xoá tài liệu 416/KH-UBND.');
    const again = await kb('remove', '416/KH-UBND');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Không có tài liệu mã "416/KH-UBND"');
    const list = await kb('list');
    expect(list.stdout).toContain('Tổng cộng: 8 tài liệu.');
    expect(list.stdout).not.toContain('416/KH-UBND');
    expect(list.stdout).toMatch(/^9\.999001\tprocedure\txã\t6 đoạn\tXác nhận mẫu dùng cho kiểm thử$/m);
  });

  it('replaces what a changed file held: a document whose số hiệu changed is removed and named', async () => {
    const file = path.join(dataDir, 'ke-hoach.txt');
    const text = (so: string) =>
      `ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: ${so}\nKẾ HOẠCH\nTiếp công dân định kỳ năm 2026\n1. Lịch tiếp\nChủ tịch tiếp công dân vào ngày 15 hằng tháng.\n`;
    await writeFile(file, text('12/KH-UBND'));
    expect((await kb('add', file)).stdout).toContain('Đã thêm 1, cập nhật 0');
    await writeFile(file, text('13/KH-UBND'));
    const changed = await kb('add', file);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('Đã xoá 1 tài liệu không còn trong tệp của chúng:');
    expect(changed.stdout).toMatch(/- 12\/KH-UBND \(/);
    const codes = (JSON.parse((await kb('list', '--json')).stdout) as Array<{ code: string }>).map((d) => d.code);
    expect(codes).toContain('13/KH-UBND');
    expect(codes).not.toContain('12/KH-UBND');
  });
});
