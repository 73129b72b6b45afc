// Embedding sync with the real LangChain OpenAIEmbeddings and Pinecone clients against loopback fakes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder } from '../../../src/knowledge/adapters/openai-embedder.js';
import { createPineconeVectorIndex } from '../../../src/knowledge/adapters/pinecone-vector-index.js';
import { createMemoryKnowledgeStore } from '../../../src/knowledge/ingest/index.js';
import { chunkVectorId, createSemanticRetriever, syncEmbeddings } from '../../../src/knowledge/semantic/index.js';
import type { KnowledgeStore } from '../../../src/knowledge/types.js';
import { FakeOpenAI } from '../../support/fake-openai.js';
import { FakePinecone } from '../../support/fake-pinecone.js';
import { guardExternalNetwork, type NetworkGuard } from '../../support/no-external-network.js';
import { BUILDING, CORPUS, MARRIAGE, procedure, RESIDENCE } from '../ai-fixtures.js';

const OPENAI_KEY = 'sk-test-openai-0123456789abcdef';
const PINECONE_KEY = 'pcsk_test_pinecone_0123456789';
const DIMS = 64;

let guard: NetworkGuard;
let openai: FakeOpenAI;
let pinecone: FakePinecone;
let store: KnowledgeStore;

beforeAll(() => {
  guard = guardExternalNetwork();
});
afterAll(() => {
  guard.restore();
  expect(guard.blocked).toEqual([]);
});
beforeEach(async () => {
  openai = new FakeOpenAI({ apiKey: OPENAI_KEY, dimensions: DIMS });
  pinecone = new FakePinecone({ apiKey: PINECONE_KEY, dimension: DIMS, pageSize: 4 });
  await Promise.all([openai.start(), pinecone.start()]);
  store = createMemoryKnowledgeStore();
  await store.upsertDocuments(CORPUS);
});
afterEach(async () => {
  await Promise.all([openai.close(), pinecone.close()]);
});

function parts(model = 'text-embedding-3-small') {
  const embedder = createOpenAiEmbedder({ model, dimensions: DIMS, apiKey: OPENAI_KEY, baseURL: openai.url });
  const vectors = createPineconeVectorIndex({
    apiKey: PINECONE_KEY,
    index: 'tiepdan',
    host: pinecone.url,
    maxRetries: 0,
  });
  return { embedder, vectors };
}

describe('syncEmbeddings with OpenAI embeddings and Pinecone', () => {
  it('embeds every chunk once, in base64, and stores it under its content key with the document code', async () => {
    const { embedder, vectors } = parts();
    const result = await syncEmbeddings({ store, embedder, vectors, batchSize: 4 });

    expect(result).toMatchObject({ chunks: 9, wanted: 9, embedded: 9, unchanged: 0, deleted: 0 });
    const embeddingCalls = openai.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embeddingCalls).toHaveLength(3); // 4 + 4 + 1
    expect(embeddingCalls.every((r) => r.body.encoding_format === 'base64')).toBe(true);
    expect(embeddingCalls[0]?.body.dimensions).toBe(DIMS);
    expect(embeddingCalls[0]?.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(openai.embeddedTexts()[0]).toContain('Đăng ký kết hôn\nThành phần hồ sơ\nTờ khai');

    const stored = pinecone.vectors();
    expect(stored.size).toBe(9);
    const chunk = (await store.loadChunks()).find((c) => c.code === MARRIAGE.code && c.aspect === 'le_phi');
    const record = stored.get(chunkVectorId('text-embedding-3-small', chunk as NonNullable<typeof chunk>));
    expect(record?.metadata).toEqual({ code: MARRIAGE.code });
    // the base64 Float32 payload decoded to the fake's vector
    expect(record?.values[0]).toBeCloseTo(
      openai.embed(openai.embeddedTexts().find((t) => t.includes('Miễn lệ phí')) as string)[0] as number,
      5,
    );
  });

  it('a second run embeds nothing and writes nothing', async () => {
    const { embedder, vectors } = parts();
    await syncEmbeddings({ store, embedder, vectors });
    const before = {
      openai: openai.requests.length,
      upserts: pinecone.requestsTo('/vectors/upsert').length,
      lists: pinecone.requestsTo('/vectors/list').length,
    };

    const again = await syncEmbeddings({ store, embedder, vectors });

    expect(again).toMatchObject({ embedded: 0, unchanged: 9, deleted: 0 });
    expect(openai.requests.length).toBe(before.openai);
    expect(pinecone.requestsTo('/vectors/upsert').length).toBe(before.upserts);
    // the 9 ids were read in pages of 4, following the pagination token
    expect(pinecone.requestsTo('/vectors/list').length - before.lists).toBe(3);
  });

  it('after a document changes, re-embeds only its changed chunk and deletes the stale and removed vectors', async () => {
    const { embedder, vectors } = parts();
    await syncEmbeddings({ store, embedder, vectors });
    const oldIds = new Set(pinecone.vectors().keys());
    openai.requests.length = 0;
    pinecone.requests.length = 0;

    // the fee of permanent residence changes; building permits are withdrawn from the knowledge base
    const changed = procedure(RESIDENCE.code, RESIDENCE.title, [
      ['ho_so', 'Thành phần hồ sơ', RESIDENCE.chunks[0]?.text as string],
      ['thoi_han', 'Thời hạn giải quyết', RESIDENCE.chunks[1]?.text as string],
      ['le_phi', 'Lệ phí', '25.000 đồng/lần đăng ký khi nộp hồ sơ trực tiếp.'],
    ]);
    expect(await store.upsertDocument(changed)).toBe('updated');
    expect(await store.removeDocument(BUILDING.code)).toBe(true);

    const result = await syncEmbeddings({ store, embedder, vectors });

    expect(result).toMatchObject({ chunks: 6, embedded: 1, unchanged: 5, deleted: 4 });
    expect(openai.embeddedTexts()).toEqual([
      'Đăng ký thường trú\nLệ phí\n25.000 đồng/lần đăng ký khi nộp hồ sơ trực tiếp.',
    ]);
    const deleted = pinecone.requestsTo('/vectors/delete').flatMap((r) => r.body.ids as string[]);
    expect(deleted).toHaveLength(4);
    expect(deleted.every((id) => oldIds.has(id))).toBe(true);
    const remainingCodes = [...pinecone.vectors().values()].map((v) => v.metadata.code);
    expect(remainingCodes).not.toContain(BUILDING.code);
    expect(remainingCodes.filter((c) => c === RESIDENCE.code)).toHaveLength(3);
  });

  it('switching the embedding model re-embeds everything and removes the old model’s vectors', async () => {
    await syncEmbeddings({ store, ...parts('text-embedding-3-small') });
    const result = await syncEmbeddings({ store, ...parts('text-embedding-3-large') });
    expect(result).toMatchObject({ embedded: 9, deleted: 9 });
    expect(pinecone.vectors().size).toBe(9);
  });

  it('keeps what was stored when a batch fails, and the next run embeds only the rest', async () => {
    const { embedder, vectors } = parts();
    // 400 is not retried by the client: the second request of the run fails for good
    openai.fail(400, { path: 'embeddings', after: 1, message: 'bad batch' });
    await expect(syncEmbeddings({ store, embedder, vectors, batchSize: 4 })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
    });
    expect(pinecone.vectors().size).toBe(4);
    openai.requests.length = 0;

    const result = await syncEmbeddings({ store, embedder, vectors, batchSize: 4 });

    expect(result).toMatchObject({ embedded: 5, unchanged: 4 });
    expect(openai.embeddedTexts()).toHaveLength(5);
  });

  it('rejects vectors whose length does not match EMBEDDING_DIMENSIONS, naming the setting', async () => {
    // a model that ignores `dimensions`: the fake answers with its own 64, we expect 32
    const embedder = createOpenAiEmbedder({
      model: 'nomic-embed-text',
      dimensions: 32,
      apiKey: OPENAI_KEY,
      baseURL: openai.url,
    });
    const vectors = createPineconeVectorIndex({ apiKey: PINECONE_KEY, host: pinecone.url, maxRetries: 0 });
    await expect(syncEmbeddings({ store, embedder, vectors })).rejects.toThrow(/EMBEDDING_DIMENSIONS=32/);
    expect(openai.requests[0]?.body.dimensions).toBeUndefined();
    expect(pinecone.vectors().size).toBe(0);
  });
});

describe('semantic retrieval over Pinecone', () => {
  it('embeds the question once, filters by document code with $eq, and maps matches back to current chunks', async () => {
    const { embedder, vectors } = parts();
    await syncEmbeddings({ store, embedder, vectors });
    openai.requests.length = 0;
    pinecone.requests.length = 0;
    const retriever = createSemanticRetriever({ store, embedder, vectors, minScore: 0 });

    const result = await retriever.retrieve('lệ phí bao nhiêu tiền', { k: 2, code: RESIDENCE.code });

    expect(openai.embeddedTexts()).toEqual(['lệ phí bao nhiêu tiền']);
    const [query] = pinecone.requestsTo('/query');
    expect(query?.body).toMatchObject({ topK: 4, filter: { code: { $eq: RESIDENCE.code } }, includeMetadata: true });
    expect(result.passages).toHaveLength(2);
    expect(result.passages.every((p) => p.code === RESIDENCE.code)).toBe(true);
    expect(result.passages[0]?.aspect).toBe('le_phi');
    const chunkIds = new Set((await store.loadChunks()).map((c) => c.chunkId));
    expect(result.passages.every((p) => chunkIds.has(p.chunkId))).toBe(true);
  });

  it('fails with UPSTREAM_FAILED (and no key in the message) when Pinecone answers 500', async () => {
    const { embedder, vectors } = parts();
    pinecone.fail(500);
    const retriever = createSemanticRetriever({ store, embedder, vectors });
    const error = await retriever.retrieve('lệ phí').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', details: { service: 'pinecone' } });
    expect(String((error as Error).message)).not.toContain(PINECONE_KEY);
  });
});
