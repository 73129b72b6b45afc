// The settings → implementation factory: defaults untouched, and the hybrid + LLM path end to end against fakes.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase } from '../../src/db/index.js';
import { createAiOptions, needsPgvector } from '../../src/knowledge/create-ai-options.js';
import { createMemoryKnowledgeStore } from '../../src/knowledge/ingest/index.js';
import type { RetrievalResult, Retriever } from '../../src/knowledge/types.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { FakePinecone } from '../support/fake-pinecone.js';
import { snapshotPath } from '../support/global-setup.js';
import { guardExternalNetwork, type NetworkGuard } from '../support/no-external-network.js';
import { BUILDING, CONCEPTS, CORPUS, captureLogger, MARRIAGE, recordingWriter } from './ai-fixtures.js';

const OPENAI_KEY = 'sk-test-factory-0123456789';
const PINECONE_KEY = 'pcsk_factory_0123456789';
let guard: NetworkGuard;
let openai: FakeOpenAI;
let pinecone: FakePinecone;

/** A lexical side that finds nothing for the paraphrase (as a word-matching ranker would). */
const abstainingLexical: Retriever = {
  async retrieve(): Promise<RetrievalResult> {
    return { passages: [], abstained: true, aspect: 'ho_so' };
  },
};

/** A lexical side that matches only the shared words "giấy tờ" and returns the building permit. */
function wordMatchingLexical(store: ReturnType<typeof createMemoryKnowledgeStore>): Retriever {
  return {
    async retrieve(): Promise<RetrievalResult> {
      const chunks = (await store.loadChunks()).filter((c) => c.code === BUILDING.code && c.aspect === 'ho_so');
      return { passages: chunks.map((c) => ({ ...c, score: 4.2 })), abstained: false, aspect: 'ho_so' };
    },
  };
}

/** A chat reply citing the passage of the marriage procedure, wherever retrieval placed it. */
function citeMarriage(body: Record<string, unknown>): string {
  const user = (body.messages as Array<{ content: string }>)[1]?.content ?? '';
  const n = /\[(\d+)\] Đăng ký kết hôn — mã 1\.000894 — cấp xã — Thành phần hồ sơ/.exec(user)?.[1];
  return `Cần tờ khai đăng ký kết hôn theo mẫu và giấy tờ chứng minh nhân thân của hai bên [${n}].`;
}

beforeAll(async () => {
  guard = guardExternalNetwork();
  openai = new FakeOpenAI({ apiKey: OPENAI_KEY, dimensions: 32, concepts: CONCEPTS });
  pinecone = new FakePinecone({ apiKey: PINECONE_KEY, dimension: 32 });
  await Promise.all([openai.start(), pinecone.start()]);
});
afterAll(async () => {
  await Promise.all([openai.close(), pinecone.close()]);
  guard.restore();
  expect(guard.blocked).toEqual([]);
});

describe('createAiOptions', () => {
  it('by default returns the lexical retriever and the extractive writer as they are, with nothing to sync', async () => {
    const config = loadConfig({});
    const extractive = recordingWriter();
    const ai = await createAiOptions({
      config,
      lexical: abstainingLexical,
      extractive,
      store: createMemoryKnowledgeStore(),
      logger: captureLogger().logger,
    });
    expect(ai.retriever).toBe(abstainingLexical);
    expect(ai.writer).toBe(extractive);
    expect(ai.sync).toBeUndefined();
    expect(ai.summary).toEqual({ retrieval: 'lexical', answers: 'extractive', vectorStore: undefined });
    expect(needsPgvector(config)).toBe(false);
  });

  it('hybrid retrieval on Pinecone + LLM answers: sync, find a paraphrase, answer it with a cited source', async () => {
    const config = loadConfig({
      ANSWER_MODE: 'llm',
      RETRIEVAL_MODE: 'hybrid',
      VECTOR_STORE: 'pinecone',
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.url,
      EMBEDDING_MODEL: 'text-embedding-3-small',
      EMBEDDING_DIMENSIONS: '32',
      PINECONE_API_KEY: PINECONE_KEY,
      PINECONE_HOST: pinecone.url,
    });
    const store = createMemoryKnowledgeStore();
    await store.upsertDocuments(CORPUS);
    const log = captureLogger();
    const lexical = wordMatchingLexical(store);
    const ai = await createAiOptions({ config, lexical, extractive: recordingWriter(), store, logger: log.logger });
    expect(ai.summary).toEqual({ retrieval: 'hybrid', answers: 'llm', vectorStore: 'pinecone' });

    // two overlapping calls run one after the other: the second finds everything embedded
    const [first, second] = await Promise.all([ai.sync?.(), ai.sync?.()]);
    expect(first).toMatchObject({ embedded: 9 });
    expect(second).toMatchObject({ embedded: 0, unchanged: 9 });
    expect(pinecone.vectors().size).toBe(9);

    // the fake model embeds "cưới nhau" as "kết hôn", as a real model places them close together
    const question = 'Hai đứa muốn cưới nhau thì cần giấy tờ gì?';
    expect((await lexical.retrieve(question)).passages.map((p) => p.code)).not.toContain(MARRIAGE.code);
    const retrieval = await ai.retriever.retrieve(question, { k: 5 });
    expect(retrieval.abstained).toBe(false);
    const documents = [...new Set(retrieval.passages.map((p) => p.code))];
    expect(documents.slice(0, 2)).toContain(MARRIAGE.code);

    openai.replyWith(citeMarriage);
    const answer = await ai.writer.write({ question, retrieval });
    expect(answer.text).toMatch(
      /^Cần tờ khai đăng ký kết hôn .* \[\d\]\.\n\nNguồn:\n\[\d\] Đăng ký kết hôn \(mã 1\.000894, Thành phần hồ sơ\)/,
    );
    expect(answer.sources).toEqual([expect.objectContaining({ code: MARRIAGE.code, section: 'Thành phần hồ sơ' })]);
    expect(log.text()).not.toContain(OPENAI_KEY);
    expect(log.text()).not.toContain(PINECONE_KEY);
  });

  it('hybrid retrieval on pgvector in embedded PGlite opened with the extension, against a keyless local server', async () => {
    const local = new FakeOpenAI({ dimensions: 32 });
    await local.start();
    const config = loadConfig({
      RETRIEVAL_MODE: 'hybrid',
      OPENAI_BASE_URL: local.url,
      EMBEDDING_MODEL: 'nomic-embed-text',
      EMBEDDING_DIMENSIONS: '32',
    });
    expect(needsPgvector(config)).toBe(true);
    const db = await openDatabase({
      dataDir: 'memory://',
      pgliteSnapshot: new Blob([await readFile(await snapshotPath())]),
      vector: needsPgvector(config),
    });
    try {
      const store = createMemoryKnowledgeStore();
      await store.upsertDocuments(CORPUS);
      const ai = await createAiOptions({
        config,
        lexical: abstainingLexical,
        extractive: recordingWriter(),
        store,
        logger: captureLogger().logger,
        db,
      });
      expect(ai.summary.vectorStore).toBe('pgvector');
      expect(await ai.sync?.()).toMatchObject({ embedded: 9 });
      const rows = await db.sql.exec('SELECT count(*)::int AS n FROM knowledge_embedding_32');
      expect(rows).toEqual([{ n: 9 }]);
      expect(local.requests[0]?.authorization).toBe('Bearer no-key');
    } finally {
      await db.close();
      await local.close();
    }
  });

  it('a local server needs no API key; api.openai.com does', () => {
    expect(() => loadConfig({ ANSWER_MODE: 'llm' })).toThrow(/OPENAI_API_KEY/);
    expect(loadConfig({ ANSWER_MODE: 'llm', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).answerMode).toBe('llm');
  });
});
