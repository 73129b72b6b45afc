// Brings a vector index in line with the knowledge base: embeds only chunks it lacks, deletes vectors no chunk needs.
import type { IndexedChunk, KnowledgeStore } from '../types.js';
import { chunkVectorId, embeddingInput } from './chunk-key.js';
import type { Embedder } from './embedder.js';
import type { VectorIndex, VectorRecord } from './vector-index.js';

export interface SyncEmbeddingsProgress {
  /** Chunks embedded so far in this run. */
  embedded: number;
  /** Chunks this run has to embed. */
  toEmbed: number;
}

export interface SyncEmbeddingsOptions {
  store: Pick<KnowledgeStore, 'loadChunks'>;
  embedder: Embedder;
  vectors: VectorIndex;
  /** Texts per embedding request (default 64). */
  batchSize?: number;
  /** Characters per embedding request, whatever the count (default 120,000: well under 300k-token request caps). */
  maxBatchChars?: number;
  /** Ids per delete request (default 1000, Pinecone's limit). */
  deleteBatchSize?: number;
  onProgress?: (progress: SyncEmbeddingsProgress) => void;
}

export interface SyncEmbeddingsResult {
  /** Chunks in the knowledge base. */
  chunks: number;
  /** Distinct vectors the knowledge base needs (identical chunks share one). */
  wanted: number;
  embedded: number;
  /** Vectors already present for the current model and content. */
  unchanged: number;
  /** Stale vectors removed (changed or removed chunks, or another model's). */
  deleted: number;
}

interface Pending {
  id: string;
  code: string;
  input: string;
}

function batches(pending: Pending[], size: number, maxChars: number): Pending[][] {
  const out: Pending[][] = [];
  let current: Pending[] = [];
  let chars = 0;
  for (const item of pending) {
    if (current.length > 0 && (current.length >= size || chars + item.input.length > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += item.input.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function assertVectors(vectors: number[][], expected: number, dimensions: number): void {
  if (vectors.length !== expected) {
    throw new Error(`Embedding endpoint returned ${vectors.length} vectors for ${expected} inputs`);
  }
  for (const v of vectors) {
    if (v.length !== dimensions) {
      throw new Error(
        `Embedding endpoint returned ${v.length} dimensions, expected ${dimensions} (EMBEDDING_DIMENSIONS)`,
      );
    }
  }
}

/**
 * Embeds the chunks whose (model, code, text) key is missing from the index, batch by batch, upserting
 * each batch as soon as it is embedded (an interrupted run resumes where it stopped), then deletes the
 * vectors no current chunk has. Running it twice in a row embeds nothing the second time.
 */
export async function syncEmbeddings(options: SyncEmbeddingsOptions): Promise<SyncEmbeddingsResult> {
  const { store, embedder, vectors } = options;
  const chunks: IndexedChunk[] = await store.loadChunks();
  const wanted = new Map<string, Pending>();
  for (const chunk of chunks) {
    const id = chunkVectorId(embedder.model, chunk);
    if (!wanted.has(id)) wanted.set(id, { id, code: chunk.code, input: embeddingInput(chunk) });
  }
  const existing = new Set(await vectors.listIds());
  const pending = [...wanted.values()].filter((p) => !existing.has(p.id));

  let embedded = 0;
  options.onProgress?.({ embedded, toEmbed: pending.length });
  for (const batch of batches(pending, options.batchSize ?? 64, options.maxBatchChars ?? 120_000)) {
    const values = await embedder.embedDocuments(batch.map((p) => p.input));
    assertVectors(values, batch.length, embedder.dimensions);
    const records: VectorRecord[] = batch.map((p, i) => ({ id: p.id, code: p.code, values: values[i] as number[] }));
    await vectors.upsert(records);
    embedded += batch.length;
    options.onProgress?.({ embedded, toEmbed: pending.length });
  }

  const stale = [...existing].filter((id) => !wanted.has(id));
  const deleteBatch = options.deleteBatchSize ?? 1000;
  for (let i = 0; i < stale.length; i += deleteBatch) {
    await vectors.delete(stale.slice(i, i + deleteBatch));
  }
  return {
    chunks: chunks.length,
    wanted: wanted.size,
    embedded,
    unchanged: wanted.size - pending.length,
    deleted: stale.length,
  };
}
