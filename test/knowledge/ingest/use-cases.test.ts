// The ingestion use cases over the in-memory store: add (re-add, change, broken files), list, remove,
// reindex and the first-start indexing of knowledge/.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDocuments,
  createMemoryKnowledgeStore,
  ensureKnowledgeIndexed,
  listDocuments,
  reindexKnowledge,
  removeDocument,
} from '../../../src/knowledge/ingest/index.js';
import type { KnowledgeStore } from '../../../src/knowledge/types.js';
import { REPO_ROOT } from '../../support/shared-data.js';

let root: string;
let store: KnowledgeStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-kb-'));
  await cp(path.join(REPO_ROOT, 'test/fixtures/knowledge/mixed'), path.join(root, 'kb'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'knowledge/416-KH-UBND.txt'), path.join(root, 'knowledge/416-KH-UBND.txt'));
  store = createMemoryKnowledgeStore();
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('addDocuments', () => {
  it('adds the good files, names the broken ones, and reports progress to the end', async () => {
    const progress: number[] = [];
    const result = await addDocuments({ store, paths: ['kb'], root, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ added: 8, updated: 0, unchanged: 0 });
    expect(result.failed.map((f) => f.path).sort()).toEqual(
      ['kb/ghi-chu.rtf', 'kb/hoi-dap.jsonl:2', 'kb/hoi-dap.jsonl:3', 'kb/hong.pdf', 'kb/thieu-truong.json'].sort(),
    );
    expect(progress.at(-1)).toBe(10);
    expect(await store.countDocuments()).toBe(8);
  });

  it('leaves unchanged files alone and replaces a changed one', async () => {
    await addDocuments({ store, paths: ['kb', 'knowledge'], root });
    const revision = await store.getRevision();
    const again = await addDocuments({ store, paths: ['kb', 'knowledge'], root });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 9 });
    expect(await store.getRevision()).toBe(revision);

    const file = path.join(root, 'kb/phu-luc/thong-bao.txt');
    await writeFile(file, `${await readFile(file, 'utf8')}\nBổ sung: chiều thứ Sáu tiếp công dân tại xã.\n`);
    const changed = await addDocuments({ store, paths: ['kb'], root });
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 7 });
    const texts = (await store.loadChunks()).filter((c) => c.code === 'thong-bao').map((c) => c.text);
    expect(texts.join('\n')).toContain('chiều thứ Sáu tiếp công dân');
  });

  it('keeps the first of two files with the same code and names the second', async () => {
    await writeFile(path.join(root, 'kb/ban-sao.txt'), 'Số: 27/HD-UBND\nBản sao trùng số hiệu.\n');
    const result = await addDocuments({ store, paths: ['kb/huong-dan-nop-truc-tuyen.docx', 'kb/ban-sao.txt'], root });
    expect(result.added).toBe(1);
    expect(result.failed).toEqual([
      {
        path: 'kb/ban-sao.txt',
        reason: 'mã 27/HD-UBND trùng với tài liệu ở kb/huong-dan-nop-truc-tuyen.docx; chỉ giữ tài liệu đầu tiên',
      },
    ]);
  });

  it('skips a text file that is not UTF-8 (Windows-1258 here) instead of importing a garbled title', async () => {
    // "Số: 12/KH-UBND / Kế hoạch tiếp công dân" as Vietnamese Windows (cp1258) bytes
    const cp1258 = Buffer.from('S\xf4\xec: 12/KH-UBND\nK\xea\xec ho\xb5ch ti\xeap c\xf4ng d\xe2n\n', 'latin1');
    await writeFile(path.join(root, 'kb/ke-hoach-cu.txt'), cp1258);
    await writeFile(path.join(root, 'kb/ghi-chu-cu.md'), Buffer.concat([Buffer.from('# Ghi chú\n'), cp1258]));
    const result = await addDocuments({ store, paths: ['kb'], root });
    expect(result.added).toBe(8);
    const reasons = Object.fromEntries(result.failed.map((f) => [f.path, f.reason]));
    for (const file of ['kb/ke-hoach-cu.txt', 'kb/ghi-chu-cu.md'])
      expect(reasons[file]).toMatch(/^không phải văn bản UTF-8 .*lưu lại tệp với mã hoá UTF-8/);
    expect((await store.listDocuments()).map((d) => d.sourcePath)).not.toContain('kb/ke-hoach-cu.txt');
  });
});

describe('listDocuments and removeDocument', () => {
  it('lists what was added and removes by code', async () => {
    await addDocuments({ store, paths: ['knowledge', 'kb/thu-tuc-mau.json'], root });
    expect((await listDocuments({ store })).map((d) => [d.code, d.kind, d.sourcePath])).toEqual([
      ['416/KH-UBND', 'plan', 'knowledge/416-KH-UBND.txt'],
      ['9.999001', 'procedure', 'kb/thu-tuc-mau.json'],
    ]);
    expect(await removeDocument({ store, code: ' 416/KH-UBND ' })).toBe(true);
    expect(await removeDocument({ store, code: '416/KH-UBND' })).toBe(false);
    expect((await listDocuments({ store })).map((d) => d.code)).toEqual(['9.999001']);
  });
});

describe('reindexKnowledge', () => {
  it('re-chunks every document from its source even when unchanged, and bumps the revision', async () => {
    await addDocuments({ store, paths: ['kb', 'knowledge'], root });
    const before = await store.loadChunks();
    const revision = await store.getRevision();
    await rm(path.join(root, 'kb/quy-che-tiep-cong-dan.md'));
    const result = await reindexKnowledge({ store, root });
    expect(result.reindexed).toBe(8);
    expect(result.kept).toEqual([
      {
        code: '08/QC-UBND',
        sourcePath: 'kb/quy-che-tiep-cong-dan.md',
        reason: 'tệp nguồn không còn, giữ nguyên bản đã lưu',
      },
    ]);
    expect(result.revision).toBeGreaterThan(revision);
    const after = await store.loadChunks();
    expect(after).toHaveLength(before.length);
    const rewritten = after.filter((c) => c.code === '416/KH-UBND');
    expect(rewritten.some((c) => before.some((b) => b.chunkId === c.chunkId))).toBe(false);
    expect(after.filter((c) => c.code === '08/QC-UBND').map((c) => c.chunkId)).toEqual(
      before.filter((c) => c.code === '08/QC-UBND').map((c) => c.chunkId),
    );
  });
});

describe('ensureKnowledgeIndexed', () => {
  it('indexes the knowledge folder when the knowledge base is empty, and only then', async () => {
    const first = await ensureKnowledgeIndexed({ store, knowledgeDir: 'knowledge', root });
    expect(first).toMatchObject({ indexed: true, added: 1, documents: 1 });
    expect((await store.loadChunks())[0]?.code).toBe('416/KH-UBND');
    const second = await ensureKnowledgeIndexed({ store, knowledgeDir: 'knowledge', root });
    expect(second).toEqual({ indexed: false, reason: 'not_empty', documents: 1 });
  });

  it('does nothing when the folder does not exist', async () => {
    expect(await ensureKnowledgeIndexed({ store, knowledgeDir: 'khong-co', root })).toEqual({
      indexed: false,
      reason: 'no_folder',
      documents: 0,
    });
  });
});
