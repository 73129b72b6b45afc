// Benchmark of the semantic layer's own code: embedding sync throughput and hybrid query overhead, against
// loopback fakes. It measures our code, the real openai/Pinecone clients and the vector stores — not a
// model: the fake "model" answers instantly, so real endpoints add their own latency on top.
// Run: npm run bench -- semantic, or npx tsx bench/suites/semantic.ts [--limit N] [--dims D] [--pgvector-limit N]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/db/index.js';
import { createPgvectorIndex } from '../../src/db/stores/pgvector-index.js';
import { createOpenAiEmbedder } from '../../src/knowledge/adapters/openai-embedder.js';
import { createPineconeVectorIndex } from '../../src/knowledge/adapters/pinecone-vector-index.js';
import { createMemoryKnowledgeStore, loadDocuments } from '../../src/knowledge/ingest/index.js';
import {
  createHybridRetriever,
  createMemoryVectorIndex,
  createSemanticRetriever,
  syncEmbeddings,
  type VectorIndex,
} from '../../src/knowledge/semantic/index.js';
import type { KnowledgeStore, RetrievalResult, Retriever } from '../../src/knowledge/types.js';
import { FakeOpenAI } from '../../test/support/fake-openai.js';
import { FakePinecone } from '../../test/support/fake-pinecone.js';
import { EVAL_DATA_DIR } from '../../test/support/shared-data.js';
import { percentile } from '../support/worker-rpc.js';

export interface SemanticBenchOptions {
  /** Procedure records to load (default: all). */
  limit?: number;
  /** Vector length of the fake model (default 256). */
  dims?: number;
  /** Chunks synced into pgvector (PGlite inserts into the HNSW index are the slow part; default 3,000). */
  pgvectorLimit?: number;
  questions?: number;
}

export interface SemanticBenchRow {
  name: string;
  value: number;
  unit: string;
  note: string;
}

async function timeSync(
  store: KnowledgeStore,
  embedder: ReturnType<typeof createOpenAiEmbedder>,
  vectors: VectorIndex,
) {
  const started = performance.now();
  const result = await syncEmbeddings({ store, embedder, vectors, batchSize: 128 });
  const ms = performance.now() - started;
  return { result, ms };
}

async function subsetStore(store: KnowledgeStore, maxChunks: number): Promise<KnowledgeStore> {
  const chunks = (await store.loadChunks()).slice(0, maxChunks);
  return { ...store, loadChunks: async () => chunks };
}

export async function runSemanticBench(options: SemanticBenchOptions = {}): Promise<SemanticBenchRow[]> {
  const dims = options.dims ?? 256;
  const rows: SemanticBenchRow[] = [];
  const openai = new FakeOpenAI({ dimensions: dims });
  const pinecone = new FakePinecone({ apiKey: 'bench', dimension: dims });
  await Promise.all([openai.start(), pinecone.start()]);
  try {
    const raw = path.join(EVAL_DATA_DIR, 'tthc-dichvucong', 'raw');
    const loaded = await loadDocuments([raw], { root: EVAL_DATA_DIR });
    const documents = options.limit ? loaded.documents.slice(0, options.limit) : loaded.documents;
    const store = createMemoryKnowledgeStore();
    await store.upsertDocuments(documents);
    const chunkCount = (await store.loadChunks()).length;
    const embedder = createOpenAiEmbedder({ model: 'fake-bench', dimensions: dims, baseURL: openai.url });
    const label = `${documents.length} procedures, ${chunkCount} chunks, ${dims} dims`;

    const memory = createMemoryVectorIndex();
    const toMemory = await timeSync(store, embedder, memory);
    rows.push({ name: 'sync → memory index', value: chunkCount / (toMemory.ms / 1000), unit: 'chunks/s', note: label });
    const resync = await timeSync(store, embedder, memory);
    rows.push({
      name: 're-sync, nothing changed',
      value: resync.ms,
      unit: 'ms',
      note: `${resync.result.embedded} embedded`,
    });

    const pc = createPineconeVectorIndex({ apiKey: 'bench', host: pinecone.url });
    const toPinecone = await timeSync(store, embedder, pc);
    rows.push({
      name: 'sync → Pinecone client + fake',
      value: chunkCount / (toPinecone.ms / 1000),
      unit: 'chunks/s',
      note: label,
    });

    const pgLimit = Math.min(options.pgvectorLimit ?? 3000, chunkCount);
    const db = await openDatabase({ dataDir: 'memory://', vector: true });
    try {
      const pg = createPgvectorIndex({ prisma: db.prisma, dimensions: dims });
      const toPg = await timeSync(await subsetStore(store, pgLimit), embedder, pg);
      rows.push({
        name: 'sync → pgvector (PGlite, HNSW)',
        value: pgLimit / (toPg.ms / 1000),
        unit: 'chunks/s',
        note: `${pgLimit} chunks, ${dims} dims`,
      });
      const queryVector = openai.embed('lệ phí đăng ký thường trú');
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        await pg.query(queryVector, { topK: 20 });
        times.push(performance.now() - t);
      }
      rows.push({
        name: 'pgvector top-20 query p50',
        value: percentile(times, 50),
        unit: 'ms',
        note: `${pgLimit} vectors`,
      });
      rows.push({
        name: 'pgvector top-20 query p95',
        value: percentile(times, 95),
        unit: 'ms',
        note: `${pgLimit} vectors`,
      });
    } finally {
      await db.close();
    }

    // Hybrid overhead: a lexical side that answers instantly, so the time is embedding the question over
    // HTTP (openai client + fake), the vector search, mapping ids to chunks, and fusion.
    const instantLexical: Retriever = {
      async retrieve(): Promise<RetrievalResult> {
        return { passages: [], abstained: false, aspect: 'none' };
      },
    };
    const questionsFile = await readFile(path.join(EVAL_DATA_DIR, 'procedure-qa', 'dev.jsonl'), 'utf8');
    const questions = questionsFile
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { question: string }).question)
      .slice(0, options.questions ?? 200);
    const embedTimes: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      await embedder.embedQuery(q);
      embedTimes.push(performance.now() - t);
    }
    rows.push({
      name: 'question embedding round trip p50',
      value: percentile(embedTimes, 50),
      unit: 'ms',
      note: 'LangChain/openai client + in-process fake over HTTP',
    });
    for (const [name, vectors] of [
      ['memory', memory],
      ['Pinecone fake', pc],
    ] as const) {
      const hybrid = createHybridRetriever({
        lexical: instantLexical,
        semantic: createSemanticRetriever({ store, embedder, vectors }),
      });
      await hybrid.retrieve('khởi động'); // builds the id → chunk map once
      const times: number[] = [];
      for (const q of questions) {
        const t = performance.now();
        await hybrid.retrieve(q, { k: 10 });
        times.push(performance.now() - t);
      }
      rows.push({
        name: `hybrid query overhead p50 (${name})`,
        value: percentile(times, 50),
        unit: 'ms',
        note: `${questions.length} dev questions, ${chunkCount} vectors`,
      });
      rows.push({
        name: `hybrid query overhead p95 (${name})`,
        value: percentile(times, 95),
        unit: 'ms',
        note: 'includes the embedding round trip; exact cosine scan in JS',
      });
    }
  } finally {
    await Promise.all([openai.close(), pinecone.close()]);
  }
  return rows;
}

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  return v ? Number(v) : undefined;
}

/** Entry point for `npm run bench -- semantic` (BENCH_SEMANTIC_LIMIT, BENCH_SEMANTIC_DIMS, BENCH_PGVECTOR_LIMIT). */
export async function run(options: SemanticBenchOptions = {}): Promise<void> {
  const rows = await runSemanticBench({
    limit: options.limit ?? envNumber('BENCH_SEMANTIC_LIMIT'),
    dims: options.dims ?? envNumber('BENCH_SEMANTIC_DIMS'),
    pgvectorLimit: options.pgvectorLimit ?? envNumber('BENCH_PGVECTOR_LIMIT'),
  });
  console.log(
    '\nSemantic layer — our code and the real openai/Pinecone clients against loopback fakes (no model is measured)',
  );
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(42)} ${r.value.toFixed(1).padStart(10)} ${r.unit.padEnd(9)} ${r.note}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run({ limit: arg('limit'), dims: arg('dims'), pgvectorLimit: arg('pgvector-limit') });
}
