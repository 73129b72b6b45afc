// What is embedded for a chunk, and the key that says whether that exact embedding already exists.
import { createHash } from 'node:crypto';
import type { IndexedChunk } from '../types.js';

/** Every id we write starts with this, so listing an index shared with other data finds only ours. */
export const VECTOR_ID_PREFIX = 'tiepdan:';

/**
 * Longest text sent for one chunk. Embedding models cap inputs (8,191 tokens for OpenAI's); Vietnamese
 * runs 2–3 characters per token, so 8,000 characters stays under every common limit.
 */
export const MAX_EMBEDDING_INPUT_CHARS = 8000;

/** The text embedded for a chunk: its document's title and its section give a bare passage its context. */
export function embeddingInput(chunk: Pick<IndexedChunk, 'title' | 'section' | 'text'>): string {
  const parts = [chunk.title, chunk.section === chunk.title ? '' : chunk.section, chunk.text].filter((p) => p !== '');
  return parts.join('\n').slice(0, MAX_EMBEDDING_INPUT_CHARS);
}

/**
 * Content key of a chunk's embedding: model + document code + embedded text. Chunk row ids change on every
 * re-import, so they cannot say whether a vector is still current; the content can. Same key ⇒ same vector.
 */
export function chunkVectorId(model: string, chunk: Pick<IndexedChunk, 'code' | 'title' | 'section' | 'text'>): string {
  const hash = createHash('sha256')
    .update(model)
    .update('\u0000')
    .update(chunk.code)
    .update('\u0000')
    .update(embeddingInput(chunk))
    .digest('hex')
    .slice(0, 40);
  return `${VECTOR_ID_PREFIX}${hash}`;
}
