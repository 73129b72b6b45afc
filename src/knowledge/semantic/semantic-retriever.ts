// Retriever over embeddings: embeds the question, asks the vector index, maps vector ids back to current chunks.
import type { IndexedChunk, KnowledgeStore, Passage, RetrievalResult, RetrieveOptions, Retriever } from '../types.js';
import { chunkVectorId } from './chunk-key.js';
import type { Embedder } from './embedder.js';
import type { VectorIndex } from './vector-index.js';

export interface SemanticRetrieverOptions {
  store: Pick<KnowledgeStore, 'loadChunks' | 'getRevision'>;
  embedder: Embedder;
  vectors: VectorIndex;
  /**
   * Below this cosine similarity the best match counts as "nothing relevant". Uncalibrated: it depends on
   * the embedding model, and no model is reachable where this was written. Default 0.5.
   */
  minScore?: number;
  /** Vectors asked for per requested passage (default 2), since some may be stale or filtered out. */
  overfetch?: number;
}

/** The semantic side alone. Hybrid retrieval (hybrid-retriever.ts) is what the service uses. */
export function createSemanticRetriever(options: SemanticRetrieverOptions): Retriever {
  const { store, embedder, vectors } = options;
  const minScore = options.minScore ?? 0.5;
  const overfetch = options.overfetch ?? 2;
  let cache: { revision: number; byId: Map<string, IndexedChunk> } | undefined;

  // Chunk ids change on re-import, so vector ids are content keys; this map turns them back into chunks
  // of the current revision. A vector whose chunk is gone (sync not yet run) simply maps to nothing.
  async function chunksById(): Promise<Map<string, IndexedChunk>> {
    const revision = await store.getRevision();
    if (cache?.revision !== revision) {
      const byId = new Map<string, IndexedChunk>();
      for (const chunk of await store.loadChunks()) {
        const id = chunkVectorId(embedder.model, chunk);
        if (!byId.has(id)) byId.set(id, chunk);
      }
      cache = { revision, byId };
    }
    return cache.byId;
  }

  return {
    async retrieve(question: string, retrieveOptions: RetrieveOptions = {}): Promise<RetrievalResult> {
      const k = retrieveOptions.k ?? 10;
      const [vector, byId] = await Promise.all([embedder.embedQuery(question), chunksById()]);
      const matches = await vectors.query(vector, { topK: Math.max(k * overfetch, k), code: retrieveOptions.code });
      const passages: Passage[] = [];
      for (const match of [...matches].sort((a, b) => b.score - a.score)) {
        const chunk = byId.get(match.id);
        if (!chunk) continue;
        if (retrieveOptions.code !== undefined && chunk.code !== retrieveOptions.code) continue;
        passages.push({ ...chunk, score: match.score });
        if (passages.length >= k) break;
      }
      const best = passages[0]?.score ?? Number.NEGATIVE_INFINITY;
      return { passages, abstained: best < minScore, aspect: 'none' };
    },
  };
}
