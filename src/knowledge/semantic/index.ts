// Semantic retrieval: ports (Embedder, VectorIndex), embedding sync, semantic and hybrid retrievers.
export { chunkVectorId, embeddingInput, MAX_EMBEDDING_INPUT_CHARS, VECTOR_ID_PREFIX } from './chunk-key.js';
export type { Embedder } from './embedder.js';
export { createHybridRetriever, type HybridRetrieverOptions } from './hybrid-retriever.js';
export { createMemoryVectorIndex } from './memory-vector-index.js';
export { createSemanticRetriever, type SemanticRetrieverOptions } from './semantic-retriever.js';
export {
  type SyncEmbeddingsOptions,
  type SyncEmbeddingsProgress,
  type SyncEmbeddingsResult,
  syncEmbeddings,
} from './sync-embeddings.js';
export type { VectorIndex, VectorMatch, VectorQuery, VectorRecord } from './vector-index.js';
