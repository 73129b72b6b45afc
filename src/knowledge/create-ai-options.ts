// Chooses the retriever and the answer writer from the settings: lexical + extractive by default, with
// hybrid retrieval (pgvector or Pinecone) and LLM answers as options. Adapters are imported only when used.
import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import type { Logger } from '../shared/logger.js';
import type { Embedder } from './semantic/embedder.js';
import type { SyncEmbeddingsResult } from './semantic/sync-embeddings.js';
import type { VectorIndex } from './semantic/vector-index.js';
import type { AnswerWriter, KnowledgeStore, Retriever } from './types.js';

type AiConfig = Pick<Config, 'answerMode' | 'retrievalMode' | 'vectorStore' | 'openai' | 'pinecone' | 'addressForm'>;

export interface CreateAiOptionsInput {
  config: AiConfig;
  /** The lexical retriever: used alone by default, and as the authoritative half of hybrid retrieval. */
  lexical: Retriever;
  /** The extractive writer: the default, and the fallback of LLM answers. */
  extractive: AnswerWriter;
  store: KnowledgeStore;
  logger: Logger;
  /** The opened database; needed for VECTOR_STORE=pgvector (open it with `vector: needsPgvector(config)`). */
  db?: Pick<Database, 'prisma'> | undefined;
  /** Replace the embedding endpoint or the vector store (tests, eval); normally built from the settings. */
  embedder?: Embedder | undefined;
  vectors?: VectorIndex | undefined;
}

export interface AiOptions {
  retriever: Retriever;
  writer: AnswerWriter;
  /**
   * Present with RETRIEVAL_MODE=hybrid: embeds new or changed chunks and deletes stale vectors. Call it
   * after start-up and after every knowledge-base change; concurrent calls run one after another.
   */
  sync?: (() => Promise<SyncEmbeddingsResult>) | undefined;
  /** What was chosen, for the start-up log line and /health. */
  summary: { retrieval: 'lexical' | 'hybrid'; answers: 'extractive' | 'llm'; vectorStore?: string | undefined };
}

/** True when the embedded database must be opened with the pgvector extension. */
export function needsPgvector(config: Pick<Config, 'retrievalMode' | 'vectorStore' | 'databaseUrl'>): boolean {
  return config.retrievalMode === 'hybrid' && config.vectorStore === 'pgvector' && !config.databaseUrl;
}

async function buildEmbedder(config: AiConfig): Promise<Embedder> {
  const { createOpenAiEmbedder } = await import('./adapters/openai-embedder.js');
  return createOpenAiEmbedder({
    model: config.openai.embeddingModel,
    dimensions: config.openai.embeddingDimensions,
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseURL,
  });
}

async function buildVectorIndex(input: CreateAiOptionsInput): Promise<VectorIndex> {
  const { config } = input;
  if (config.vectorStore === 'pinecone') {
    const { createPineconeVectorIndex } = await import('./adapters/pinecone-vector-index.js');
    return createPineconeVectorIndex({
      apiKey: config.pinecone.apiKey ?? '',
      index: config.pinecone.index,
      host: config.pinecone.host,
    });
  }
  if (!input.db) throw new Error('VECTOR_STORE=pgvector needs the opened database');
  const { createPgvectorIndex } = await import('../db/stores/pgvector-index.js');
  return createPgvectorIndex({ prisma: input.db.prisma, dimensions: config.openai.embeddingDimensions });
}

/** Builds the configured retriever and writer. Makes no network call itself. */
export async function createAiOptions(input: CreateAiOptionsInput): Promise<AiOptions> {
  const { config, lexical, extractive, store, logger } = input;
  let retriever = lexical;
  let writer = extractive;
  let sync: AiOptions['sync'];
  let vectorStore: string | undefined;

  if (config.retrievalMode === 'hybrid') {
    const { createHybridRetriever, createSemanticRetriever, syncEmbeddings } = await import('./semantic/index.js');
    const embedder = input.embedder ?? (await buildEmbedder(config));
    const vectors = input.vectors ?? (await buildVectorIndex(input));
    vectorStore = vectors.kind;
    retriever = createHybridRetriever({
      lexical,
      semantic: createSemanticRetriever({ store, embedder, vectors }),
      logger,
    });
    let running: Promise<SyncEmbeddingsResult> | undefined;
    sync = () => {
      const previous = running ?? Promise.resolve(undefined);
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          const startedAt = Date.now();
          const result = await syncEmbeddings({ store, embedder, vectors });
          logger.info({ ...result, vectorStore, ms: Date.now() - startedAt }, 'embeddings in sync');
          return result;
        });
      running = next;
      return next;
    };
  }

  if (config.answerMode === 'llm') {
    const [{ createLlmAnswerWriter, loadAnswerPrompt }, { createOpenAiChat }] = await Promise.all([
      import('./llm/index.js'),
      import('./adapters/openai-chat.js'),
    ]);
    writer = createLlmAnswerWriter({
      chat: createOpenAiChat({
        model: config.openai.chatModel,
        apiKey: config.openai.apiKey,
        baseURL: config.openai.baseURL,
        timeoutMs: config.openai.chatTimeoutMs,
      }),
      fallback: extractive,
      systemPrompt: await loadAnswerPrompt({ addressForm: config.addressForm }),
      logger,
      addressForm: config.addressForm,
      timeoutMs: config.openai.chatTimeoutMs,
    });
  }

  return {
    retriever,
    writer,
    sync,
    summary: { retrieval: config.retrievalMode, answers: config.answerMode, vectorStore },
  };
}
