// pgvector in embedded PGlite: the VectorIndex contract, a full sync + semantic search round trip, and the
// message when the extension is missing.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../src/db/index.js';
import { createPgvectorIndex } from '../../../src/db/stores/pgvector-index.js';
import { createOpenAiEmbedder } from '../../../src/knowledge/adapters/openai-embedder.js';
import { createMemoryKnowledgeStore } from '../../../src/knowledge/ingest/index.js';
import { createSemanticRetriever, syncEmbeddings, VECTOR_ID_PREFIX } from '../../../src/knowledge/semantic/index.js';
import { createPostgresTestDatabase, createTestDatabase, postgresAvailable } from '../../support/database.js';
import { FakeOpenAI } from '../../support/fake-openai.js';
import { snapshotPath } from '../../support/global-setup.js';
import { guardExternalNetwork, type NetworkGuard } from '../../support/no-external-network.js';
import { BUILDING, CONCEPTS, CORPUS, MARRIAGE, RESIDENCE } from '../ai-fixtures.js';

const DIMS = 48;
let db: Database;
let guard: NetworkGuard;
let openai: FakeOpenAI;

function unit(...values: number[]): number[] {
  const v = new Array<number>(DIMS).fill(0);
  values.forEach((x, i) => {
    v[i] = x;
  });
  return v;
}

beforeAll(async () => {
  guard = guardExternalNetwork();
  openai = new FakeOpenAI({ dimensions: DIMS, concepts: CONCEPTS });
  await openai.start();
  const snapshot = new Blob([await readFile(await snapshotPath())]);
  db = await openDatabase({ dataDir: 'memory://', pgliteSnapshot: snapshot, vector: true });
});
afterAll(async () => {
  await db?.close();
  await openai?.close();
  guard.restore();
  expect(guard.blocked).toEqual([]);
});

describe('pgvector index in PGlite', () => {
  it('creates its table at first use and honours upsert, query with a code filter, list and delete', async () => {
    const index = createPgvectorIndex({ prisma: db.prisma, dimensions: DIMS });
    await index.upsert([
      { id: `${VECTOR_ID_PREFIX}a`, code: 'A', values: unit(1, 0) },
      { id: `${VECTOR_ID_PREFIX}b`, code: 'B', values: unit(0.8, 0.6) },
      { id: `${VECTOR_ID_PREFIX}c`, code: 'B', values: unit(0, 1) },
    ]);
    // upsert by id replaces
    await index.upsert([{ id: `${VECTOR_ID_PREFIX}a`, code: 'A', values: unit(-1, 0) }]);

    const all = await index.query(unit(1, 0), { topK: 3 });
    expect(all.map((m) => m.id)).toEqual([`${VECTOR_ID_PREFIX}b`, `${VECTOR_ID_PREFIX}c`, `${VECTOR_ID_PREFIX}a`]);
    expect(all[0]?.score).toBeCloseTo(0.8, 5);
    expect(all[2]?.score).toBeCloseTo(-1, 5);

    const onlyA = await index.query(unit(1, 0), { topK: 3, code: 'A' });
    expect(onlyA).toEqual([{ id: `${VECTOR_ID_PREFIX}a`, code: 'A', score: expect.closeTo(-1, 5) }]);

    expect((await index.listIds()).sort()).toEqual([
      `${VECTOR_ID_PREFIX}a`,
      `${VECTOR_ID_PREFIX}b`,
      `${VECTOR_ID_PREFIX}c`,
    ]);
    await index.delete([`${VECTOR_ID_PREFIX}a`, `${VECTOR_ID_PREFIX}c`]);
    expect(await index.listIds()).toEqual([`${VECTOR_ID_PREFIX}b`]);
    await index.delete([`${VECTOR_ID_PREFIX}b`]);

    const columns = await db.sql.exec(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'knowledge_embedding_${DIMS}'::regclass AND attname = 'embedding'`,
    );
    expect(columns).toEqual([{ type: `vector(${DIMS})` }]);
  });

  it('round trip: sync a knowledge base through the OpenAI client, then find a paraphrased question', async () => {
    const store = createMemoryKnowledgeStore();
    await store.upsertDocuments(CORPUS);
    const embedder = createOpenAiEmbedder({ model: 'bge-m3', dimensions: DIMS, baseURL: openai.url });
    const vectors = createPgvectorIndex({ prisma: db.prisma, dimensions: DIMS });

    const first = await syncEmbeddings({ store, embedder, vectors });
    expect(first).toMatchObject({ embedded: 9, deleted: 0 });
    expect(await syncEmbeddings({ store, embedder, vectors })).toMatchObject({ embedded: 0, unchanged: 9 });

    const retriever = createSemanticRetriever({ store, embedder, vectors, minScore: 0.1 });
    const result = await retriever.retrieve('Hai đứa muốn cưới nhau thì phải làm thủ tục gì?', { k: 3 });
    expect(result.abstained).toBe(false);
    expect(result.passages[0]?.code).toBe(MARRIAGE.code);

    const filtered = await retriever.retrieve('lệ phí bao nhiêu', { k: 5, code: RESIDENCE.code });
    expect(filtered.passages.length).toBeGreaterThan(0);
    expect(new Set(filtered.passages.map((p) => p.code))).toEqual(new Set([RESIDENCE.code]));

    await store.removeDocument(BUILDING.code);
    expect(await syncEmbeddings({ store, embedder, vectors })).toMatchObject({ embedded: 0, deleted: 3 });
    const rows = await db.sql.exec(
      `SELECT count(*)::int AS n FROM knowledge_embedding_${DIMS} WHERE code = '${BUILDING.code}'`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('without the extension, says in Vietnamese what to do instead of failing obscurely', async () => {
    const plain = await createTestDatabase();
    try {
      const index = createPgvectorIndex({ prisma: plain.prisma, dimensions: DIMS });
      const error = await index.listIds().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', userMessage: expect.stringContaining('pgvector') });
    } finally {
      await plain.close();
    }
  });

  it('on a PostgreSQL server without pgvector (this machine’s PostgreSQL 15), gives the same clear message', async (ctx) => {
    const pg = await postgresAvailable();
    if ('reason' in pg) {
      console.log(`skipped: ${pg.reason}`);
      ctx.skip();
      return;
    }
    const { db: server, drop } = await createPostgresTestDatabase(pg.url);
    try {
      const hasPgvector = await server.sql.exec("SELECT 1 AS ok FROM pg_available_extensions WHERE name = 'vector'");
      const index = createPgvectorIndex({ prisma: server.prisma, dimensions: DIMS });
      if (hasPgvector.length > 0) {
        // a server with pgvector: the same SQL as in PGlite works
        await index.upsert([{ id: `${VECTOR_ID_PREFIX}pg`, code: 'A', values: unit(1, 0) }]);
        expect(await index.listIds()).toEqual([`${VECTOR_ID_PREFIX}pg`]);
      } else {
        await expect(index.listIds()).rejects.toMatchObject({
          code: 'CONFIG_INVALID',
          userMessage: expect.stringContaining('pgvector'),
        });
      }
    } finally {
      await drop();
    }
  });
});
