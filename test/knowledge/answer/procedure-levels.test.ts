// A procedure carried out at several levels is answered with all of them, not only the lowest: through the
// in-memory store, the database store on PGlite, and an index restored from its snapshot.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/index.js';
import { createPrismaKnowledgeStore } from '../../../src/db/stores/knowledge-store.js';
import {
  addDocuments,
  answerQuestion,
  createExtractiveWriter,
  createMemoryKnowledgeStore,
  type KnowledgeStore,
  openKnowledgeSearch,
} from '../../../src/knowledge/index.js';
import { createTestDatabase } from '../../support/database.js';
import { REPO_ROOT } from '../../support/shared-data.js';

// "Cấp tỉnh, Cấp xã"
const RECORD = 'test/fixtures/knowledge/mixed/thu-tuc-mau.json';
const QUESTION = 'xác nhận mẫu dùng cho kiểm thử cần giấy tờ gì';

async function ask(store: KnowledgeStore, dataDir?: string) {
  const search = await openKnowledgeSearch({ store, dataDir });
  const answer = await answerQuestion({
    question: QUESTION,
    retriever: search.retriever,
    writer: createExtractiveWriter(),
  });
  return { answer, origin: search.origin };
}

let db: Database;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-levels-'));
});
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('answers about a procedure done at several levels', () => {
  it.each([
    ['memory store', async () => createMemoryKnowledgeStore()],
    ['database store on PGlite', async () => createPrismaKnowledgeStore({ prisma: db.prisma })],
  ])('name every level in the heading (%s)', async (_name, open) => {
    const store = await open();
    await addDocuments({ store, paths: [RECORD], root: REPO_ROOT });
    const { answer } = await ask(store);
    expect(answer.docCodes[0]).toBe('9.999001');
    expect(answer.text.split('\n').at(-2)).toBe('Thủ tục «Xác nhận mẫu dùng cho kiểm thử» (cấp tỉnh, cấp xã)');
  });

  it('keeps the levels in the search index snapshot', async () => {
    const store = createMemoryKnowledgeStore();
    await addDocuments({ store, paths: [RECORD], root: REPO_ROOT });
    expect((await ask(store, dataDir)).origin).toBe('built');
    const restored = await ask(store, dataDir);
    expect(restored.origin).toBe('snapshot');
    expect(restored.answer.text.split('\n').at(-2)).toBe('Thủ tục «Xác nhận mẫu dùng cho kiểm thử» (cấp tỉnh, cấp xã)');
  });
});
