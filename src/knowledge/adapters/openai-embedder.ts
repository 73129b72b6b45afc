// Embedder adapter for any OpenAI-compatible embeddings endpoint, through LangChain's OpenAIEmbeddings.
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Embedder } from '../semantic/embedder.js';
import { toUpstreamError } from './upstream-error.js';

export interface OpenAiEmbedderOptions {
  model: string;
  dimensions: number;
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  /** Per request (default 60 s for documents; questions use `queryTimeoutMs`). */
  timeoutMs?: number;
  /** A question waits at most this long before hybrid retrieval goes lexical-only (default 5 s). */
  queryTimeoutMs?: number;
  /** Retries of a document batch (default 3; questions are never retried, they fall back instead). */
  maxRetries?: number;
}

const NO_KEY = 'no-key';

/**
 * OpenAI's text-embedding-3 models can shorten their vectors to `dimensions`; other models (and most
 * local servers) reject the parameter, so it is sent only to those models and checked on the way back.
 */
function acceptsDimensions(model: string): boolean {
  return /^text-embedding-3/.test(model);
}

export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const common = {
    model: options.model,
    apiKey: options.apiKey ?? NO_KEY,
    dimensions: acceptsDimensions(options.model) ? options.dimensions : undefined,
    // the caller batches; one embedDocuments call must stay one request
    batchSize: 2048,
    // newlines carry structure in administrative text (lists of documents); keep them
    stripNewLines: false,
    configuration: { baseURL: options.baseURL },
  };
  const documents = new OpenAIEmbeddings({
    ...common,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 3,
  });
  const queries = new OpenAIEmbeddings({ ...common, timeout: options.queryTimeoutMs ?? 5_000, maxRetries: 0 });

  function checked(vectors: ArrayLike<number>[]): number[][] {
    return vectors.map((v) => {
      if (v.length !== options.dimensions) {
        throw toUpstreamError(
          new Error(`the model returned ${v.length} dimensions but EMBEDDING_DIMENSIONS=${options.dimensions}`),
          'openai-embeddings',
          [options.apiKey],
        );
      }
      return Array.from(v);
    });
  }

  return {
    model: options.model,
    dimensions: options.dimensions,
    async embedDocuments(texts) {
      if (texts.length === 0) return [];
      try {
        return checked(await documents.embedDocuments(texts));
      } catch (error) {
        throw toUpstreamError(error, 'openai-embeddings', [options.apiKey]);
      }
    },
    async embedQuery(text) {
      try {
        return checked([await queries.embedQuery(text)])[0] as number[];
      } catch (error) {
        throw toUpstreamError(error, 'openai-embeddings', [options.apiKey]);
      }
    },
  };
}
