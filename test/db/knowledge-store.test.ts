// The KnowledgeStore contract, run against every implementation: Prisma on embedded PGlite, Prisma on the
// machine's PostgreSQL (when reachable), and the in-memory store used by eval.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { createPrismaKnowledgeStore } from '../../src/db/stores/knowledge-store.js';
import { createMemoryKnowledgeStore } from '../../src/knowledge/ingest/index.js';
import type { DocumentDraft, KnowledgeStore } from '../../src/knowledge/types.js';
import { createPostgresTestDatabase, createTestDatabase, postgresAvailable } from '../support/database.js';

function draft(code: string, version: number, chunkCount = 3, extra: Partial<DocumentDraft> = {}): DocumentDraft {
  return {
    code,
    title: `Thủ tục ${code}`,
    kind: 'procedure',
    level: 'xã',
    field: 'Hộ tịch',
    url: `https://dichvucong.example.gov.vn/${code}`,
    sourcePath: `raw/${code}.json`,
    contentHash: `hash-${code}-v${version}`,
    meta: { version, missing: undefined },
    chunks: Array.from({ length: chunkCount }, (_, i) => ({
      section: `Mục ${i + 1}`,
      aspect: i === 0 ? 'tong_quan' : 'le_phi',
      text: `Phiên bản ${version}, đoạn ${i + 1}: lệ phí 10.000 đồng/lần.`,
    })),
    ...extra,
  };
}

interface Harness {
  store: KnowledgeStore;
  db?: Database;
  /** Back to an empty knowledge base (revision 0). */
  reset: () => Promise<void>;
  close: () => Promise<void>;
}

const postgres = await postgresAvailable();
if ('reason' in postgres) console.log(`PostgreSQL knowledge store suite skipped: ${postgres.reason}`);

function databaseHarness(db: Database, close: () => Promise<void>): Harness {
  return {
    store: createPrismaKnowledgeStore({ prisma: db.prisma }),
    db,
    reset: async () => {
      await db.sql.exec('TRUNCATE "Chunk", "Document", "KnowledgeRevision" RESTART IDENTITY CASCADE');
    },
    close,
  };
}

function memoryHarness(): Harness {
  const harness: Harness = {
    store: createMemoryKnowledgeStore(),
    reset: async () => {
      harness.store = createMemoryKnowledgeStore();
    },
    close: async () => {},
  };
  return harness;
}

const implementations: Array<[string, () => Promise<Harness>, boolean]> = [
  ['memory', async () => memoryHarness(), true],
  [
    'Prisma on PGlite',
    async () => {
      const db = await createTestDatabase();
      return databaseHarness(db, () => db.close());
    },
    true,
  ],
  [
    'Prisma on PostgreSQL',
    async () => {
      const { db, drop } = await createPostgresTestDatabase((postgres as { url: string }).url);
      return databaseHarness(db, drop);
    },
    'url' in postgres,
  ],
];

for (const [name, open, enabled] of implementations) {
  describe.skipIf(!enabled)(`KnowledgeStore contract: ${name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await open();
    });
    beforeEach(async () => {
      await h.reset();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('adds a document and serves its chunks joined with title, code, level and url', async () => {
      expect(await h.store.getRevision()).toBe(0);
      expect(await h.store.upsertDocument(draft('1.000001', 1))).toBe('added');
      expect(await h.store.getRevision()).toBe(1);
      expect(await h.store.countDocuments()).toBe(1);
      const chunks = await h.store.loadChunks();
      expect(chunks.map((c) => c.ordinal)).toEqual([0, 1, 2]);
      expect(chunks[1]).toMatchObject({
        code: '1.000001',
        title: 'Thủ tục 1.000001',
        kind: 'procedure',
        level: 'xã',
        url: 'https://dichvucong.example.gov.vn/1.000001',
        section: 'Mục 2',
        aspect: 'le_phi',
        text: 'Phiên bản 1, đoạn 2: lệ phí 10.000 đồng/lần.',
      });
      const [listed] = await h.store.listDocuments();
      expect(listed).toMatchObject({
        code: '1.000001',
        chunkCount: 3,
        contentHash: 'hash-1.000001-v1',
        field: 'Hộ tịch',
      });
    });

    it('serves the same chunks a page of documents at a time, in code order, then says there is no more', async () => {
      await h.store.upsertDocuments(
        ['1.000005', '1.000001', '1.000004', '1.000002', '1.000003'].map((c) => draft(c, 1)),
      );
      const all = await h.store.loadChunks();
      const pages: Array<{ codes: string[]; last?: string | undefined }> = [];
      let after: string | undefined;
      const paged = [];
      do {
        const page = await h.store.loadChunkPage(after, 2);
        pages.push({ codes: [...new Set(page.chunks.map((c) => c.code))], last: page.last });
        paged.push(...page.chunks);
        after = page.last;
      } while (after !== undefined);
      expect(pages).toEqual([
        { codes: ['1.000001', '1.000002'], last: '1.000002' },
        { codes: ['1.000003', '1.000004'], last: '1.000004' },
        { codes: ['1.000005'], last: undefined },
      ]);
      expect(paged).toEqual(all);
      expect(await h.store.loadChunkPage('1.000005', 2)).toEqual({ chunks: [], last: undefined });
    });

    it('does nothing for an unchanged document: same chunks, same revision', async () => {
      await h.store.upsertDocument(draft('1.000001', 1));
      const before = await h.store.loadChunks();
      const [listedBefore] = await h.store.listDocuments();
      expect(await h.store.upsertDocument(draft('1.000001', 1))).toBe('unchanged');
      expect(await h.store.getRevision()).toBe(1);
      expect((await h.store.loadChunks()).map((c) => c.chunkId)).toEqual(before.map((c) => c.chunkId));
      const [listedAfter] = await h.store.listDocuments();
      expect(listedAfter?.updatedAt.getTime()).toBe(listedBefore?.updatedAt.getTime());
    });

    it('replaces every old chunk of a changed document', async () => {
      await h.store.upsertDocument(draft('1.000001', 1, 3));
      await h.store.upsertDocument(draft('1.000002', 1, 2));
      const oldIds = new Set((await h.store.loadChunks()).filter((c) => c.code === '1.000001').map((c) => c.chunkId));
      expect(await h.store.upsertDocument(draft('1.000001', 2, 2))).toBe('updated');
      expect(await h.store.getRevision()).toBe(3);
      const chunks = await h.store.loadChunks();
      const mine = chunks.filter((c) => c.code === '1.000001');
      expect(mine.map((c) => c.text)).toEqual([
        'Phiên bản 2, đoạn 1: lệ phí 10.000 đồng/lần.',
        'Phiên bản 2, đoạn 2: lệ phí 10.000 đồng/lần.',
      ]);
      expect(mine.some((c) => oldIds.has(c.chunkId))).toBe(false);
      expect(chunks).toHaveLength(4);
      expect(chunks.filter((c) => c.code === '1.000002')).toHaveLength(2);
      expect((await h.store.listDocuments()).find((d) => d.code === '1.000001')?.contentHash).toBe('hash-1.000001-v2');
    });

    it('rewrites chunks of an unchanged document when forced (re-index)', async () => {
      await h.store.upsertDocument(draft('1.000001', 1));
      const before = (await h.store.loadChunks()).map((c) => c.chunkId);
      expect(await h.store.upsertDocument(draft('1.000001', 1), { force: true })).toBe('updated');
      const after = await h.store.loadChunks();
      expect(after).toHaveLength(3);
      expect(after.some((c) => before.includes(c.chunkId))).toBe(false);
      expect(await h.store.getRevision()).toBe(2);
    });

    it('upserts a batch and reports one outcome per draft, in order', async () => {
      await h.store.upsertDocuments([draft('A', 1), draft('B', 1)]);
      const revision = await h.store.getRevision();
      const outcomes = await h.store.upsertDocuments([draft('C', 1), draft('A', 1), draft('B', 2)]);
      expect(outcomes).toEqual(['added', 'unchanged', 'updated']);
      expect(await h.store.getRevision()).toBeGreaterThan(revision);
      expect(await h.store.countDocuments()).toBe(3);
      expect(await h.store.upsertDocuments([])).toEqual([]);
    });

    it('removes a document with its chunks and says whether it existed', async () => {
      await h.store.upsertDocuments([draft('A', 1), draft('B', 1)]);
      const revision = await h.store.getRevision();
      expect(await h.store.removeDocument('A')).toBe(true);
      expect(await h.store.getRevision()).toBe(revision + 1);
      expect(await h.store.removeDocument('A')).toBe(false);
      expect(await h.store.getRevision()).toBe(revision + 1);
      expect((await h.store.loadChunks()).map((c) => c.code)).toEqual(['B', 'B', 'B']);
      expect((await h.store.listDocuments()).map((d) => d.code)).toEqual(['B']);
    });

    it('removes, in the same write, the documents a re-read file no longer holds', async () => {
      const jsonl = { sourcePath: 'kb/hoi-dap.jsonl' };
      await h.store.upsertDocuments([draft('A', 1, 2, jsonl), draft('B', 1, 2, jsonl), draft('C', 1, 2)]);
      const revision = await h.store.getRevision();
      // line B deleted from the file: A comes back unchanged, B goes, C (another file) stays
      const outcomes = await h.store.upsertDocuments([draft('A', 1, 2, jsonl)], {
        replaceSources: [{ sourcePath: 'kb/hoi-dap.jsonl', keepCodes: ['A'] }],
      });
      expect(outcomes).toEqual(['unchanged']);
      expect((await h.store.listDocuments()).map((d) => d.code)).toEqual(['A', 'C']);
      expect(new Set((await h.store.loadChunks()).map((c) => c.code))).toEqual(new Set(['A', 'C']));
      expect(await h.store.getRevision()).toBe(revision + 1);
      // nothing left to remove: nothing written, same revision
      await h.store.upsertDocuments([draft('A', 1, 2, jsonl)], {
        replaceSources: [{ sourcePath: 'kb/hoi-dap.jsonl', keepCodes: ['A'] }],
      });
      expect(await h.store.getRevision()).toBe(revision + 1);
      // a document being written is never removed, even when the caller left it out of keepCodes
      expect(
        await h.store.upsertDocuments([draft('A', 2, 2, jsonl)], {
          replaceSources: [{ sourcePath: 'kb/hoi-dap.jsonl', keepCodes: [] }],
        }),
      ).toEqual(['updated']);
      expect((await h.store.listDocuments()).map((d) => d.code)).toEqual(['A', 'C']);
    });

    it('rewrites a document that moved to another file, even with the same content', async () => {
      await h.store.upsertDocument(draft('A', 1, 2, { sourcePath: 'kb/cu.jsonl' }));
      expect(await h.store.upsertDocument(draft('A', 1, 2, { sourcePath: 'kb/moi.jsonl' }))).toBe('updated');
      expect((await h.store.listDocuments())[0]?.sourcePath).toBe('kb/moi.jsonl');
    });

    it('serves every level of a procedure done at several, and none extra for a single-level one', async () => {
      await h.store.upsertDocuments([
        draft('A', 1, 2, { level: 'xã', levels: ['xã', 'tỉnh', 'trung ương'] }),
        draft('B', 1, 2, { level: 'tỉnh', levels: ['tỉnh'] }),
      ]);
      const chunks = await h.store.loadChunks();
      expect(chunks.filter((c) => c.code === 'A').map((c) => [c.level, c.levels])).toEqual([
        ['xã', ['xã', 'tỉnh', 'trung ương']],
        ['xã', ['xã', 'tỉnh', 'trung ương']],
      ]);
      expect(chunks.find((c) => c.code === 'B')?.levels).toBeUndefined();
    });

    it('bumps the revision on request', async () => {
      const before = await h.store.getRevision();
      expect(await h.store.bumpRevision()).toBe(before + 1);
      expect(await h.store.getRevision()).toBe(before + 1);
    });

    if (name !== 'memory') {
      it('keeps the old chunks when writing the new ones fails (one transaction)', async () => {
        await h.store.upsertDocument(draft('1.000001', 1, 3));
        const broken = draft('1.000001', 2, 3);
        // PostgreSQL refuses NUL in TEXT: the third insert fails after the old chunks were deleted.
        (broken.chunks[2] as { text: string }).text = 'hỏng\u0000';
        await expect(h.store.upsertDocument(broken)).rejects.toThrow();
        const chunks = await h.store.loadChunks();
        expect(chunks.map((c) => c.text)).toEqual([
          'Phiên bản 1, đoạn 1: lệ phí 10.000 đồng/lần.',
          'Phiên bản 1, đoạn 2: lệ phí 10.000 đồng/lần.',
          'Phiên bản 1, đoạn 3: lệ phí 10.000 đồng/lần.',
        ]);
        expect((await h.store.listDocuments())[0]?.contentHash).toBe('hash-1.000001-v1');
        expect(await h.store.getRevision()).toBe(1);
        expect(await h.db?.prisma.chunk.count()).toBe(3);
      });

      it('keeps the documents a file no longer holds when writing its new ones fails (same transaction)', async () => {
        const jsonl = { sourcePath: 'kb/hoi-dap.jsonl' };
        await h.store.upsertDocuments([draft('A', 1, 2, jsonl), draft('B', 1, 2, jsonl)]);
        const broken = draft('A', 2, 2, jsonl);
        (broken.chunks[1] as { text: string }).text = 'hỏng\u0000';
        await expect(
          h.store.upsertDocuments([broken], { replaceSources: [{ sourcePath: 'kb/hoi-dap.jsonl', keepCodes: ['A'] }] }),
        ).rejects.toThrow();
        expect((await h.store.listDocuments()).map((d) => [d.code, d.contentHash])).toEqual([
          ['A', 'hash-A-v1'],
          ['B', 'hash-B-v1'],
        ]);
        expect(await h.store.getRevision()).toBe(1);
      });
    }
  });
}
