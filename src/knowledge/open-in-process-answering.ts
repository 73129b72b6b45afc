// The answering path on the calling thread: the search index (snapshot under `dataDir` when given), the
// extractive writer, and the AI layer the settings select. Used by the service when an AI option is on, and
// by the CLI.
import path from 'node:path';
import type { Config } from '../config/index.js';
import type { Logger } from '../shared/logger.js';
import { createExtractiveWriter } from './answer/index.js';
import { type AiOptions, type CreateAiOptionsInput, createAiOptions } from './create-ai-options.js';
import { type KnowledgeSearch, openKnowledgeSearch } from './search/index.js';
import type { KnowledgeStore } from './types.js';

export interface OpenInProcessAnsweringInput {
  config: CreateAiOptionsInput['config'] & Pick<Config, 'knowledgeDir'>;
  store: KnowledgeStore;
  dataDir?: string | undefined;
  logger: Logger;
  db?: CreateAiOptionsInput['db'];
}

/**
 * Loads (or builds) the search index and chooses the retriever and writer. Embeddings are not synced here:
 * the caller decides whether to wait for `ai.sync`.
 */
export async function openInProcessAnswering(
  input: OpenInProcessAnsweringInput,
): Promise<{ search: KnowledgeSearch; ai: AiOptions }> {
  const { config, store, logger } = input;
  const search = await openKnowledgeSearch({
    store,
    dataDir: input.dataDir,
    synonymsFile: path.join(config.knowledgeDir, 'synonyms.txt'),
    aliasesDir: path.join(config.knowledgeDir, 'aliases'),
    offDomainFile: path.join(config.knowledgeDir, 'off-domain.txt'),
    logger,
  });
  const ai = await createAiOptions({
    config,
    lexical: search.retriever,
    extractive: createExtractiveWriter({ addressForm: config.addressForm, synonyms: () => search.synonyms() }),
    store,
    logger,
    db: input.db,
  });
  return { search, ai };
}
