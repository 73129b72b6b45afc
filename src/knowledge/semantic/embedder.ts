// Port: turns text into embedding vectors (an OpenAI-compatible endpoint in production, a fake in tests).

/** Anything that embeds text. Vectors of one embedder are only comparable with each other. */
export interface Embedder {
  /** Model name: part of every vector key, so switching models re-embeds everything. */
  readonly model: string;
  /** Length of every vector it returns. */
  readonly dimensions: number;
  /** One vector per text, same order. Callers batch; one call should be one request. */
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
