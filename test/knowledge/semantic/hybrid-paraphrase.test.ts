// Hybrid retrieval with the real lexical ranker (K2's) and real embedding/Pinecone clients against fakes:
// a paraphrase the lexical ranker misranks is found, and the lexical abstention still holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder } from '../../../src/knowledge/adapters/openai-embedder.js';
import { createPineconeVectorIndex } from '../../../src/knowledge/adapters/pinecone-vector-index.js';
import { createMemoryKnowledgeStore } from '../../../src/knowledge/ingest/index.js';
import { LexicalIndex } from '../../../src/knowledge/search/lexical-index.js';
import { LexicalRetriever } from '../../../src/knowledge/search/lexical-retriever.js';
import {
  createHybridRetriever,
  createSemanticRetriever,
  syncEmbeddings,
} from '../../../src/knowledge/semantic/index.js';
import type { Retriever } from '../../../src/knowledge/types.js';
import { loadSynonyms } from '../../../src/knowledge/vietnamese/index.js';
import { FakeOpenAI } from '../../support/fake-openai.js';
import { FakePinecone } from '../../support/fake-pinecone.js';
import { guardExternalNetwork, type NetworkGuard } from '../../support/no-external-network.js';
import { REPO_ROOT } from '../../support/shared-data.js';
import { BUILDING, CORPUS, procedure, RESIDENCE } from '../ai-fixtures.js';

/**
 * Neighbours of permanent residence, so the corpus is not three unrelated procedures. (With three documents
 * any document is in every top 3, and rank fusion of [B, R] with [R, B] is a tie by construction.)
 */
const TEMPORARY = procedure('1.004194', 'Đăng ký tạm trú', [
  ['ho_so', 'Thành phần hồ sơ', 'Tờ khai thay đổi thông tin cư trú; giấy tờ, tài liệu chứng minh chỗ ở hợp pháp.'],
  ['thoi_han', 'Thời hạn giải quyết', '03 ngày làm việc kể từ ngày nhận đủ hồ sơ.'],
]);
const RESIDENCE_REMOVAL = procedure('1.004206', 'Xóa đăng ký thường trú', [
  ['ho_so', 'Thành phần hồ sơ', 'Tờ khai thay đổi thông tin cư trú; văn bản đề nghị xóa đăng ký thường trú.'],
  ['thoi_han', 'Thời hạn giải quyết', '01 ngày làm việc.'],
]);
const RESIDENCE_CONFIRMATION = procedure('1.004227', 'Xác nhận thông tin về cư trú', [
  ['ho_so', 'Thành phần hồ sơ', 'Tờ khai thay đổi thông tin cư trú.'],
  ['thoi_han', 'Thời hạn giải quyết', '01 ngày làm việc.'],
]);

const DIMS = 128;
let guard: NetworkGuard;
let openai: FakeOpenAI;
let pinecone: FakePinecone;
let lexical: Retriever;
let hybrid: Retriever;
let semantic: Retriever;

const codes = (passages: Array<{ code: string }>) => [...new Set(passages.map((p) => p.code))];

beforeAll(async () => {
  guard = guardExternalNetwork();
  // the fake model knows that "ở hẳn" (to live somewhere for good) means permanent residence, which
  // neither the words of the record nor the staff's synonyms file say
  openai = new FakeOpenAI({ dimensions: DIMS, concepts: { 'o han': 'thuong tru' } });
  pinecone = new FakePinecone({ apiKey: 'pc-key', dimension: DIMS });
  await Promise.all([openai.start(), pinecone.start()]);

  const store = createMemoryKnowledgeStore();
  await store.upsertDocuments([...CORPUS, TEMPORARY, RESIDENCE_REMOVAL, RESIDENCE_CONFIRMATION]);
  const synonyms = await loadSynonyms(`${REPO_ROOT}/knowledge/synonyms.txt`);
  lexical = new LexicalRetriever({ index: LexicalIndex.build(await store.loadChunks()), synonyms });
  const embedder = createOpenAiEmbedder({
    model: 'text-embedding-3-small',
    dimensions: DIMS,
    apiKey: 'sk-x',
    baseURL: openai.url,
  });
  const vectors = createPineconeVectorIndex({ apiKey: 'pc-key', host: pinecone.url, maxRetries: 0 });
  await syncEmbeddings({ store, embedder, vectors });
  semantic = createSemanticRetriever({ store, embedder, vectors });
  hybrid = createHybridRetriever({ lexical, semantic });
});
afterAll(async () => {
  await Promise.all([openai?.close(), pinecone?.close()]);
  guard.restore();
  expect(guard.blocked).toEqual([]);
});

describe('hybrid retrieval over the lexical ranker', () => {
  it('puts first the procedure a paraphrase is about, where the lexical ranker put another one first', async () => {
    const question = 'Muốn về ở hẳn nhà chồng thì làm giấy tờ gì?';
    const lexicalResult = await lexical.retrieve(question);
    expect(lexicalResult.abstained).toBe(false);
    expect(codes(lexicalResult.passages)[0]).toBe(BUILDING.code); // "nhà" matched the building permit

    const result = await hybrid.retrieve(question);
    const semanticResult = await semantic.retrieve(question);
    expect(codes(semanticResult.passages)[0]).toBe(RESIDENCE.code);

    expect(result.abstained).toBe(false);
    expect(codes(result.passages)[0]).toBe(RESIDENCE.code);
    expect(result.aspect).toBe(lexicalResult.aspect);
  });

  it('keeps the lexical ranking when both sides agree', async () => {
    const question = 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ là bao nhiêu?';
    const result = await hybrid.retrieve(question);
    expect(codes(result.passages)[0]).toBe(BUILDING.code);
    expect(result.passages[0]?.aspect).toBe('le_phi');
  });

  it('still abstains on an off-topic question: a semantic neighbour is not enough to answer', async () => {
    const question = 'Giá vàng hôm nay bao nhiêu một chỉ?';
    expect((await lexical.retrieve(question)).abstained).toBe(true);
    expect((await hybrid.retrieve(question)).abstained).toBe(true);
  });
});
