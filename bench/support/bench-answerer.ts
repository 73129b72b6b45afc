// The answerer the Telegram bench runs on: the real knowledge base with the default configuration (lexical
// search, extractive answers), started exactly as the service starts it: in the answering worker thread.
import path from 'node:path';
import type { Answerer } from '../../src/conversation/index.js';
import { type KnowledgeStore, startKnowledgeWorker } from '../../src/knowledge/index.js';
import { REPO_ROOT } from '../../test/support/shared-data.js';

export async function createBenchAnswerer(deps: {
  knowledgeStore: KnowledgeStore;
  dataDir: string;
}): Promise<{ answerer: Answerer; description: string; close: () => Promise<void> }> {
  const worker = await startKnowledgeWorker({
    store: deps.knowledgeStore,
    dataDir: deps.dataDir,
    synonymsFile: path.join(REPO_ROOT, 'knowledge', 'synonyms.txt'),
    addressForm: 'Bạn',
  });
  // let the worker's warm-up finish before measuring, as a service that has been up a few seconds would be
  await worker.answerer.ask('Đăng ký khai sinh cần giấy tờ gì?');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return {
    answerer: worker.answerer,
    description: `the knowledge base (lexical search, extractive answers; index ${worker.origin}, in the answering worker thread as in the service)`,
    close: () => worker.close(),
  };
}
