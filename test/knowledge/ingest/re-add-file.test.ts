// Re-adding a changed file replaces what it held (a new số hiệu, a deleted JSONL line), and a code that belongs
// to another file is not taken silently: through the real database store on PGlite and the in-memory store.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/index.js';
import { createPrismaKnowledgeStore } from '../../../src/db/stores/knowledge-store.js';
import { addDocuments, createMemoryKnowledgeStore } from '../../../src/knowledge/ingest/index.js';
import type { KnowledgeStore } from '../../../src/knowledge/types.js';
import { createTestDatabase } from '../../support/database.js';

const plan = (number: number, extra = '') =>
  `UỶ BAN NHÂN DÂN XÃ A\nSố: ${number}/KH-UBND\nKẾ HOẠCH\nTiếp công dân định kỳ tại trụ sở xã.${extra}\n`;
const line = (code: string, title: string) =>
  JSON.stringify({ code, title, text: `${title}: người dân được hướng dẫn tại bộ phận một cửa.` });

let db: Database | undefined;
const stores: Array<[string, () => Promise<KnowledgeStore>]> = [
  ['memory store', async () => createMemoryKnowledgeStore()],
  [
    'database store on PGlite',
    async () => {
      await db?.sql.exec('TRUNCATE "Chunk", "Document", "KnowledgeRevision" RESTART IDENTITY CASCADE');
      return createPrismaKnowledgeStore({ prisma: (db as Database).prisma });
    },
  ],
];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

for (const [name, open] of stores) {
  describe(`re-adding files (${name})`, () => {
    let root: string;
    let store: KnowledgeStore;
    const add = (...paths: string[]) => addDocuments({ store, paths, root });
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    const codes = async () => (await store.listDocuments()).map((d) => [d.code, d.sourcePath]);
    const answeredCodes = async () => [...new Set((await store.loadChunks()).map((c) => c.code))];

    beforeEach(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-readd-'));
      store = await open();
    });
    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });

    it('drops the old số hiệu when a file now prints a new one', async () => {
      await write('kb/kh.txt', plan(12));
      await add('kb');
      await write('kb/kh.txt', plan(13));
      const result = await add('kb');
      expect(result).toMatchObject({ added: 1, updated: 0, unchanged: 0, failed: [] });
      expect(result.removed).toEqual([{ code: '12/KH-UBND', sourcePath: 'kb/kh.txt' }]);
      expect(await codes()).toEqual([['13/KH-UBND', 'kb/kh.txt']]);
      expect(await answeredCodes()).toEqual(['13/KH-UBND']);
    });

    it('drops a document whose JSONL line was deleted, and leaves other files alone', async () => {
      await write('kb/hoi-dap.jsonl', [line('HD|1', 'Giờ làm việc'), line('HD|2', 'Nộp hồ sơ trực tuyến')].join('\n'));
      await write('kb/kh.txt', plan(12));
      await add('kb');
      const revision = await store.getRevision();
      await write('kb/hoi-dap.jsonl', line('HD|1', 'Giờ làm việc'));
      const result = await add('kb/hoi-dap.jsonl');
      expect(result).toMatchObject({ added: 0, updated: 0, unchanged: 1, failed: [] });
      expect(result.removed).toEqual([{ code: 'HD|2', sourcePath: 'kb/hoi-dap.jsonl' }]);
      expect(await codes()).toEqual([
        ['12/KH-UBND', 'kb/kh.txt'],
        ['HD|1', 'kb/hoi-dap.jsonl'],
      ]);
      expect(await store.getRevision()).toBeGreaterThan(revision);
      // re-adding the same file again changes nothing
      expect((await add('kb')).removed).toEqual([]);
    });

    it('removes nothing from a file it could not read whole', async () => {
      await write('kb/hoi-dap.jsonl', [line('HD|1', 'Giờ làm việc'), line('HD|2', 'Nộp hồ sơ trực tuyến')].join('\n'));
      await add('kb');
      // HD|2 may be the broken line: it stays until the file is fixed
      await write('kb/hoi-dap.jsonl', [line('HD|1', 'Giờ làm việc'), '{"code": "HD|2", "title": '].join('\n'));
      const result = await add('kb');
      expect(result.removed).toEqual([]);
      expect(result.failed.map((f) => f.path)).toEqual(['kb/hoi-dap.jsonl:2']);
      expect((await codes()).map(([code]) => code)).toEqual(['HD|1', 'HD|2']);
    });

    it('keeps a document whose code another, still existing file brings, and names the conflict', async () => {
      await write('kb/a.txt', plan(27, '\nBản gốc.'));
      await add('kb/a.txt');
      await write('kb/b.txt', plan(27, '\nBản khác.'));
      const result = await add('kb/b.txt');
      expect(result).toMatchObject({ added: 0, updated: 0, unchanged: 0, removed: [] });
      expect(result.failed).toEqual([
        {
          path: 'kb/b.txt',
          reason: 'xung đột: mã 27/KH-UBND đã thuộc tài liệu ở kb/a.txt; giữ tài liệu đã có, bỏ qua tài liệu này',
        },
      ]);
      expect(await codes()).toEqual([['27/KH-UBND', 'kb/a.txt']]);
      expect((await store.loadChunks()).map((c) => c.text).join('\n')).toContain('Bản gốc.');
    });

    it('takes a code over from a file that no longer exists', async () => {
      await write('kb/a.txt', plan(27, '\nBản gốc.'));
      await add('kb/a.txt');
      await rm(path.join(root, 'kb/a.txt'));
      await write('kb/b.txt', plan(27, '\nBản mới.'));
      const result = await add('kb/b.txt');
      expect(result).toMatchObject({ added: 0, updated: 1, failed: [], removed: [] });
      expect(await codes()).toEqual([['27/KH-UBND', 'kb/b.txt']]);
      expect((await store.loadChunks()).map((c) => c.text).join('\n')).toContain('Bản mới.');
    });

    it('follows a document moved from one re-added file to another', async () => {
      await write('kb/a.jsonl', [line('HD|1', 'Giờ làm việc'), line('HD|2', 'Nộp hồ sơ trực tuyến')].join('\n'));
      await write('kb/b.jsonl', line('HD|3', 'Tra cứu hồ sơ'));
      await add('kb');
      await write('kb/a.jsonl', line('HD|1', 'Giờ làm việc'));
      await write('kb/b.jsonl', [line('HD|2', 'Nộp hồ sơ trực tuyến'), line('HD|3', 'Tra cứu hồ sơ')].join('\n'));
      const result = await add('kb/b.jsonl', 'kb/a.jsonl');
      expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 2, removed: [], failed: [] });
      expect(await codes()).toEqual([
        ['HD|1', 'kb/a.jsonl'],
        ['HD|2', 'kb/b.jsonl'],
        ['HD|3', 'kb/b.jsonl'],
      ]);
    });
  });
}
