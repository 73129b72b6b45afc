// Port: where chunk embeddings are stored and searched (pgvector table or a Pinecone index).

/** One stored vector. `id` is the chunk's content key (see chunk-key.ts), `code` its document's code. */
export interface VectorRecord {
  id: string;
  code: string;
  values: number[];
}

export interface VectorMatch {
  id: string;
  code: string;
  /** Cosine similarity, higher is closer (1 = same direction). */
  score: number;
}

export interface VectorQuery {
  topK: number;
  /** Only vectors of this document (follow-up questions about one procedure). */
  code?: string | undefined;
}

/** A vector store as the semantic layer needs it. Implementations must be idempotent (upsert by id). */
export interface VectorIndex {
  /** Human-readable name for logs ("pgvector", "pinecone"). */
  readonly kind: string;
  upsert(records: VectorRecord[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  /** Every id this index holds for tiepdan: the source of truth for what is already embedded. */
  listIds(): Promise<string[]>;
  query(vector: number[], options: VectorQuery): Promise<VectorMatch[]>;
}
