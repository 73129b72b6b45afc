// The answerer the Telegram bench runs on: the real knowledge base (lexical search + extractive answers, the
// default configuration), built exactly as the service builds it, and warmed up the same way.
import path from 'node:path';
import type { Answerer } from '../../src/conversation/index.js';
import {
  createAnswerer,
  createExtractiveWriter,
  type KnowledgeStore,
  openKnowledgeSearch,
  WARM_UP_QUESTIONS,
  warmUpAnswering,
} from '../../src/knowledge/index.js';
import { REPO_ROOT } from '../../test/support/shared-data.js';

export async function createBenchAnswerer(deps: {
  knowledgeStore: KnowledgeStore;
  dataDir: string;
}): Promise<{ answerer: Answerer; description: string }> {
  const search = await openKnowledgeSearch({
    store: deps.knowledgeStore,
    dataDir: deps.dataDir,
    synonymsFile: path.join(REPO_ROOT, 'knowledge', 'synonyms.txt'),
  });
  const answerer = createAnswerer({
    retriever: search.retriever,
    writer: createExtractiveWriter({ addressForm: 'Bạn', synonyms: () => search.synonyms() }),
    addressForm: 'Bạn',
  });
  await warmUpAnswering(answerer, WARM_UP_QUESTIONS);
  return { answerer, description: `the knowledge base (lexical search, extractive answers; index ${search.origin})` };
}
